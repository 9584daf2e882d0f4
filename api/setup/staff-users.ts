// Staff accounts (reference §1): created by admins, disabled rather than deleted (their logins stay in
// the candidatures' histories). A password is optional: an account without one logs in only through
// the institution's single sign-on. Profiles of kind A (admin, scolarité centrale) and I/L (candidate
// managers) are granted here; centre manager and commission profiles come with a centre or a commission.
import { hash } from '@node-rs/argon2';
import type { z } from 'zod';
import { STAFF_PASSWORD_MIN, type StaffUserInput, type StaffUserPatch, type StaffUserView } from '../../contracts/setup.ts';
import { labelled } from '../../contracts/field-labels.ts';
import { NO_PASSWORD } from '../../domain/staff-account.ts';
import { conflict, forbidden } from '../problem.ts';
import { audit, changed, invalidField, missing, uniquely, type SetupContext, type Tx } from './context.ts';

const include = {
  grants: { select: { profileCode: true } },
  centreManagers: { select: { profileCode: true, centre: { select: { code: true } } } },
  memberships: { select: { profileCode: true, commission: { select: { code: true } } } },
} as const;
type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function readRow(db: SetupContext['app']['db'] | Tx, login: string) {
  return db.staffUser.findUnique({ where: { login }, include });
}

export function staffUserView(row: Row): StaffUserView {
  return {
    login: row.login,
    displayName: row.displayName,
    email: row.email,
    active: row.active,
    hasPassword: row.passwordHash !== NO_PASSWORD,
    profiles: [...new Set([...row.grants, ...row.centreManagers, ...row.memberships].map((g) => g.profileCode))].sort(),
    centres: row.centreManagers.map((m) => m.centre.code).sort(),
    commissions: row.memberships.map((m) => m.commission.code).sort(),
  };
}

const notFoundUser = (ctx: SetupContext, login: string) => missing(ctx, { fr: `Aucun compte ${login}.`, en: `No account ${login}.` });

export async function listStaffUsers(ctx: SetupContext): Promise<StaffUserView[]> {
  return (await ctx.app.db.staffUser.findMany({ include, orderBy: { login: 'asc' } })).map(staffUserView);
}

export async function getStaffUser(ctx: SetupContext, login: string): Promise<StaffUserView> {
  const row = await readRow(ctx.app.db, login);
  if (!row) throw notFoundUser(ctx, login);
  return staffUserView(row);
}

async function setGrants(tx: Tx, userId: number, profiles: readonly string[]) {
  await tx.staffProfileGrant.deleteMany({ where: { userId } });
  await tx.staffProfileGrant.createMany({ data: [...new Set(profiles)].map((profileCode) => ({ userId, profileCode })) });
}

/**
 * The `admin` profile is the administrators' own (reference: scolarité centrale manages the setup,
 * not the technical administration): only an administrator grants or removes it, or changes an
 * administrator's account (password, state, profiles).
 */
function assertMayTouchAdmin(ctx: SetupContext, touches: boolean): void {
  if (touches && !ctx.isAdminProfile)
    throw forbidden(
      {
        fr: 'Seul un administrateur donne ou retire le profil administrateur, ou modifie le compte d’un administrateur.',
        en: 'Only an administrator grants or removes the administrator profile, or changes an administrator’s account.',
      }[ctx.lang],
    );
}

/** Without single sign-on, an account without a local password could never log in. */
function assertCanLogIn(ctx: SetupContext, password: string | undefined): void {
  if (password !== undefined && password.trim().length < STAFF_PASSWORD_MIN)
    throw invalidField(ctx, 'password', {
      fr: `doit contenir au moins ${STAFF_PASSWORD_MIN} caractères autres que des espaces.`,
      en: `must have at least ${STAFF_PASSWORD_MIN} characters other than spaces.`,
    });
  const hasPassword = password !== undefined;
  if (!hasPassword && !ctx.app.config.oidc)
    throw invalidField(ctx, 'password', {
      fr: 'est obligatoire : la connexion par l’établissement (OIDC) n’est pas configurée.',
      en: 'is required: sign-in with the institution (OIDC) is not configured.',
    });
}

/** Another account whose login differs only by case (logins are compared as typed at login). */
async function assertNoCaseTwin(ctx: SetupContext, login: string): Promise<void> {
  const twin = await ctx.app.db.staffUser.findFirst({ where: { login: { equals: login, mode: 'insensitive' } }, select: { login: true } });
  if (twin) {
    const message = { fr: `« ${twin.login} » existe déjà.`, en: `“${twin.login}” already exists.` }[ctx.lang];
    throw conflict(message, [{ field: 'login', message: labelled('login', ctx.lang, message) }]);
  }
}

/** Administrators who can log in: active, with a password or with single sign-on configured. */
async function usableAdmins(ctx: SetupContext, tx: Tx): Promise<number> {
  return tx.staffProfileGrant.count({
    where: { profileCode: 'admin', user: { active: true, ...(ctx.app.config.oidc ? {} : { passwordHash: { not: NO_PASSWORD } }) } },
  });
}

export async function createStaffUser(ctx: SetupContext, input: z.infer<typeof StaffUserInput>): Promise<StaffUserView> {
  assertMayTouchAdmin(ctx, input.profiles?.includes('admin') ?? false);
  assertCanLogIn(ctx, input.password);
  await assertNoCaseTwin(ctx, input.login);
  const passwordHash = input.password ? await hash(input.password) : NO_PASSWORD;
  return uniquely(ctx, 'login', input.login, () =>
    ctx.app.db.$transaction(async (tx) => {
      const created = await tx.staffUser.create({
        data: { login: input.login, displayName: input.displayName, email: input.email, passwordHash, active: true },
      });
      if (input.profiles?.length) await setGrants(tx, created.id, input.profiles);
      const view = staffUserView((await readRow(tx, input.login))!);
      await audit(tx, ctx, 'staffUser.create', `staff:${input.login}`, null, view);
      return view;
    }),
  );
}

export async function updateStaffUser(ctx: SetupContext, login: string, patch: z.infer<typeof StaffUserPatch>): Promise<StaffUserView> {
  const before = await readRow(ctx.app.db, login);
  if (!before) throw notFoundUser(ctx, login);
  const wasAdmin = before.grants.some((g) => g.profileCode === 'admin');
  assertMayTouchAdmin(ctx, wasAdmin || (patch.profiles?.includes('admin') ?? false));
  if (patch.password !== undefined) assertCanLogIn(ctx, patch.password);
  const passwordHash = patch.password ? await hash(patch.password) : undefined;
  const result = await ctx.app.db.$transaction(async (tx) => {
    await tx.staffUser.update({
      where: { login },
      data: { displayName: patch.displayName, email: patch.email, active: patch.active, passwordHash },
    });
    if (patch.profiles) await setGrants(tx, before.id, patch.profiles);
    const after = staffUserView((await readRow(tx, login))!);
    // The password itself is never audited, only that it changed.
    const beforeView = { ...staffUserView(before), passwordChanged: false };
    const afterView = { ...after, passwordChanged: passwordHash !== undefined };
    if (changed(beforeView, afterView)) await audit(tx, ctx, 'staffUser.update', `staff:${login}`, beforeView, afterView);
    if ((await usableAdmins(ctx, tx)) === 0)
      throw conflict({ fr: 'Il doit rester au moins un administrateur actif.', en: 'At least one active administrator must remain.' }[ctx.lang], [
        {
          field: patch.active === false ? 'active' : 'profiles',
          message: labelled(
            patch.active === false ? 'active' : 'profiles',
            ctx.lang,
            { fr: 'au moins un administrateur actif doit rester.', en: 'at least one active administrator must remain.' }[ctx.lang],
          ),
        },
      ]);
    return after;
  });
  ctx.app.forgetUser(`staff:${before.id}`);
  return result;
}
