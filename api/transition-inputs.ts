// Transitions whose request is not yet the Update's argument (contracts/candidature.ts `body` or
// `upload`): what the API resolves first, so a bad code is a 400 naming the field before any
// workflow is asked. Every other transition passes its request through as it is.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UPLOAD_TYPES, type OpinionArgs, type OpinionBody, type TransitionArgs, type TransitionName } from '../contracts/candidature.ts';
import { decisionTypeRef } from '../domain/candidature.ts';
import { storeFile } from '../infra/file-store.ts';
import { readParameters } from './parameters.ts';
import { badRequest, HttpProblem } from './problem.ts';

export interface InputContext {
  request: FastifyRequest;
  /** The candidate account acting (candidate routes). */
  accountId?: number;
  login: string;
  /** Prefix of the field names in errors (`args.` in a bulk request). */
  field?: string;
}

type Resolver<N extends TransitionName> = (app: FastifyInstance, request: Record<string, unknown>, ctx: InputContext) => Promise<TransitionArgs<N>>;

const TRANSITION_INPUTS: { [N in TransitionName]?: Resolver<N> } = {
  enterOpinion: (app, body, ctx) => opinionArgs(app, body as OpinionBody, ctx.field),
  submitPiece: async (app, params, ctx) => ({ code: params.code as string, fileId: await receiveUpload(app, ctx) }),
};

/** The Update's argument of a transition from its request (path parameters and body together): resolved where it must be, else as it is. */
export async function transitionArgs(
  app: FastifyInstance,
  name: TransitionName,
  request: Record<string, unknown>,
  ctx: InputContext,
): Promise<Record<string, unknown>> {
  const resolve = TRANSITION_INPUTS[name] as Resolver<TransitionName> | undefined;
  return resolve ? ((await resolve(app, request, ctx)) as Record<string, unknown>) : request;
}

/** The opinion as the workflow receives it: the decision type and motive resolved against the configuration (in service only). */
async function opinionArgs(app: FastifyInstance, body: OpinionBody, field = ''): Promise<OpinionArgs> {
  const type = await app.db.decisionType.findUnique({ where: { code: body.decisionType } });
  if (!type || !type.active) throw badRequest(`${field}decisionType`, `type de décision inconnu ou hors service (${body.decisionType}).`);
  if (body.motiveCode) {
    const motive = await app.db.unfavourableMotive.findUnique({ where: { code: body.motiveCode } });
    if (!motive || !motive.active) throw badRequest(`${field}motiveCode`, `motivation inconnue ou hors service (${body.motiveCode}).`);
  }
  // Opinions given after an appeal exist only where the institution manages appeals (SCOL_IS_APPEL).
  if (body.appeal && !(await readParameters(app.db, ['SCOL_IS_APPEL'])).SCOL_IS_APPEL)
    throw badRequest(`${field}appeal`, 'les avis après appel ne sont pas utilisés dans cet établissement (paramètre SCOL_IS_APPEL).');
  return {
    decisionType: decisionTypeRef(type),
    motiveCode: body.motiveCode ?? null,
    lcRank: body.lcRank ?? null,
    interview: body.interview ?? null,
    comment: body.comment ?? null,
    appeal: body.appeal ?? false,
  };
}

/**
 * The uploaded file of a supporting document (multipart, field "file"), stored for the candidate: its
 * id. Refused where files are not given online (TECH_IS_UTILISE_DEMAT), while uploads are suspended
 * (TECH_IS_DEMAT_MAINTENANCE) and above TECH_FILE_MAX_SIZE.
 */
async function receiveUpload(app: FastifyInstance, ctx: InputContext): Promise<number> {
  const { request } = ctx;
  const limits = await readParameters(app.db, ['TECH_FILE_MAX_SIZE', 'TECH_IS_DEMAT_MAINTENANCE', 'TECH_IS_UTILISE_DEMAT']);
  if (!limits.TECH_IS_UTILISE_DEMAT)
    throw new HttpProblem(
      409,
      'Action impossible maintenant',
      'Les pièces ne se déposent pas en ligne dans cet établissement : suivez les consignes de retour du dossier.',
    );
  if (limits.TECH_IS_DEMAT_MAINTENANCE) throw new HttpProblem(503, 'Maintenance', 'Le dépôt de fichiers est suspendu pour maintenance : réessayez plus tard.');
  const file = request.isMultipart() ? await request.file() : undefined;
  if (!file) throw badRequest('file', 'aucun fichier reçu (multipart/form-data, champ « file »).');
  if (!(UPLOAD_TYPES as readonly string[]).includes(file.mimetype)) throw badRequest('file', `type de fichier refusé (${file.mimetype}) : PDF, JPEG ou PNG.`);
  const data = await file.toBuffer();
  if (file.file.truncated) throw badRequest('file', 'fichier trop volumineux (10 Mo au plus).');
  if (data.length === 0) throw badRequest('file', 'fichier vide.');
  if (data.length > limits.TECH_FILE_MAX_SIZE * 1024 * 1024) throw badRequest('file', `fichier trop volumineux (${limits.TECH_FILE_MAX_SIZE} Mo au plus).`);
  const stored = await storeFile(app.db, app.config.filesDir, {
    accountId: ctx.accountId!,
    name: file.filename,
    mimeType: file.mimetype,
    data,
    author: ctx.login,
  });
  return stored.id;
}
