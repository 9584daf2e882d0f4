// The public catalogue (contracts/catalogue.ts): the campaigns in service → centres → diploma types →
// formations in service, read from the setup tables with the documents and questions a candidature
// to each formation will ask (the same selection as api/candidature-service.ts `requiredItems`), the
// access mode (TECH_IS_UTILISE_DEMAT and the formation's demat flag) and the application period of
// today. Keyword search runs here, accent- and case-insensitive, every word must match.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type {
  AccessMode,
  ApplicationPeriod,
  Catalogue,
  CatalogueCampaign,
  CatalogueDocument,
  CatalogueFormation,
  CatalogueFormationDetail,
  CatalogueQuestion,
} from '../contracts/catalogue.ts';
import type { Traitement } from '../domain/codes.ts';
import { parisDate } from '../domain/time.ts';
import type { Language } from './language.ts';
import { readParameters } from './parameters.ts';
import { notFound } from './problem.ts';
import { fromDay } from './setup/context.ts';
import { sendStoredFile } from './stored-files.ts';

/** Public URL of a supporting document's model file. */
export const modelFileUrl = (code: string) => `/api/catalogue/documents/${encodeURIComponent(code)}/model`;

const formationInclude = {
  commission: { include: { centre: true } },
  formationType: true,
  supportingDocuments: { select: { supportingDocumentId: true } },
  questions: { select: { questionId: true } },
} as const;

type CampaignRow = Awaited<ReturnType<typeof campaignsInService>>[number];

function campaignsInService(app: FastifyInstance, code?: string) {
  return app.db.campaign.findMany({
    where: { active: true, archivedAt: null, destroyedAt: null, ...(code ? { code } : {}) },
    orderBy: { code: 'asc' },
  });
}

/** Where an application period stands on `today` (a Paris day): the campaign's window and the formation's. */
export function applicationPeriod(
  today: string,
  campaign: { startsOn: string; endsOn: string; candidateAccessEndsOn: string | null },
  formation: { applicationStartsOn: string; applicationEndsOn: string },
): ApplicationPeriod {
  const from = campaign.startsOn > formation.applicationStartsOn ? campaign.startsOn : formation.applicationStartsOn;
  const campaignEnd = campaign.candidateAccessEndsOn ?? campaign.endsOn;
  const to = campaignEnd < formation.applicationEndsOn ? campaignEnd : formation.applicationEndsOn;
  if (today < from) return 'upcoming';
  if (today > to) return 'closed';
  return 'open';
}

/** Lower case, accents removed: what keyword search compares. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function keywordsOf(raw: string | null): string[] {
  return (raw ?? '')
    .split(/[,;]/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** Everything the catalogue shows of the formations in service of the campaigns in service. */
async function loadFormations(app: FastifyInstance, campaigns: CampaignRow[], where: { code?: string } = {}) {
  const sisTypes = [...new Set(campaigns.map((c) => c.sisType))];
  const [formations, documents, questions, parameters] = await Promise.all([
    app.db.formation.findMany({
      where: { active: true, ...where, commission: { active: true, centre: { active: true, sisType: { in: sisTypes } } } },
      include: formationInclude,
      orderBy: [{ label: 'asc' }, { code: 'asc' }],
    }),
    app.db.supportingDocument.findMany({
      where: { active: true },
      include: { modelFile: { select: { name: true, size: true } } },
      orderBy: [{ order: 'asc' }, { code: 'asc' }],
    }),
    app.db.question.findMany({ where: { active: true }, orderBy: [{ order: 'asc' }, { code: 'asc' }] }),
    readParameters(app.db, ['TECH_IS_UTILISE_DEMAT', 'SCOL_MODE_TYPE_FORMATION']),
  ]);
  const diplomaCodes = [...new Set(formations.map((f) => f.sisDiplomaTypeCode).filter((c): c is string => !!c))];
  const diplomaTypes =
    parameters.SCOL_MODE_TYPE_FORMATION === 'DIP' && diplomaCodes.length ? await app.db.sisDiplomaType.findMany({ where: { code: { in: diplomaCodes } } }) : [];
  const today = parisDate(new Date());

  return formations.flatMap((f): CatalogueFormation[] => {
    const centre = f.commission.centre;
    const campaign = campaigns.find((c) => c.sisType === centre.sisType);
    if (!campaign) return [];
    const ownDocuments = new Set(f.supportingDocuments.map((d) => d.supportingDocumentId));
    const ownQuestions = new Set(f.questions.map((q) => q.questionId));
    const docs: CatalogueDocument[] = documents
      .filter((d) => (d.isCommon || ownDocuments.has(d.id)) && (!d.traitement || d.traitement === f.traitement))
      .map((d) => ({
        code: d.code,
        label: d.label,
        labelEn: d.labelEn,
        conditional: d.isConditional,
        traitement: d.traitement as Traitement | null,
        modelFile: d.modelFile ? { name: d.modelFile.name, size: d.modelFile.size ?? 0, url: modelFileUrl(d.code) } : null,
      }));
    const asked: CatalogueQuestion[] = questions
      .filter((q) => q.isCommon || ownQuestions.has(q.id))
      .map((q) => ({ code: q.code, label: q.label, labelEn: q.labelEn, type: q.type === 'B' ? 'B' : 'S', conditional: q.isConditional }));
    let diplomaType: CatalogueFormation['diplomaType'] = null;
    if (parameters.SCOL_MODE_TYPE_FORMATION === 'NOM' && f.formationType) diplomaType = { code: f.formationType.code, label: f.formationType.label };
    if (parameters.SCOL_MODE_TYPE_FORMATION === 'DIP' && f.sisDiplomaTypeCode) {
      const sis = diplomaTypes.find((t) => t.code === f.sisDiplomaTypeCode && t.sisType === centre.sisType);
      diplomaType = { code: f.sisDiplomaTypeCode, label: sis?.label ?? f.sisDiplomaTypeCode };
    }
    const dates = {
      applicationStartsOn: fromDay(f.applicationStartsOn),
      applicationEndsOn: fromDay(f.applicationEndsOn),
      returnDeadline: fromDay(f.returnDeadline),
      analysisOn: fromDay(f.analysisOn),
      juryOn: fromDay(f.juryOn),
      publicationOn: fromDay(f.publicationOn),
      confirmationOn: fromDay(f.confirmationOn),
      confirmationDelayDays: f.confirmationDelayDays,
      lcConfirmationOn: fromDay(f.lcConfirmationOn),
      lcConfirmationDelayDays: f.lcConfirmationDelayDays,
      preselection:
        f.preselectOn || f.preselectPlace || f.preselectTime ? { on: fromDay(f.preselectOn), time: f.preselectTime, place: f.preselectPlace } : null,
    };
    const period = applicationPeriod(
      today,
      { startsOn: fromDay(campaign.startsOn), endsOn: fromDay(campaign.endsOn), candidateAccessEndsOn: fromDay(campaign.candidateAccessEndsOn) },
      dates,
    );
    const accessMode: AccessMode = parameters.TECH_IS_UTILISE_DEMAT && f.demat ? 'demat' : 'paper';
    return [
      {
        code: f.code,
        label: f.label,
        campaignCode: campaign.code,
        centre: { code: centre.code, label: centre.label },
        commission: { code: f.commission.code, label: f.commission.label },
        diplomaType,
        traitement: f.traitement as Traitement,
        accessMode,
        capacity: f.capacity,
        dates,
        period,
        openToday: period === 'open',
        keywords: keywordsOf(f.keywords),
        url: f.url,
        additionalInfo: f.additionalInfo,
        additionalInfoEn: f.additionalInfoEn,
        documents: docs,
        questions: asked,
      },
    ];
  });
}

function matches(formation: CatalogueFormation, words: string[]): boolean {
  const haystack = fold(
    [formation.code, formation.label, ...formation.keywords, formation.centre.code, formation.centre.label, formation.diplomaType?.label ?? ''].join(' '),
  );
  return words.every((w) => haystack.includes(w));
}

function byLabel(a: { label: string | null }, b: { label: string | null }, lang: Language) {
  if (a.label === null) return 1;
  if (b.label === null) return -1;
  return a.label.localeCompare(b.label, lang);
}

export interface CatalogueOptions {
  q?: string;
  campaign?: string;
  onlyOpen?: boolean;
  lang: Language;
}

/** `GET /api/catalogue`: the tree of what may be applied to, filtered by the search. */
export async function readCatalogue(app: FastifyInstance, options: CatalogueOptions): Promise<Catalogue> {
  const campaigns = await campaignsInService(app, options.campaign);
  const q = options.q?.trim() || null;
  const words = q ? fold(q).split(/\s+/).filter(Boolean) : [];
  const formations = (campaigns.length ? await loadFormations(app, campaigns) : []).filter((f) => (!options.onlyOpen || f.openToday) && matches(f, words));
  const centreRows = await app.db.centre.findMany({ where: { code: { in: [...new Set(formations.map((f) => f.centre.code))] } } });

  const tree: CatalogueCampaign[] = campaigns.map((campaign) => {
    const mine = formations.filter((f) => f.campaignCode === campaign.code);
    const centreCodes = [...new Set(mine.map((f) => f.centre.code))];
    return {
      code: campaign.code,
      label: campaign.label,
      labelEn: campaign.labelEn,
      sisType: campaign.sisType,
      startsOn: fromDay(campaign.startsOn),
      endsOn: fromDay(campaign.endsOn),
      candidateAccessEndsOn: fromDay(campaign.candidateAccessEndsOn),
      centres: centreCodes
        .map((code) => {
          const row = centreRows.find((c) => c.code === code)!;
          const ofCentre = mine.filter((f) => f.centre.code === code);
          const typeKeys = [...new Set(ofCentre.map((f) => f.diplomaType?.code ?? null))];
          return {
            code,
            label: row.label,
            contactEmail: row.contactEmail,
            additionalInfo: row.additionalInfo,
            diplomaTypes: typeKeys
              .map((typeCode) => {
                const grouped = ofCentre.filter((f) => (f.diplomaType?.code ?? null) === typeCode);
                return { code: typeCode, label: grouped[0]!.diplomaType?.label ?? null, formations: grouped };
              })
              .sort((a, b) => byLabel(a, b, options.lang)),
          };
        })
        .sort((a, b) => byLabel(a, b, options.lang)),
    };
  });
  return { today: parisDate(new Date()), q, campaigns: tree, formationCount: formations.length };
}

/** `GET /api/catalogue/formations/:code`: one formation of the catalogue with its commission's contact (404 otherwise). */
export async function readCatalogueFormation(app: FastifyInstance, code: string, lang: Language): Promise<CatalogueFormationDetail> {
  const campaigns = await campaignsInService(app);
  const [formation] = campaigns.length ? await loadFormations(app, campaigns, { code }) : [];
  if (!formation) throw notFound({ fr: `La formation ${code} n'est pas proposée actuellement.`, en: `Formation ${code} is not offered at present.` }[lang]);
  const campaign = campaigns.find((c) => c.code === formation.campaignCode)!;
  const commission = await app.db.commission.findUniqueOrThrow({ where: { code: formation.commission.code } });
  const cityLine = [commission.postcode, commission.city].filter(Boolean).join(' ');
  return {
    ...formation,
    campaign: { code: campaign.code, label: campaign.label, labelEn: campaign.labelEn },
    contact: {
      code: commission.code,
      label: commission.label,
      email: commission.email,
      phone: commission.phone,
      url: commission.url,
      address: [commission.addressLine1, commission.addressLine2, commission.addressLine3, cityLine].filter((l): l is string => !!l),
      returnComment: commission.returnComment,
      returnCommentEn: commission.returnCommentEn,
    },
  };
}

/** `GET /api/catalogue/documents/:code/model`: the model file of a supporting document in service (404 otherwise). */
export async function sendDocumentModel(app: FastifyInstance, reply: FastifyReply, code: string, lang: Language) {
  const row = await app.db.supportingDocument.findUnique({ where: { code }, select: { active: true, modelFile: true } });
  if (!row?.active || !row.modelFile)
    throw notFound({ fr: `Aucun modèle à télécharger pour la pièce ${code}.`, en: `No model file to download for document ${code}.` }[lang]);
  return sendStoredFile(reply, app.storage, row.modelFile);
}
