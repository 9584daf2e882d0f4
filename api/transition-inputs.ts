// Transitions whose request is not yet the Update's argument (contracts/candidature.ts `body` or
// `upload`): what the API resolves first, so a bad code is a 400 naming the field before any
// workflow is asked. Every other transition passes its request through as it is.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UPLOAD_TYPES, type OpinionArgs, type OpinionBody, type TransitionArgs, type TransitionName } from '../contracts/candidature.ts';
import { decisionTypeRef } from '../domain/candidature.ts';
import { storeFile } from '../infra/file-store.ts';
import { checkUpload, receivedFile } from './file-content.ts';
import { readParameters } from './parameters.ts';
import { feesArgs, regimeArgs, tagArgs } from './staff-actions.ts';
import { badRequest, conflict, HttpProblem } from './problem.ts';

export interface InputContext {
  request: FastifyRequest;
  /** The candidate account acting (candidate routes). */
  accountId?: number;
  login: string;
  /** Prefix of the field names in errors (`args.` in a bulk request). */
  field?: string;
  /** The candidatures acted on (one, or a mass action's selection): what tags and SIS codes are checked against. */
  candidatureIds?: readonly string[];
}

type Resolver<N extends TransitionName> = (app: FastifyInstance, request: Record<string, unknown>, ctx: InputContext) => Promise<TransitionArgs<N>>;

const TRANSITION_INPUTS: { [N in TransitionName]?: Resolver<N> } = {
  enterOpinion: (app, body, ctx) => opinionArgs(app, body as OpinionBody, ctx.field),
  submitPiece: async (app, params, ctx) => ({ code: params.code as string, fileId: await receiveUpload(app, ctx) }),
  setTags: (app, body, ctx) => tagArgs(app, body as TransitionArgs<'setTags'>, ctx.candidatureIds ?? [], ctx.field),
  setRegime: (app, body, ctx) => regimeArgs(app, body as TransitionArgs<'setRegime'>, ctx.candidatureIds ?? [], ctx.field),
  setFees: (app, body, ctx) => feesArgs(app, body as TransitionArgs<'setFees'>, ctx.candidatureIds ?? [], ctx.field),
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
  if (!type || !type.active)
    throw badRequest(`${field}decisionType`, {
      fr: `type de décision inconnu ou hors service (${body.decisionType}).`,
      en: `unknown or out-of-service decision type (${body.decisionType}): choose one from the list.`,
    });
  if (body.motiveCode) {
    const motive = await app.db.unfavourableMotive.findUnique({ where: { code: body.motiveCode } });
    if (!motive || !motive.active)
      throw badRequest(`${field}motiveCode`, {
        fr: `motivation inconnue ou hors service (${body.motiveCode}).`,
        en: `unknown or out-of-service motive (${body.motiveCode}): choose one from the list.`,
      });
  }
  // Opinions given after an appeal exist only where the institution manages appeals (SCOL_IS_APPEL).
  if (body.appeal && !(await readParameters(app.db, ['SCOL_IS_APPEL'])).SCOL_IS_APPEL)
    throw badRequest(`${field}appeal`, {
      fr: 'les avis après appel ne sont pas utilisés dans cet établissement (paramètre SCOL_IS_APPEL).',
      en: 'opinions after appeal are not used in this institution (parameter SCOL_IS_APPEL): untick it.',
    });
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
 * id, once api/file-content.ts has passed it (a PDF that opens without active content, a JPEG or a
 * PNG, by its content; within TECH_FILE_MAX_SIZE; virus-scanned when clamd is configured). Refused
 * where files are not given online (TECH_IS_UTILISE_DEMAT) and while uploads are suspended (TECH_IS_DEMAT_MAINTENANCE).
 */
async function receiveUpload(app: FastifyInstance, ctx: InputContext): Promise<number> {
  const { request } = ctx;
  const limits = await readParameters(app.db, ['TECH_IS_DEMAT_MAINTENANCE', 'TECH_IS_UTILISE_DEMAT']);
  if (!limits.TECH_IS_UTILISE_DEMAT)
    throw conflict({
      fr: 'Les pièces ne se déposent pas en ligne dans cet établissement : suivez les consignes de retour du dossier.',
      en: 'Documents are not uploaded online in this institution: follow the instructions for returning your file.',
    });
  if (limits.TECH_IS_DEMAT_MAINTENANCE)
    throw new HttpProblem(
      503,
      { fr: 'Maintenance', en: 'Maintenance' },
      { fr: 'Le dépôt de fichiers est suspendu pour maintenance : réessayez plus tard.', en: 'File uploads are suspended for maintenance: try again later.' },
    );
  const file = await receivedFile(request);
  if (!(UPLOAD_TYPES as readonly string[]).includes(file.mimetype))
    throw badRequest('file', {
      fr: `type de fichier refusé (${file.mimetype}) : PDF, JPEG ou PNG.`,
      en: `file type refused (${file.mimetype}): upload a PDF, JPEG or PNG file.`,
    });
  // What the file is, read from its content (the declared type is the browser's guess from the name).
  const { type, scanned } = await checkUpload(app, file.data, {
    accepted: UPLOAD_TYPES,
    pdfMustOpen: true,
    typeRefused: {
      fr: 'le contenu du fichier n’est pas un PDF, une image JPEG ou PNG lisible : seuls ces formats sont acceptés.',
      en: 'the file’s content is not a readable PDF, JPEG or PNG image: only these formats are accepted.',
    },
  });
  const stored = await storeFile(app.db, app.storage, {
    accountId: ctx.accountId!,
    name: file.filename,
    mimeType: type,
    data: file.data,
    author: ctx.login,
    scanned,
  });
  return stored.id;
}
