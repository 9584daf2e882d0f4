// The candidate's file (reference ecandidat-domain.md §5): civil status, address, bac and internal
// cursus, read and saved by the candidate, or pre-filled from the campaign's SIS (a student of the
// establishment found by student number or INE + key, and proved to be the candidate by their birth
// date). Data from the SIS are locked:
// `Candidate.updatable` / `CandidateBac.updatable` false, and a save that changes one of them is
// refused naming the field. The INE is checked locally (domain/ine.ts), against INES for a SIS that
// has the check (Apogée), and refused when another account of the same campaign already has it.
import type { FastifyInstance } from 'fastify';
import { checkIneFormat } from '../domain/ine.ts';
import { bacOfRow, bacRowOf, type AddressData, type BacData, type CursusLine, type PersonData } from '../domain/profile.ts';
import type { SisAdapter, SisStudent, StudentQuery } from '../sis/port.ts';
import { fieldLabel, labelled } from '../contracts/field-labels.ts';
import type { LookupList } from '../contracts/profile.ts';
import type { Language } from './language.ts';
import { followCandidateIne } from './candidature-service.ts';
import { badRequest, conflict, HttpProblem, notFound } from './problem.ts';
import { checkAddress, checkBac, checkPerson, CodeChecker } from './profile-codes.ts';
import { listRows } from './profile-lists.ts';
import { labelsOf } from './referential-lookup.ts';
import { sisCall } from './sis.ts';

/** Civil-status fields a SIS pre-fill locks (tem_updatable_candidat). */
export const LOCKED_PERSON_FIELDS = [
  'civility',
  'birthName',
  'usualName',
  'firstName',
  'otherFirstNames',
  'birthDate',
  'ine',
  'ineKey',
  'birthCountryCode',
  'birthDepartmentCode',
  'birthCommuneCode',
  'birthCityLabel',
  'nationalityCode',
] as const;
/** Bac fields a SIS pre-fill locks (tem_updatable_bac). */
export const LOCKED_BAC_FIELDS = [
  'year',
  'bacCode',
  'mentionCode',
  'establishmentCode',
  'communeCode',
  'departmentCode',
  'countryCode',
  'specialty1Code',
  'specialty2Code',
  'firstYearSpecialtyCode',
  'optionCodes',
] as const;

const day = (d: Date) => d.toISOString().slice(0, 10);
const cut = (s: string | null | undefined, n: number) => (s === null || s === undefined || s === '' ? null : s.slice(0, n));

async function loadRows(app: FastifyInstance, accountId: number) {
  return app.db.candidateAccount.findUniqueOrThrow({
    where: { id: accountId },
    include: { campaign: true, candidate: { include: { address: true, bac: true, internalCursus: { orderBy: [{ academicYear: 'asc' }, { id: 'asc' }] } } } },
  });
}
type Rows = Awaited<ReturnType<typeof loadRows>>;
type CandidateRow = NonNullable<Rows['candidate']>;

const personOf = (c: CandidateRow): PersonData => ({
  civility: c.civility,
  birthName: c.birthName,
  usualName: c.usualName,
  firstName: c.firstName,
  otherFirstNames: c.otherFirstNames,
  birthDate: day(c.birthDate),
  ine: c.ine,
  ineKey: c.ineKey,
  birthCountryCode: c.birthCountryCode,
  birthDepartmentCode: c.birthDepartmentCode,
  birthCommuneCode: c.birthCommuneCode,
  birthCityLabel: c.birthCityLabel,
  nationalityCode: c.nationalityCode,
  phone: c.phone,
  mobilePhone: c.mobilePhone,
  language: c.language,
});
const addressOf = (a: NonNullable<CandidateRow['address']>): AddressData => ({
  line1: a.line1,
  line2: a.line2,
  line3: a.line3,
  postcode: a.postcode,
  cedex: a.cedex,
  communeCode: a.communeCode,
  foreignCity: a.foreignCity,
  countryCode: a.countryCode,
});
const cursusOf = (rows: CandidateRow['internalCursus']): CursusLine[] =>
  rows.map((r) => ({
    academicYear: r.academicYear,
    vetCode: r.vetCode,
    label: r.label,
    resultTypeCode: r.resultTypeCode,
    mentionCode: r.mentionCode,
    grade: r.grade === null ? null : r.grade.toString(),
    gradeScale: r.gradeScale,
  }));

/** The label of every code of the file, by the field's path (for the file's read-only parts and the selects' values). */
async function codeLabels(
  app: FastifyInstance,
  sisType: 'A' | 'P' | 'D',
  codes: [string, LookupList, string | null | undefined][],
): Promise<Record<string, string>> {
  const byList = new Map<LookupList, (string | null | undefined)[]>();
  for (const [, list, code] of codes) byList.set(list, [...(byList.get(list) ?? []), code]);
  const found = new Map(await Promise.all([...byList].map(async ([list, cs]) => [list, await labelsOf(app.db, sisType, list, cs)] as const)));
  const labels: Record<string, string> = {};
  for (const [path, list, code] of codes) {
    const label = code ? found.get(list)?.get(code) : undefined;
    if (label) labels[path] = label;
  }
  return labels;
}

/** The candidate's file as the API returns it. */
export async function readProfile(app: FastifyInstance, accountId: number) {
  const rows = await loadRows(app, accountId);
  const adapter = app.sis.adapterFor(rows.campaign.sisType);
  const c = rows.candidate;
  const personLocked = !!c && !c.updatable;
  const bacLocked = !!c?.bac && !c.bac.updatable;
  const [externalCursus, internships, experiences] = await Promise.all([
    listRows(app, c?.id ?? null, 'external-cursus'),
    listRows(app, c?.id ?? null, 'internships'),
    listRows(app, c?.id ?? null, 'experiences'),
  ]);
  const bac = c?.bac ? bacOfRow(c.bac) : null;
  const labels = await codeLabels(app, rows.campaign.sisType, [
    ['person.birthCountryCode', 'countries', c?.birthCountryCode],
    ['person.nationalityCode', 'nationalities', c?.nationalityCode],
    ['person.birthDepartmentCode', 'departments', c?.birthDepartmentCode],
    ['person.birthCommuneCode', 'birthCommunes', c?.birthCommuneCode],
    ['address.countryCode', 'countries', c?.address?.countryCode],
    ['address.communeCode', 'communes', c?.address?.communeCode],
    ['bac.bacCode', 'bacSeries', bac?.bacCode],
    ['bac.mentionCode', 'bacMentions', bac?.mentionCode],
    ['bac.establishmentCode', 'establishments', bac?.establishmentCode],
    ['bac.countryCode', 'countries', bac?.countryCode],
    ['bac.specialty1Code', 'bacSpecialities', bac?.specialty1Code],
    ['bac.specialty2Code', 'bacSpecialities', bac?.specialty2Code],
    ['bac.firstYearSpecialtyCode', 'bacSpecialities', bac?.firstYearSpecialtyCode],
    ...(bac?.optionCodes ?? []).map((o, i): [string, LookupList, string] => [`bac.optionCodes.${i}`, 'bacOptions', o]),
    ...(c?.internalCursus ?? []).flatMap((l, i): [string, LookupList, string | null][] => [
      [`internalCursus.${i}.resultTypeCode`, 'resultTypes', l.resultTypeCode],
      [`internalCursus.${i}.mentionCode`, 'honoursMentions', l.mentionCode],
    ]),
    ...externalCursus.flatMap((l, i): [string, LookupList, string | null][] => [
      [`externalCursus.${i}.priorDiplomaCode`, 'priorDiplomas', l.priorDiplomaCode],
      [`externalCursus.${i}.countryCode`, 'countries', l.countryCode],
      [`externalCursus.${i}.establishmentCode`, 'establishments', l.establishmentCode],
      [`externalCursus.${i}.communeCode`, 'communes', l.communeCode],
      [`externalCursus.${i}.departmentCode`, 'departments', l.departmentCode],
      [`externalCursus.${i}.mentionCode`, 'honoursMentions', l.mentionCode],
    ]),
  ]);
  return {
    campaign: {
      code: rows.campaign.code,
      sisType: rows.campaign.sisType,
      syncStudent: !!adapter?.capabilities.syncStudent,
      ineCheck: !!adapter?.capabilities.ineCheck,
    },
    studentNumber: rows.studentNumber,
    fromSis: personLocked,
    lockedFields: [...(personLocked ? LOCKED_PERSON_FIELDS.map((f) => `person.${f}`) : []), ...(bacLocked ? LOCKED_BAC_FIELDS.map((f) => `bac.${f}`) : [])],
    person: c ? { ...personOf(c), updatable: c.updatable } : null,
    address: c?.address ? addressOf(c.address) : null,
    bac: c?.bac ? { ...bacOfRow(c.bac), updatable: c.bac.updatable } : null,
    internalCursus: c ? cursusOf(c.internalCursus) : [],
    externalCursus,
    internships,
    experiences,
    labels,
  };
}
export type Profile = Awaited<ReturnType<typeof readProfile>>;

/** An archived campaign's files are read-only (like its candidatures). */
function assertWritable(rows: Rows): void {
  if (rows.campaign.archivedAt)
    throw conflict(
      {
        fr: `La campagne ${rows.campaign.code} est archivée : votre dossier ne peut plus être modifié.`,
        en: `The campaign ${rows.campaign.code} is archived: your file can no longer be changed.`,
      },
      [{ field: 'campaign', message: { fr: 'campagne archivée', en: 'campaign archived' } }],
    );
}

/** Refuses an INE that another account of the same campaign already has. */
async function assertIneFree(app: FastifyInstance, rows: Rows, ine: string, field: string): Promise<void> {
  const other = await app.db.candidate.findFirst({
    where: { ine: { equals: ine, mode: 'insensitive' }, account: { campaignId: rows.campaignId, id: { not: rows.id } } },
    select: { id: true },
  });
  if (other)
    throw conflict(
      {
        fr: `Cet INE est déjà utilisé par un autre dossier de la campagne ${rows.campaign.code} : vérifiez-le, ou contactez la scolarité.`,
        en: `This INE is already used by another file of the campaign ${rows.campaign.code}: check it, or contact the registrar’s office.`,
      },
      [
        {
          field,
          message: {
            fr: labelled(field, 'fr', 'déjà utilisé par un autre dossier de la campagne'),
            en: labelled(field, 'en', 'already used by another file of the campaign'),
          },
        },
      ],
    );
}

async function assertStudentNumberFree(app: FastifyInstance, rows: Rows, studentNumber: string): Promise<void> {
  const other = await app.db.candidateAccount.findFirst({
    where: { campaignId: rows.campaignId, studentNumber, id: { not: rows.id } },
    select: { id: true },
  });
  if (other)
    throw conflict(
      {
        fr: `Ce numéro d'étudiant est déjà utilisé par un autre dossier de la campagne ${rows.campaign.code}.`,
        en: `This student number is already used by another file of the campaign ${rows.campaign.code}: check it, or contact the registrar’s office.`,
      },
      [{ field: 'studentNumber', message: { fr: "numéro d'étudiant déjà utilisé dans la campagne", en: 'student number already used in the campaign' } }],
    );
}

/** Local format, then INES for a SIS that checks it. Returns the normalised INE and key. */
async function checkIne(adapter: SisAdapter | null, ine: string, key: string | null | undefined, prefix: string) {
  const checked = checkIneFormat(ine, key);
  if (!checked.ok) throw badRequest(`${prefix}${checked.field}`, checked.message);
  if (adapter?.capabilities.ineCheck) {
    const accepted = await sisCall({ fr: 'Contrôle INES', en: 'INES check' }, () => adapter.checkIne(checked.ine, checked.key));
    if (!accepted)
      throw badRequest(`${prefix}ine`, {
        fr: 'INE refusé par INES (vérifiez l’INE et sa clé).',
        en: 'INE refused by INES (check the INE and its key).',
      });
  }
  return checked;
}

// --- Pre-fill from the SIS ------------------------------------------------------------------------

/** The student's identifiers, and the candidate's birth date that must be the SIS student's (YYYY-MM-DD). */
export type LookupQuery = ({ studentNumber: string } | { ine: string; ineKey: string }) & { birthDate: string };

/**
 * The one answer for "no such student" and for "a student, but not born that day": the caller learns
 * nothing about identifiers that are not theirs.
 */
const unknownToSis = () =>
  new HttpProblem(
    404,
    { fr: 'Inconnu du SI', en: 'Unknown to the SIS' },
    {
      fr: 'Étudiant(e) inconnu(e) du SI Scolarité avec ces identifiants.',
      en: 'No student of the student information system has these identifiers and this birth date: check them, or fill in your file by hand.',
    },
  );

/** What a found student writes into the file (the SIS's codes; France "100" when the SIS says nothing). */
function fromStudent(s: SisStudent, birthDate: string, existing: PersonData | null, ine: { ine: string; key: string } | null) {
  const person: PersonData = {
    civility: s.civility,
    birthName: s.birthName.slice(0, 100),
    usualName: cut(s.usualName, 100),
    firstName: s.firstName.slice(0, 100),
    otherFirstNames: cut(s.otherFirstNames, 100),
    birthDate,
    ine: ine?.ine ?? null,
    ineKey: ine?.key ?? null,
    birthCountryCode: s.birthCountryCode ?? '100',
    birthDepartmentCode: cut(s.birthDepartmentCode, 10),
    birthCommuneCode: cut(s.birthCommuneCode, 10),
    birthCityLabel: cut(s.birthCityLabel, 100),
    nationalityCode: s.nationalityCode ?? '100',
    phone: cut(s.phone, 20) ?? existing?.phone ?? null,
    mobilePhone: cut(s.mobilePhone, 20) ?? existing?.mobilePhone ?? null,
    language: existing?.language ?? 'fr',
  };
  const a = s.address;
  const line1 = a?.line1 ?? a?.line4 ?? a?.foreignCity;
  const address: AddressData | null =
    a && line1
      ? {
          line1: line1.slice(0, 100),
          line2: cut(a.line2, 100),
          line3: cut([a.line3, a.line1 ? a.line4 : null].filter(Boolean).join(' '), 100),
          postcode: cut(a.postcode, 10),
          cedex: null,
          communeCode: cut(a.communeCode, 10),
          foreignCity: cut(a.foreignCity, 100),
          countryCode: a.countryCode ?? '100',
        }
      : null;
  const bac: BacData | null = s.bac?.bacCode
    ? {
        year: s.bac.year,
        bacCode: s.bac.bacCode,
        mentionCode: s.bac.mentionCode,
        establishmentCode: s.bac.establishmentCode,
        communeCode: null,
        departmentCode: s.bac.departmentCode,
        countryCode: s.bac.countryCode,
        specialty1Code: s.bac.specialty1Code,
        specialty2Code: s.bac.specialty2Code,
        firstYearSpecialtyCode: s.bac.firstYearSpecialtyCode,
        optionCodes: s.bac.optionCodes.slice(0, 4),
      }
    : null;
  const cursus: CursusLine[] = s.internalCursus.map((l) => {
    const grade = l.mark === null ? NaN : Number(l.mark.replace(',', '.'));
    const scale = l.scale === null ? NaN : Number.parseInt(l.scale, 10);
    return {
      academicYear: Number.parseInt(/\d{4}/.exec(l.year)?.[0] ?? '0', 10),
      vetCode: cut(l.code, 20),
      label: (l.label ?? l.code).slice(0, 255),
      resultTypeCode: cut(l.resultCode, 10),
      mentionCode: cut(l.mentionCode, 10),
      grade: Number.isFinite(grade) ? String(grade) : null,
      gradeScale: Number.isFinite(scale) ? scale : null,
    };
  });
  return { person, address, bac, cursus };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const normGrade = (l: CursusLine[]) => l.map((x) => ({ ...x, grade: x.grade === null ? null : String(Number(x.grade)) }));
/**
 * Looks the candidate up in the campaign's SIS and fills the file from what it knows, locked. The SIS
 * student must be born on `q.birthDate`: otherwise the same 404 as an unknown student, and nothing
 * is checked against the other accounts, written or locked. The refusals that tell about other
 * accounts of the campaign (INE or student number already used, 409) come only once the birth date
 * matched. A second lookup of the same student changes nothing (`changed: false`).
 */
export async function prefillFromSis(app: FastifyInstance, accountId: number, q: LookupQuery): Promise<{ changed: boolean; profile: Profile }> {
  const rows = await loadRows(app, accountId);
  assertWritable(rows);
  const adapter = app.sis.adapterFor(rows.campaign.sisType);
  if (!adapter?.capabilities.syncStudent)
    throw conflict(
      {
        fr: `La campagne ${rows.campaign.code} n'est reliée à aucun SI Scolarité qui connaisse ses étudiants.`,
        en: `The campaign ${rows.campaign.code} is linked to no student information system that knows its students: fill in your file by hand.`,
      },
      [{ field: 'campaign', message: { fr: 'pas de récupération depuis le SI', en: 'no retrieval from the student information system' } }],
    );

  // Only what the request itself and the account's own data say, before asking the SIS.
  let query: StudentQuery;
  if ('studentNumber' in q) {
    const studentNumber = q.studentNumber.trim();
    if (!studentNumber) throw badRequest('studentNumber', { fr: "numéro d'étudiant manquant.", en: 'student number missing: type it.' });
    // A student number given by the institution's sign-on (CAS) is the only one this account may use.
    if (rows.studentNumber && rows.studentNumber !== studentNumber)
      throw conflict(
        {
          fr: "Votre dossier est déjà rattaché à un autre numéro d'étudiant.",
          en: 'Your file is already linked to another student number: type that one.',
        },
        [{ field: 'studentNumber', message: { fr: 'autre numéro que celui du dossier', en: 'not the student number of your file' } }],
      );
    query = { studentNumber };
  } else {
    // Format, and INES on Apogée: the same check as a manual save, nothing about the SIS's students.
    const checked = await checkIne(adapter, q.ine, q.ineKey, '');
    query = { ine: checked.ine, ineKey: checked.key };
  }

  const student = await sisCall({ fr: 'Recherche dans le SI Scolarité', en: 'Search in the student information system' }, () => adapter.findStudent(query));
  // The proof that the candidate is that student: their birth date. A SIS that gives none proves nothing.
  const birthDate = student?.birthDate?.slice(0, 10);
  if (!student || !birthDate || birthDate !== q.birthDate) throw unknownToSis();

  // From here on the candidate is that student: the refusals may say why.
  const studentIne = student.ine ? checkIneFormat(student.ine, student.ineKey) : null;
  const ine = studentIne?.ok ? { ine: studentIne.ine, key: studentIne.key } : 'ine' in query ? { ine: query.ine, key: query.ineKey } : null;
  if ('ine' in query && query.ine !== ine?.ine) await assertIneFree(app, rows, query.ine, 'ine');
  if (ine) await assertIneFree(app, rows, ine.ine, 'ine');
  if ('studentNumber' in query && query.studentNumber !== student.studentNumber) await assertStudentNumberFree(app, rows, query.studentNumber);
  if (student.studentNumber) await assertStudentNumberFree(app, rows, student.studentNumber);
  if (rows.studentNumber && student.studentNumber && rows.studentNumber !== student.studentNumber)
    throw conflict(
      {
        fr: "Ces identifiants sont ceux d'un(e) autre étudiant(e) que le numéro d'étudiant de votre dossier.",
        en: 'These identifiers belong to another student than the student number of your file: type your own.',
      },
      [
        {
          field: 'studentNumber' in query ? 'studentNumber' : 'ine',
          message: { fr: "autre numéro d'étudiant que celui du dossier", en: 'not the student number of your file' },
        },
      ],
    );

  const existing = rows.candidate;
  // Already filled from the SIS: only the same student again.
  if (existing && !existing.updatable) {
    const sameStudent =
      (student.studentNumber && rows.studentNumber === student.studentNumber) || (ine && existing.ine?.toUpperCase() === ine.ine && !!ine.ine);
    if (!sameStudent)
      throw conflict(
        {
          fr: 'Votre dossier est déjà rempli à partir du SI Scolarité pour un(e) autre étudiant(e).',
          en: 'Your file is already filled in from the student information system for another student: look up that student again, or ask the registrar’s office to unlock it.',
        },
        [
          {
            field: 'studentNumber' in query ? 'studentNumber' : 'ine',
            message: { fr: 'autre étudiant(e) que celui du dossier', en: 'not the student of your file' },
          },
        ],
      );
  }

  const wanted = fromStudent(student, birthDate, existing ? personOf(existing) : null, ine);
  const personChanged = !existing || existing.updatable || !same(personOf(existing), wanted.person);
  const addressChanged = !!wanted.address && (!existing?.address || !same(addressOf(existing.address), wanted.address));
  const bacChanged = !!wanted.bac && (!existing?.bac || existing.bac.updatable || !same(bacOfRow(existing.bac), wanted.bac));
  const cursusChanged = !same(normGrade(existing ? cursusOf(existing.internalCursus) : []), normGrade(wanted.cursus));
  const numberChanged = !!student.studentNumber && rows.studentNumber !== student.studentNumber;
  const changed = personChanged || addressChanged || bacChanged || cursusChanged || numberChanged;

  if (changed) {
    await app.db.$transaction(async (tx) => {
      const personRow = { ...wanted.person, birthDate: new Date(`${wanted.person.birthDate}T00:00:00Z`), updatable: false };
      const candidate = personChanged ? await tx.candidate.upsert({ where: { accountId }, create: { accountId, ...personRow }, update: personRow }) : existing!;
      if (personChanged) await followCandidateIne(tx, accountId, candidate.ine);
      if (addressChanged && wanted.address)
        await tx.address.upsert({ where: { candidateId: candidate.id }, create: { candidateId: candidate.id, ...wanted.address }, update: wanted.address });
      if (bacChanged && wanted.bac) {
        const bac = { ...bacRowOf(wanted.bac), updatable: false };
        await tx.candidateBac.upsert({ where: { candidateId: candidate.id }, create: { candidateId: candidate.id, ...bac }, update: bac });
      }
      if (cursusChanged) {
        await tx.candidateInternalCursus.deleteMany({ where: { candidateId: candidate.id } });
        if (wanted.cursus.length) await tx.candidateInternalCursus.createMany({ data: wanted.cursus.map((l) => ({ candidateId: candidate.id, ...l })) });
      }
      if (numberChanged) await tx.candidateAccount.update({ where: { id: accountId }, data: { studentNumber: student.studentNumber } });
    });
  }
  return { changed, profile: await readProfile(app, accountId) };
}

// --- Saved by the candidate -------------------------------------------------------------------------

export interface ProfileInput {
  person: PersonData;
  address?: AddressData | null;
  bac?: BacData | null;
}

/**
 * Saves the file as the candidate typed it. Fields that came from the SIS may not change (409 naming
 * the first such field); the INE is checked (format, INES when it changed, duplicate in the campaign).
 */
export async function saveProfile(app: FastifyInstance, accountId: number, input: ProfileInput, lang: Language = 'fr'): Promise<Profile> {
  const rows = await loadRows(app, accountId);
  assertWritable(rows);
  const adapter = app.sis.adapterFor(rows.campaign.sisType);
  const existing = rows.candidate;
  const person = { ...input.person };
  input = { ...input };

  const locked: string[] = [];
  if (existing && !existing.updatable) {
    const stored = personOf(existing);
    for (const f of LOCKED_PERSON_FIELDS) if ((stored[f] ?? null) !== (person[f] ?? null)) locked.push(`person.${f}`);
  }
  if (input.bac && existing?.bac && !existing.bac.updatable) {
    const stored = bacOfRow(existing.bac);
    for (const f of LOCKED_BAC_FIELDS) if (!same(stored[f] ?? null, input.bac[f] ?? null)) locked.push(`bac.${f}`);
  }
  if (input.bac === null && existing?.bac && !existing.bac.updatable) locked.push('bac');
  if (locked.length)
    throw conflict(
      lang === 'fr'
        ? `Ces données viennent du SI Scolarité et ne peuvent pas être modifiées ici : ${locked.map((f) => fieldLabel(f, lang)).join(', ')}. En cas d’erreur, contactez la scolarité.`
        : `These data come from the student information system and cannot be changed here: ${locked.map((f) => fieldLabel(f, lang)).join(', ')}. If they are wrong, contact the registrar’s office.`,
      locked.map((field) => ({
        field,
        message: labelled(field, lang, lang === 'fr' ? 'donnée issue du SI Scolarité (verrouillée)' : 'from the student information system (locked)'),
      })),
    );

  // Every code against the campaign's SIS referentials (what changed; the SIS's own data are locked above).
  const codes = new CodeChecker(app.db, rows.campaign.sisType, lang);
  await checkPerson(codes, person, existing ? personOf(existing) : null);
  if (input.address) input.address = await checkAddress(codes, input.address, existing?.address ? addressOf(existing.address) : null);
  if (input.bac && (!existing?.bac || existing.bac.updatable)) await checkBac(codes, input.bac, existing?.bac ? bacOfRow(existing.bac) : null);
  codes.throwIfAny();

  if (person.ine || person.ineKey) {
    const unchanged = existing && existing.ine === person.ine && existing.ineKey === person.ineKey;
    if (unchanged) {
      await assertIneFree(app, rows, person.ine!, 'person.ine');
    } else {
      const checked = await checkIne(adapter, person.ine ?? '', person.ineKey, 'person.');
      person.ine = checked.ine;
      person.ineKey = checked.key;
      await assertIneFree(app, rows, checked.ine, 'person.ine');
    }
  } else {
    person.ine = null;
    person.ineKey = null;
  }

  await app.db.$transaction(async (tx) => {
    const personRow = { ...person, birthDate: new Date(`${person.birthDate}T00:00:00Z`) };
    const candidate = await tx.candidate.upsert({ where: { accountId }, create: { accountId, ...personRow }, update: personRow });
    await followCandidateIne(tx, accountId, candidate.ine);
    if (input.address)
      await tx.address.upsert({ where: { candidateId: candidate.id }, create: { candidateId: candidate.id, ...input.address }, update: input.address });
    else if (input.address === null) await tx.address.deleteMany({ where: { candidateId: candidate.id } });
    if (input.bac && (!existing?.bac || existing.bac.updatable)) {
      const bac = bacRowOf(input.bac);
      await tx.candidateBac.upsert({ where: { candidateId: candidate.id }, create: { candidateId: candidate.id, ...bac }, update: bac });
    } else if (input.bac === null) await tx.candidateBac.deleteMany({ where: { candidateId: candidate.id } });
  });
  return readProfile(app, accountId);
}

/**
 * Makes the SIS data of a file editable again (a manager who may manage candidates: admins, the
 * gestionCandidat profile). The data stay as they were; the next SIS lookup locks them again.
 */
export async function unlockProfile(app: FastifyInstance, dossierNumber: string, actor: string): Promise<Profile> {
  const account = await app.db.candidateAccount.findUnique({ where: { dossierNumber }, include: { candidate: { include: { bac: true } } } });
  if (!account) throw notFound({ fr: `Dossier ${dossierNumber} inconnu.`, en: `No file ${dossierNumber}: check the file number.` });
  const c = account.candidate;
  if (c && (!c.updatable || (c.bac && !c.bac.updatable))) {
    await app.db.$transaction([
      app.db.candidate.update({ where: { id: c.id }, data: { updatable: true } }),
      app.db.candidateBac.updateMany({ where: { candidateId: c.id }, data: { updatable: true } }),
      app.db.auditEvent.create({ data: { actor, action: 'CANDIDATE_SIS_DATA_UNLOCKED', subject: `candidate:${dossierNumber}`, details: {} } }),
    ]);
  }
  return readProfile(app, account.id);
}
