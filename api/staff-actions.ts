// The managers' "more actions" on the API side: the tags a staff member may put on candidatures (the
// active ones of the centres in their scope and those of every centre), and what the API checks
// before the Updates of tags, régime and fees (api/transition-inputs.ts calls these for the single
// routes and the mass actions alike): tag ids of the candidature's centre, SIS codes in service.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TransitionArgs } from '../contracts/candidature.ts';
import { fieldLabel } from '../contracts/field-labels.ts';
import { REFUSALS } from '../contracts/refusals.ts';
import type { AdmissionCodes, StaffTags } from '../contracts/staff-actions.ts';
import type { SisType } from '../domain/codes.ts';
import { loadCandidature } from './candidature-service.ts';
import type { Language } from './language.ts';
import { requireStaff } from './plugins/auth.ts';
import { HttpProblem, type LocalizedText } from './problem.ts';
import { actorOn, staffCommissionIds } from './scope.ts';

/** 422 on one field, named by its label in the reader's language. */
function invalidField(field: string, message: LocalizedText): HttpProblem {
  const text = (lang: Language) => `${fieldLabel(field, lang)}${lang === 'fr' ? ' : ' : ': '}${message[lang]}`;
  const worded = { fr: text('fr'), en: text('en') };
  return new HttpProblem(REFUSALS.Invalid.status, REFUSALS.Invalid.title, worded, [{ field, message: worded }]);
}

const tagChip = (t: { id: number; label: string; colour: string }) => ({ id: t.id, label: t.label, colour: t.colour });

/**
 * The active tags a staff member may use: those of every centre and those of the centres of their
 * commissions (admins: all); with a candidature (in their scope), those that may go on it.
 */
export async function staffTags(app: FastifyInstance, request: FastifyRequest, candidatureId?: string): Promise<StaffTags> {
  let centreIds: number[] | null;
  if (candidatureId) {
    const row = await loadCandidature(app, candidatureId);
    await actorOn(app, request, 'staff', row);
    const formation = await app.db.formation.findUniqueOrThrow({ where: { id: row.formationId }, select: { commission: { select: { centreId: true } } } });
    centreIds = [formation.commission.centreId];
  } else {
    const commissionIds = await staffCommissionIds(app, requireStaff(request));
    centreIds =
      commissionIds === null
        ? null
        : [...new Set((await app.db.commission.findMany({ where: { id: { in: commissionIds } }, select: { centreId: true } })).map((c) => c.centreId))];
  }
  const tags = await app.db.tag.findMany({
    where: { active: true, ...(centreIds === null ? {} : { OR: [{ centreId: null }, { centreId: { in: centreIds } }] }) },
    orderBy: [{ label: 'asc' }, { id: 'asc' }],
  });
  return tags.map(tagChip);
}

/** The SIS's régimes and fee exemption categories in service. */
export async function admissionCodes(app: FastifyInstance, sisType: SisType): Promise<AdmissionCodes> {
  const [regimes, exemptionCategories] = await Promise.all([
    app.db.sisRegime.findMany({ where: { sisType, active: true }, orderBy: { label: 'asc' }, select: { code: true, label: true } }),
    app.db.sisExemptionCategory.findMany({ where: { sisType, active: true }, orderBy: { label: 'asc' }, select: { code: true, label: true } }),
  ]);
  return { regimes, exemptionCategories };
}

/** The centres and SIS of the candidatures a request acts on (unknown ids are the routes' to refuse). */
async function selection(app: FastifyInstance, candidatureIds: readonly string[]) {
  const rows = await app.db.candidature.findMany({
    where: { id: { in: [...candidatureIds] } },
    select: { campaign: { select: { sisType: true } }, formation: { select: { commission: { select: { centreId: true } } } } },
  });
  return {
    centreIds: [...new Set(rows.map((r) => r.formation.commission.centreId))],
    sisTypes: [...new Set(rows.map((r) => r.campaign.sisType as SisType))],
  };
}

/**
 * Tags as ids of active tags that may go on every candidature of the request (of every centre, or of
 * their centre); anything else is refused (422) before any workflow is asked. Repeats count once.
 */
export async function tagArgs(
  app: FastifyInstance,
  given: { tags: string[] },
  candidatureIds: readonly string[],
  field = '',
): Promise<TransitionArgs<'setTags'>> {
  const wanted = [...new Set(given.tags.map((t) => t.trim()).filter(Boolean))];
  const ids = wanted.filter((t) => /^[1-9]\d{0,9}$/.test(t) && Number(t) <= 2_147_483_647).map(Number);
  const { centreIds } = await selection(app, candidatureIds);
  const usable = ids.length ? await app.db.tag.findMany({ where: { id: { in: ids }, active: true }, select: { id: true, centreId: true } }) : [];
  const fits = new Set(usable.filter((t) => t.centreId === null || centreIds.every((c) => c === t.centreId)).map((t) => String(t.id)));
  const refused = wanted.filter((t) => !fits.has(t));
  if (refused.length) {
    const list = refused.map((t) => `« ${t.slice(0, 50)} »`).join(', ');
    throw invalidField(`${field}tags`, {
      fr: `étiquette inconnue, hors service ou d’un autre centre (${list}) : choisissez dans la liste des étiquettes du centre.`,
      en: `unknown tag, out of service or of another centre (${list}): choose from the centre’s list of tags.`,
    });
  }
  return { tags: wanted };
}

/** A régime code in service in the SIS of every candidature of the request. */
export async function regimeArgs(app: FastifyInstance, given: TransitionArgs<'setRegime'>, candidatureIds: readonly string[], field = '') {
  const code = given.regimeCode?.trim() || null;
  if (code !== null) await checkCode(app, 'regime', `${field}regimeCode`, code, candidatureIds);
  return { regimeCode: code };
}

/** A fee exemption category in service in the SIS of every candidature of the request. */
export async function feesArgs(app: FastifyInstance, given: TransitionArgs<'setFees'>, candidatureIds: readonly string[], field = '') {
  const code = given.exemptionCategoryCode?.trim();
  if (code) await checkCode(app, 'exemption', `${field}exemptionCategoryCode`, code, candidatureIds);
  return given;
}

async function checkCode(app: FastifyInstance, list: 'regime' | 'exemption', field: string, code: string, candidatureIds: readonly string[]) {
  const { sisTypes } = await selection(app, candidatureIds);
  const where = { code, active: true, sisType: { in: sisTypes } };
  const found =
    list === 'regime'
      ? await app.db.sisRegime.findMany({ where, select: { sisType: true } })
      : await app.db.sisExemptionCategory.findMany({ where, select: { sisType: true } });
  if (found.length < sisTypes.length)
    throw invalidField(field, {
      fr: `code inconnu ou hors service dans le référentiel du SI Scolarité (${code.slice(0, 10)}) : choisissez dans la liste.`,
      en: `unknown or out-of-service code in the student information system's referential (${code.slice(0, 10)}): choose from the list.`,
    });
}
