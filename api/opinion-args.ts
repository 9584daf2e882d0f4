// The arguments of an opinion entry as a request gives them, and as the workflow receives them: the
// decision type and motive codes resolved against the configuration (in service only), so a bad code
// is a 400 naming the field before any workflow is asked.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { decisionTypeRef } from '../domain/candidature.ts';
import type { EnterOpinionArgs } from '../domain/messages.ts';
import { badRequest } from './problem.ts';

export const OpinionBody = z.object({
  decisionType: z.string().min(1).max(30),
  motiveCode: z.string().max(30).nullish(),
  lcRank: z.number().int().positive().nullish(),
  interview: z.object({ date: z.iso.date(), time: z.string().regex(/^\d{2}:\d{2}$/), place: z.string().min(1).max(255) }).nullish(),
  comment: z.string().max(1000).nullish(),
  appeal: z.boolean().optional(),
});

/** `field` prefixes the names of bad fields (e.g. `args.` in a bulk request). */
export async function opinionArgs(app: FastifyInstance, body: z.infer<typeof OpinionBody>, field = ''): Promise<EnterOpinionArgs> {
  const type = await app.db.decisionType.findUnique({ where: { code: body.decisionType } });
  if (!type || !type.active) throw badRequest(`${field}decisionType`, `type de décision inconnu ou hors service (${body.decisionType}).`);
  if (body.motiveCode) {
    const motive = await app.db.unfavourableMotive.findUnique({ where: { code: body.motiveCode } });
    if (!motive || !motive.active) throw badRequest(`${field}motiveCode`, `motivation inconnue ou hors service (${body.motiveCode}).`);
  }
  return {
    decisionType: decisionTypeRef(type),
    motiveCode: body.motiveCode ?? null,
    lcRank: body.lcRank ?? null,
    interview: body.interview ?? null,
    comment: body.comment ?? null,
    appeal: body.appeal ?? false,
  };
}
