// What the candidate's page shows beside the view (contracts/candidature-details.ts), read from the
// configuration and the read model: the published decision with its labels in the reader's language,
// the rank on the complementary list per LC_MODE_AFFICHAGE_RANG (N none, S entered, R real: the
// position among the formation's candidatures on the list, in the order promotions follow), the
// interview, the commission's contact and return address, the formation's dates, the documents.
import type { FastifyInstance } from 'fastify';
import type { CandidatureDetails } from '../contracts/candidature-details.ts';
import { lastValidatedOpinion, type CandidatureState } from '../domain/candidature.ts';
import type { CandidatureRow } from './candidature-service.ts';
import type { Language } from './language.ts';
import { dueLetter } from './letters/letter.ts';
import { readParameters } from './parameters.ts';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** Entered rank first (unranked last), then who was published first: the order promotions follow (workflows/waiting-list.ts). */
async function realRank(app: FastifyInstance, row: CandidatureRow): Promise<number | null> {
  const rows = await app.db.candidature.findMany({
    where: { formationId: row.formationId, opinionKind: 'LC', opinionValidated: true, cancelledAt: null },
    select: { id: true, state: true },
  });
  const entries = rows
    .map((r) => ({ id: r.id, entry: r.state ? lastValidatedOpinion(r.state as unknown as CandidatureState) : undefined }))
    .filter((r) => r.entry?.kind === 'LC')
    .sort((a, b) => (a.entry!.lcRank ?? Infinity) - (b.entry!.lcRank ?? Infinity) || (a.entry!.validatedAt ?? '').localeCompare(b.entry!.validatedAt ?? ''));
  const position = entries.findIndex((e) => e.id === row.id);
  return position < 0 ? null : position + 1;
}

/** The labels of the candidature's documents and questions in the reader's language (French when no English one is set). */
export async function itemLabels(app: FastifyInstance, state: CandidatureState, lang: Language): Promise<CandidatureDetails['labels']> {
  const byCode = (items: { code: string; label: string }[]) => Object.fromEntries(items.map((i) => [i.code, i.label]));
  if (lang === 'fr') return { pieces: byCode(state.pieces), questions: byCode(state.questions) };
  const [documents, questions] = await Promise.all([
    app.db.supportingDocument.findMany({ where: { code: { in: state.pieces.map((p) => p.code) } }, select: { code: true, labelEn: true } }),
    app.db.question.findMany({ where: { code: { in: state.questions.map((q) => q.code) } }, select: { code: true, labelEn: true } }),
  ]);
  const english = (rows: { code: string; labelEn: string | null }[]) => new Map(rows.map((r) => [r.code, r.labelEn]));
  const en = { pieces: english(documents), questions: english(questions) };
  return {
    pieces: byCode(state.pieces.map((p) => ({ code: p.code, label: en.pieces.get(p.code) || p.label }))),
    questions: byCode(state.questions.map((q) => ({ code: q.code, label: en.questions.get(q.code) || q.label }))),
  };
}

export async function candidatureDetails(app: FastifyInstance, row: CandidatureRow, state: CandidatureState, lang: Language): Promise<CandidatureDetails> {
  const formation = await app.db.formation.findUniqueOrThrow({ where: { id: row.formationId }, include: { commission: true } });
  const c = formation.commission;
  const published = lastValidatedOpinion(state);

  let decision: CandidatureDetails['decision'] = null;
  if (published) {
    const [type, motive, parameters] = await Promise.all([
      app.db.decisionType.findUnique({ where: { code: published.decisionType } }),
      published.motiveCode ? app.db.unfavourableMotive.findUnique({ where: { code: published.motiveCode } }) : null,
      readParameters(app.db, ['LC_MODE_AFFICHAGE_RANG']),
    ]);
    const rankMode = parameters.LC_MODE_AFFICHAGE_RANG;
    decision = {
      decisionTypeLabel: (lang === 'en' ? type?.labelEn : null) || type?.label || published.decisionType,
      motive: motive ? (lang === 'en' ? motive.labelEn : null) || motive.label : (published.motiveCode ?? null),
      lcRank: published.kind !== 'LC' || rankMode === 'N' ? null : rankMode === 'R' ? await realRank(app, row) : published.lcRank,
      interview: published.kind === 'PR' && published.interview ? published.interview : null,
      comment: type?.showComment ? published.comment : null,
    };
  }

  return {
    decision,
    labels: await itemLabels(app, state, lang),
    commission: {
      label: c.label,
      email: c.email,
      phone: c.phone,
      url: c.url,
      address: [c.addressLine1, c.addressLine2, c.addressLine3, [c.postcode, c.city].filter(Boolean).join(' ')].filter((l): l is string => !!l),
      returnComment: (lang === 'en' ? c.returnCommentEn : null) || c.returnComment,
    },
    formation: { analysisOn: day(formation.analysisOn), juryOn: day(formation.juryOn), publicationOn: day(formation.publicationOn) },
    documents: {
      receipt: state.dates.transmittedAt !== null,
      // The same rule as the download itself: a link only when the letter would come.
      letter: 'kind' in (await dueLetter(app.db, state, c, 'download')),
      dossier: true,
    },
  };
}
