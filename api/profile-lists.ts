// The lists of the candidate's file the candidate keeps (reference §5): external cursus (studies
// after the bac elsewhere, codes checked against the campaign's SIS referentials), internships and
// professional experience. Each row belongs to the candidate's own file: another candidate's id is
// "not found". The civil status comes first (the file must exist); an archived campaign's file is
// read-only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ExperienceInput,
  ExternalCursusInput,
  FRANCE_COUNTRY_CODE,
  InternshipInput,
  type ExperienceRow,
  type ExternalCursusRow,
  type InternshipRow,
  type ProfileListSection,
} from '../contracts/profile.ts';
import type { Language } from './language.ts';
import { conflict, notFound } from './problem.ts';
import { CodeChecker } from './profile-codes.ts';

type Inputs = {
  'external-cursus': z.output<typeof ExternalCursusInput>;
  internships: z.output<typeof InternshipInput>;
  experiences: z.output<typeof ExperienceInput>;
};
type Rows = { 'external-cursus': ExternalCursusRow; internships: InternshipRow; experiences: ExperienceRow };

const NO_FILE = {
  fr: 'Enregistrez d’abord votre état civil (« Enregistrer mon dossier »), puis ajoutez cette ligne.',
  en: 'Save your civil status first (“Save my file”), then add this line.',
};
const ARCHIVED = {
  fr: 'Cette campagne est archivée : votre dossier ne peut plus être modifié.',
  en: 'This campaign is archived: your file can no longer be changed.',
};
const NOT_YOURS = { fr: 'Cette ligne n’existe pas dans votre dossier.', en: 'This line is not in your file.' };

async function fileOf(app: FastifyInstance, accountId: number, lang: Language, write: boolean) {
  const account = await app.db.candidateAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: { campaign: { select: { sisType: true, archivedAt: true } }, candidate: { select: { id: true } } },
  });
  if (write && account.campaign.archivedAt) throw conflict(ARCHIVED[lang], [{ field: 'campaign', message: ARCHIVED[lang] }]);
  return { sisType: account.campaign.sisType, candidateId: account.candidate?.id ?? null };
}

/** The external cursus line with its codes checked (what does not apply abroad emptied). */
async function checkedCursus(
  app: FastifyInstance,
  sisType: 'A' | 'P' | 'D',
  input: Inputs['external-cursus'],
  lang: Language,
  stored: Inputs['external-cursus'] | null,
) {
  const c = new CodeChecker(app.db, sisType, lang);
  const changed = (k: keyof Inputs['external-cursus']) => !stored || stored[k] !== input[k];
  const abroad = input.countryCode !== FRANCE_COUNTRY_CODE;
  const row = abroad ? { ...input, departmentCode: null, communeCode: null, establishmentCode: null } : input;
  if (changed('priorDiplomaCode')) await c.code('priorDiplomaCode', 'priorDiplomas', row.priorDiplomaCode);
  if (changed('countryCode')) await c.code('countryCode', 'countries', row.countryCode);
  if (changed('departmentCode')) await c.code('departmentCode', 'departments', row.departmentCode);
  if (changed('communeCode')) await c.code('communeCode', 'communes', row.communeCode);
  if (changed('establishmentCode')) await c.code('establishmentCode', 'establishments', row.establishmentCode);
  if (changed('mentionCode')) await c.code('mentionCode', 'honoursMentions', row.mentionCode);
  c.throwIfAny();
  return row;
}

const select = {
  'external-cursus': {
    id: true,
    academicYear: true,
    label: true,
    obtained: true,
    priorDiplomaCode: true,
    countryCode: true,
    departmentCode: true,
    communeCode: true,
    establishmentCode: true,
    mentionCode: true,
  },
  internships: { id: true, year: true, duration: true, hoursPerWeek: true, organisation: true, description: true },
  experiences: { id: true, year: true, duration: true, title: true, organisation: true, objective: true },
} as const;

/** The Prisma delegate of a section (the three have the same calls). */
function table(app: FastifyInstance, section: ProfileListSection) {
  const delegates = {
    'external-cursus': app.db.candidateExternalCursus,
    internships: app.db.candidateInternship,
    experiences: app.db.candidateProfessionalExperience,
  };
  return delegates[section] as unknown as {
    findMany(args: object): Promise<unknown[]>;
    findFirst(args: object): Promise<unknown>;
    create(args: object): Promise<unknown>;
    update(args: object): Promise<unknown>;
    delete(args: object): Promise<unknown>;
  };
}
const order = {
  'external-cursus': [{ academicYear: 'desc' }, { id: 'asc' }],
  internships: [{ year: 'desc' }, { id: 'asc' }],
  experiences: [{ year: 'desc' }, { id: 'asc' }],
};

/** The rows of a section of a file (none without a file). */
export async function listRows<S extends ProfileListSection>(app: FastifyInstance, candidateId: number | null, section: S): Promise<Rows[S][]> {
  if (candidateId === null) return [];
  return (await table(app, section).findMany({ where: { candidateId }, select: select[section], orderBy: order[section] })) as Rows[S][];
}

export async function listOwn<S extends ProfileListSection>(app: FastifyInstance, accountId: number, section: S, lang: Language): Promise<Rows[S][]> {
  const file = await fileOf(app, accountId, lang, false);
  return listRows(app, file.candidateId, section);
}

async function prepared<S extends ProfileListSection>(
  app: FastifyInstance,
  sisType: 'A' | 'P' | 'D',
  section: S,
  input: Inputs[S],
  lang: Language,
  stored: Inputs[S] | null,
) {
  if (section === 'external-cursus') return checkedCursus(app, sisType, input as Inputs['external-cursus'], lang, stored as Inputs['external-cursus'] | null);
  return input;
}

export async function createRow<S extends ProfileListSection>(
  app: FastifyInstance,
  accountId: number,
  section: S,
  input: Inputs[S],
  lang: Language,
): Promise<Rows[S]> {
  const file = await fileOf(app, accountId, lang, true);
  if (file.candidateId === null) throw conflict(NO_FILE[lang], [{ field: 'person', message: NO_FILE[lang] }]);
  const data = await prepared(app, file.sisType, section, input, lang, null);
  return (await table(app, section).create({ data: { ...data, candidateId: file.candidateId }, select: select[section] })) as Rows[S];
}

async function own(app: FastifyInstance, candidateId: number | null, section: ProfileListSection, id: number, lang: Language) {
  const row = candidateId === null ? null : await table(app, section).findFirst({ where: { id, candidateId }, select: select[section] });
  if (!row) throw notFound(NOT_YOURS[lang]);
  return row;
}

export async function updateRow<S extends ProfileListSection>(
  app: FastifyInstance,
  accountId: number,
  section: S,
  id: number,
  input: Inputs[S],
  lang: Language,
): Promise<Rows[S]> {
  const file = await fileOf(app, accountId, lang, true);
  const stored = (await own(app, file.candidateId, section, id, lang)) as Inputs[S];
  const data = await prepared(app, file.sisType, section, input, lang, stored);
  return (await table(app, section).update({ where: { id }, data, select: select[section] })) as Rows[S];
}

export async function deleteRow(app: FastifyInstance, accountId: number, section: ProfileListSection, id: number, lang: Language): Promise<void> {
  const file = await fileOf(app, accountId, lang, true);
  await own(app, file.candidateId, section, id, lang);
  await table(app, section).delete({ where: { id } });
}
