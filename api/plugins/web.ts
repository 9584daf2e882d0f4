// Serves the built Vue app (web/dist) on the same port as the API, with the SPA fallback: any GET
// outside /api that matches no file gets index.html, so deep links work. Unknown /api paths get a
// problem+json 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ROOT_DIR } from '../../infra/config.ts';
import { notFound } from '../problem.ts';

export const WEB_DIST = join(ROOT_DIR, 'web', 'dist');

export default fp(async function web(app: FastifyInstance) {
  const built = existsSync(join(WEB_DIST, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      // Hashed assets never change; index.html must always be revalidated.
      setHeaders: (reply, path) => reply.header('Cache-Control', path.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable'),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing asset (a build replaced since the page loaded) is a 404, never the app's HTML.
    if (request.method === 'GET' && !request.url.startsWith('/api') && !request.url.startsWith('/assets/')) {
      if (built) return reply.header('Cache-Control', 'no-store').sendFile('index.html');
      return reply.type('text/plain; charset=utf-8').send('L’application web n’est pas construite : lancez « npm start » (ou « npm run build:web »).');
    }
    // The error handler words it in the reader's language.
    throw notFound({ fr: `${request.method} ${request.url} n'existe pas.`, en: `${request.method} ${request.url} does not exist.` });
  });
});
