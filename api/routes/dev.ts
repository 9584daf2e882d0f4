// Development only: the dev inbox, i.e. the mails the embedded SMTP catcher received.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export interface DevInbox {
  messages(): { id: string; from: string; to: string[]; subject: string; text: string; date: string }[];
}

const devRoutes: FastifyPluginAsyncZod<{ inbox: DevInbox }> = async (app, opts) => {
  app.get(
    '/api/dev/mails',
    {
      config: { access: 'public' },
      schema: {
        tags: ['dev'],
        summary: 'Mails caught by the development SMTP server (newest first)',
        response: {
          200: z.array(z.object({ id: z.string(), from: z.string(), to: z.array(z.string()), subject: z.string(), text: z.string(), date: z.string() })),
        },
      },
    },
    async () =>
      opts.inbox
        .messages()
        .map(({ id, from, to, subject, text, date }) => ({ id, from, to, subject, text, date }))
        .reverse(),
  );
};
export default devRoutes;
