// The candidate's whole file for a staff member in the candidature's scope (contracts/staff-file.ts):
// the candidate's file as the profile service reads it (api/profile-service.ts), this candidature's
// answers and documents from its state, the other candidatures of the campaign filtered by the
// reader's scope (api/scope.ts; the others counted, never shown), and the opinion history with the
// decision types' and motives' labels in the reader's language. Everything from the read model and
// the configuration: no Temporal call (a row projected before the state was kept excepted).
import type { FastifyInstance } from 'fastify';
import type { ActingUser } from '../contracts/actors.ts';
import type { OpinionEntryView } from '../contracts/candidature.ts';
import { VIEWABLE_TYPES, type OtherCandidature, type StaffFile, type StaffFileDocument } from '../contracts/staff-file.ts';
import { viewFor } from '../domain/candidature.ts';
import type { DossierStatus, OpinionKind, Stage } from '../domain/codes.ts';
import { itemLabels } from './candidature-details.ts';
import { loadState, type CandidatureRow } from './candidature-service.ts';
import type { Language } from './language.ts';
import { readProfile } from './profile-service.ts';

const enc = encodeURIComponent;
type Labelled = { code: string; label: string; labelEn: string | null };

/** The label of each code in the reader's language (French when no English one is set). */
function byCode(rows: Labelled[], lang: Language): Map<string, string> {
  return new Map(rows.map((r) => [r.code, (lang === 'en' ? r.labelEn : null) || r.label]));
}

async function opinionLabels(app: FastifyInstance, decisionCodes: string[], motiveCodes: string[], lang: Language) {
  const [types, motives] = await Promise.all([
    decisionCodes.length ? app.db.decisionType.findMany({ where: { code: { in: decisionCodes } }, select: { code: true, label: true, labelEn: true } }) : [],
    motiveCodes.length ? app.db.unfavourableMotive.findMany({ where: { code: { in: motiveCodes } }, select: { code: true, label: true, labelEn: true } }) : [],
  ]);
  return { decisionTypes: byCode(types, lang), motives: byCode(motives, lang) };
}

/** The candidate's other candidatures of the campaign, with the commission each belongs to. */
function otherCandidatures(app: FastifyInstance, row: CandidatureRow) {
  return app.db.candidature.findMany({
    where: { accountId: row.accountId, campaignId: row.campaignId, id: { not: row.id } },
    select: {
      id: true,
      stage: true,
      dossierStatus: true,
      opinionKind: true,
      opinionDecisionType: true,
      opinionValidated: true,
      createdAt: true,
      commissionId: true,
      formation: { select: { code: true, label: true, commissionId: true, commission: { select: { code: true } } } },
    },
    orderBy: { createdAt: 'asc' },
  });
}
type OtherRow = Awaited<ReturnType<typeof otherCandidatures>>[number];

function otherOf(o: OtherRow, decisionLabel: (code: string) => string): OtherCandidature {
  return {
    id: o.id,
    formationCode: o.formation.code,
    formationLabel: o.formation.label,
    commissionCode: o.formation.commission.code,
    stage: o.stage as Stage,
    dossierStatus: o.dossierStatus as DossierStatus,
    opinion:
      o.opinionKind && o.opinionDecisionType
        ? { kind: o.opinionKind as OpinionKind, decisionTypeLabel: decisionLabel(o.opinionDecisionType), validated: o.opinionValidated }
        : null,
    createdAt: o.createdAt.toISOString(),
  };
}

/**
 * The whole file of the candidature's candidate, for a reader already checked to be in its scope
 * (`actor`, from api/scope.ts `actorOn`) whose visible commissions are `commissionIds` (null: all).
 */
export async function readStaffFile(
  app: FastifyInstance,
  row: CandidatureRow,
  actor: ActingUser,
  commissionIds: number[] | null,
  lang: Language,
): Promise<StaffFile> {
  const state = await loadState(app, row);
  const view = viewFor(state, actor, new Date());
  const [account, profile, labels, files, others] = await Promise.all([
    app.db.candidateAccount.findUniqueOrThrow({
      where: { id: row.accountId },
      select: { dossierNumber: true, firstName: true, lastName: true, email: true, language: true, studentNumber: true },
    }),
    readProfile(app, row.accountId),
    itemLabels(app, state, lang),
    app.db.storedFile.findMany({
      where: { id: { in: view.pieces.map((p) => p.fileId).filter((id): id is number => id !== null) } },
      select: { id: true, name: true, mimeType: true, size: true },
    }),
    otherCandidatures(app, row),
  ]);
  // Only those of the reader's commissions are shown; the others are counted.
  const visible = others.filter((o) => commissionIds === null || commissionIds.includes(o.commissionId ?? o.formation.commissionId));
  const opinions: OpinionEntryView[] = view.opinions;
  const { decisionTypes, motives } = await opinionLabels(
    app,
    [...new Set([...opinions.map((o) => o.decisionType), ...visible.flatMap((o) => (o.opinionDecisionType ? [o.opinionDecisionType] : []))])],
    [...new Set(opinions.map((o) => o.motiveCode).filter((c): c is string => !!c))],
    lang,
  );
  const decisionLabel = (code: string) => decisionTypes.get(code) ?? code;
  const fileById = new Map(files.map((f) => [f.id, f]));
  const base = `/api/staff/candidatures/${enc(row.id)}`;

  const documents: StaffFileDocument[] = view.pieces.map((p) => {
    const f = p.fileId === null ? undefined : fileById.get(p.fileId);
    return {
      ...p,
      label: labels.pieces[p.code] ?? p.label,
      file: f
        ? {
            name: f.name,
            mimeType: f.mimeType,
            size: f.size,
            url: `${base}/pieces/${enc(p.code)}/file`,
            viewable: (VIEWABLE_TYPES as readonly string[]).includes(f.mimeType ?? ''),
          }
        : null,
    };
  });

  return {
    candidatureId: row.id,
    campaignCode: view.campaignCode,
    formationCode: view.formationCode,
    formationLabel: view.formationLabel,
    commissionCode: view.commissionCode,
    candidate: { accountId: row.accountId, ...account },
    profile,
    answers: view.questions.map((q) => ({ ...q, label: labels.questions[q.code] ?? q.label })),
    documents,
    otherCandidatures: { items: visible.map((o) => otherOf(o, decisionLabel)), outOfScope: others.length - visible.length },
    opinions: opinions.map((o) => ({
      ...o,
      decisionTypeLabel: decisionLabel(o.decisionType),
      motiveLabel: o.motiveCode ? (motives.get(o.motiveCode) ?? o.motiveCode) : null,
    })),
    dossierPdfUrl: `${base}/dossier?lang=${lang}`,
  };
}
