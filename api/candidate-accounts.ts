// Candidate managers' service (contracts/candidate-accounts.ts): the search of candidate accounts, one
// account with its candidatures (those outside the reader's scope listed but not openable), its
// correction, and a new lookup in the SIS with what the file already holds. Every change is audited.
import type { FastifyInstance } from 'fastify';
import {
  CANDIDATE_MANAGER_PROFILES,
  CANDIDATE_WRITER_PROFILES,
  type CandidateAccountDetail,
  type CandidateAccountList,
  type CandidateAccountPatch,
  type CandidateAccountQuery,
  type CandidateAccountRow,
} from '../contracts/candidate-accounts.ts';
import type { DossierStatus, Stage } from '../domain/codes.ts';
import type { Prisma } from '../infra/prisma.ts';
import type { SessionUser } from './plugins/auth.ts';
import { conflict, forbidden, notFound } from './problem.ts';
import { prefillFromSis } from './profile-service.ts';
import { staffCommissionIds } from './scope.ts';

type Staff = Extract<SessionUser, { kind: 'staff' }>;

const holds = (user: Staff, profiles: readonly string[]) => user.profiles.some((p) => profiles.includes(p));

/** Candidate managers (read-only ones included) and admins; anyone else a 403 that says who may. */
export function assertCandidateManager(user: Staff): void {
  if (!holds(user, CANDIDATE_MANAGER_PROFILES))
    throw forbidden({
      fr: 'Réservé aux gestionnaires de candidats et aux administrateurs.',
      en: 'Only candidate managers and administrators can manage candidate accounts.',
    });
}

function assertWriter(user: Staff): void {
  assertCandidateManager(user);
  if (!holds(user, CANDIDATE_WRITER_PROFILES))
    throw forbidden({
      fr: 'Votre profil de gestionnaire de candidats est en lecture seule.',
      en: 'Your candidate manager profile is read-only: ask a candidate manager to make this change.',
    });
}

const accountInclude = {
  campaign: { select: { code: true, sisType: true } },
  candidate: { select: { ine: true, ineKey: true, birthDate: true, updatable: true } },
  _count: { select: { candidatures: true } },
} satisfies Prisma.CandidateAccountInclude;
type AccountRow = Prisma.CandidateAccountGetPayload<{ include: typeof accountInclude }>;

function rowOf(a: AccountRow): CandidateAccountRow {
  return {
    dossierNumber: a.dossierNumber,
    lastName: a.lastName,
    firstName: a.firstName,
    email: a.email,
    campaignCode: a.campaign.code,
    ine: a.candidate?.ine ? `${a.candidate.ine}${a.candidate.ineKey ?? ''}` : null,
    birthDate: a.candidate ? a.candidate.birthDate.toISOString().slice(0, 10) : null,
    validated: a.validated,
    candidatures: a._count.candidatures,
    createdAt: a.createdAt.toISOString(),
  };
}

/** Accounts whose last name, dossier number, INE or e-mail starts with `q` (any case), newest first. */
export async function searchAccounts(app: FastifyInstance, user: Staff, query: CandidateAccountQuery): Promise<CandidateAccountList> {
  assertCandidateManager(user);
  const text = query.q?.trim();
  const where: Prisma.CandidateAccountWhereInput = text
    ? {
        OR: [
          { lastName: { startsWith: text, mode: 'insensitive' } },
          { dossierNumber: { startsWith: text.toUpperCase() } },
          { email: { startsWith: text, mode: 'insensitive' } },
          { candidate: { ine: { startsWith: text.toUpperCase().slice(0, 10) } } },
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
    app.db.candidateAccount.findMany({
      where,
      include: accountInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    app.db.candidateAccount.count({ where }),
  ]);
  return { items: rows.map(rowOf), total };
}

async function loadAccount(app: FastifyInstance, dossierNumber: string): Promise<AccountRow> {
  const account = await app.db.candidateAccount.findUnique({ where: { dossierNumber: dossierNumber.toUpperCase() }, include: accountInclude });
  if (!account) throw notFound({ fr: `Aucun compte candidat ${dossierNumber}.`, en: `No candidate account ${dossierNumber}: check the file number.` });
  return account;
}

export async function readAccount(app: FastifyInstance, user: Staff, dossierNumber: string): Promise<CandidateAccountDetail> {
  assertCandidateManager(user);
  const account = await loadAccount(app, dossierNumber);
  const [candidatures, scope] = await Promise.all([
    app.db.candidature.findMany({
      where: { accountId: account.id },
      select: { id: true, stage: true, dossierStatus: true, commissionId: true, createdAt: true, formation: { select: { code: true, label: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    staffCommissionIds(app, user),
  ]);
  return {
    ...rowOf(account),
    language: account.language === 'en' ? 'en' : 'fr',
    emailValidated: account.emailValidated,
    pendingEmail: account.pendingEmail,
    studentNumber: account.studentNumber,
    fromSis: account.candidate ? !account.candidate.updatable : false,
    sisType: account.campaign.sisType,
    writable: holds(user, CANDIDATE_WRITER_PROFILES),
    candidatureList: candidatures.map((c) => ({
      id: c.id,
      formationCode: c.formation.code,
      formationLabel: c.formation.label,
      stage: c.stage as Stage,
      dossierStatus: c.dossierStatus as DossierStatus,
      inScope: scope === null || (c.commissionId !== null && scope.includes(c.commissionId)),
      createdAt: c.createdAt.toISOString(),
    })),
  };
}

/**
 * Corrects the account: names (the lists' "NAME Firstname" follows), e-mail (taken as validated: the
 * manager vouches for it; another account of the campaign with it is a 409 naming the field), language.
 */
export async function updateAccount(app: FastifyInstance, user: Staff, dossierNumber: string, patch: CandidateAccountPatch): Promise<CandidateAccountDetail> {
  assertWriter(user);
  const account = await loadAccount(app, dossierNumber);
  const email = patch.email?.trim().toLowerCase();
  if (email && email !== account.email) {
    const taken = await app.db.candidateAccount.findFirst({ where: { campaignId: account.campaignId, email, NOT: { id: account.id } }, select: { id: true } });
    if (taken)
      throw conflict({ fr: 'Un autre compte de la campagne a déjà cette adresse.', en: 'Another account of the campaign already has this address.' }, [
        { field: 'email', message: { fr: 'adresse déjà utilisée', en: 'address already used' } },
      ]);
  }
  const lastName = patch.lastName ?? account.lastName;
  const firstName = patch.firstName ?? account.firstName;
  const changed = Object.fromEntries(
    Object.entries({ lastName: patch.lastName, firstName: patch.firstName, email, language: patch.language }).filter(
      ([k, v]) => v !== undefined && v !== account[k as keyof typeof account],
    ),
  );
  if (Object.keys(changed).length > 0)
    await app.db.$transaction(async (tx) => {
      await tx.candidateAccount.update({
        where: { id: account.id },
        data: { ...changed, ...(email && email !== account.email ? { emailValidated: true, pendingEmail: null } : {}) },
      });
      if ('lastName' in changed || 'firstName' in changed)
        await tx.candidature.updateMany({ where: { accountId: account.id }, data: { candidateName: `${lastName.toUpperCase()} ${firstName}` } });
      await tx.auditEvent.create({
        data: { actor: user.login, action: 'candidate-account.update', subject: account.dossierNumber, details: { fields: Object.keys(changed) } },
      });
    });
  return readAccount(app, user, account.dossierNumber);
}

/** Looks the candidate up in the SIS again with the INE (or student number) and birth date the file holds. */
export async function syncAccountWithSis(app: FastifyInstance, user: Staff, dossierNumber: string): Promise<CandidateAccountDetail> {
  assertWriter(user);
  const account = await loadAccount(app, dossierNumber);
  const person = account.candidate;
  if (!person || (!person.ine && !account.studentNumber))
    throw conflict(
      {
        fr: 'Le dossier n’a ni INE ni numéro d’étudiant : rien à rechercher dans le SI Scolarité.',
        en: 'The file has neither an INE nor a student number: there is nothing to look up in the student information system.',
      },
      [{ field: 'ine', message: { fr: 'manquant', en: 'missing' } }],
    );
  const birthDate = person.birthDate.toISOString().slice(0, 10);
  const query = account.studentNumber ? { studentNumber: account.studentNumber, birthDate } : { ine: person.ine!, ineKey: person.ineKey ?? '', birthDate };
  const { changed } = await prefillFromSis(app, account.id, query);
  await app.db.auditEvent.create({
    data: { actor: user.login, action: 'candidate-account.sis-sync', subject: account.dossierNumber, details: { changed } },
  });
  return { ...(await readAccount(app, user, account.dossierNumber)), sisSync: changed ? 'updated' : 'unchanged' };
}
