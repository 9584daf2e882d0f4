// Security headers on every answer (@fastify/helmet): a Content-Security-Policy the built Vue app
// passes (tests/e2e/content-security-policy.test.ts visits its pages in Chromium and counts the
// violations: none), X-Content-Type-Options nosniff, no framing (frame-ancestors 'none' and
// X-Frame-Options DENY), Referrer-Policy same-origin, and HSTS only when the public URL is https.
//
// Referrer-Policy is `same-origin`, not helmet's `no-referrer`: under `no-referrer` browsers send
// `Origin: null` on the app's own POSTs, and the cross-site request check (plugins/csrf.ts) needs
// the real origin. Cross-site, no referrer leaves (the mail links carry tokens in their query).
//
// Scripts: the app's own files only ('self'), no 'unsafe-inline', no 'unsafe-eval'; the one change
// the app needed was zod's eval probe (web/src/zod-jitless.ts). Styles, found in Chromium rather
// than assumed: the app itself needs nothing inline (Vue's `style` bindings go through the CSSOM,
// which a policy does not govern; the build inlines no `<style>`), so `<style>` elements and style
// sheets stay 'self' (style-src-elem). But the mail preview of the setup pages shows a mail's HTML in
// a sandboxed srcdoc frame, which inherits this policy, and mails carry `style="…"` attributes:
// style-src-attr 'unsafe-inline' lets them render as they will be sent. A style attribute runs no
// script; images in a previewed mail stay limited to img-src (no remote images).
//
// Swagger UI (/api/docs and its files) gets a policy of its own, scoped to that prefix: it injects
// `<style>` elements (Chromium blocks them under style-src 'self'), so 'unsafe-inline' for styles
// there; its scripts are still its own files only.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Where Swagger UI is served (its page, its files and the document it reads). */
export const API_DOCS_PREFIX = '/api/docs';

type Directives = Record<string, string[]>;

/** The policy of the web application and every API answer. */
export function appCspDirectives(https: boolean): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'style-src-elem': ["'self'"],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    // The staff page shows a candidate's PDF in a frame from a blob: URL its own script made (web/src/components/staff/FileViewer.vue).
    'frame-src': ['blob:'],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Swagger UI's relaxed policy: inline `<style>` elements allowed; scripts still its own files only. */
export function docsCspDirectives(https: boolean): Directives {
  return {
    ...appCspDirectives(https),
    'style-src': ["'self'", "'unsafe-inline'"],
    'style-src-elem': ["'self'", "'unsafe-inline'"],
  };
}

/** A policy as its header reads. */
export const cspHeader = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');

export default fp(async function securityHeaders(app: FastifyInstance) {
  const https = app.config.publicUrl.startsWith('https://');
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: appCspDirectives(https) },
    // Same-origin subresources only (the app loads nothing from elsewhere); files stay downloadable.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // HSTS only where the site is reached over https: sent over http it would be ignored at best,
    // and a development machine's 127.0.0.1 must not be pinned to https.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  const docsPolicy = cspHeader(docsCspDirectives(https));
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path === API_DOCS_PREFIX || path.startsWith(`${API_DOCS_PREFIX}/`)) reply.raw.setHeader('content-security-policy', docsPolicy);
  });
});
