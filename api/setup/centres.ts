// Centres de candidature (reference §4.2): their defaults for new formations and their managers
// (a staff member with a centre manager profile, on all or some of the centre's commissions).
import type { z } from 'zod';
import type { CentreInput, CentreManagersInput, CentrePatch, CentreView } from '../../contracts/setup.ts';
import { PROFILES } from '../../domain/codes.ts';
import { forgetStaffScopes } from '../scope.ts';
import { audit, changed, fromDay, invalidField, missing, toDay, uniquely, type SetupContext, type Tx } from './context.ts';

const include = {
  managers: {
    include: { user: { select: { login: true, displayName: true } }, commissions: { include: { commission: { select: { code: true } } } } },
    orderBy: { user: { login: 'asc' } },
  },
} as const;
type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function readRow(db: SetupContext['app']['db'] | Tx, code: string) {
  return db.centre.findUnique({ where: { code }, include });
}

export function centreView(row: Row): CentreView {
  return {
    code: row.code,
    label: row.label,
    sisType: row.sisType,
    active: row.active,
    contactEmail: row.contactEmail,
    maxWishes: row.maxWishes,
    sendMailMode: row.sendMailMode as CentreView['sendMailMode'],
    complementaryList: row.complementaryList,
    additionalInfo: row.additionalInfo,
    applicationStartsOn: fromDay(row.applicationStartsOn),
    applicationEndsOn: fromDay(row.applicationEndsOn),
    returnDeadline: fromDay(row.returnDeadline),
    juryOn: fromDay(row.juryOn),
    publicationOn: fromDay(row.publicationOn),
    confirmationOn: fromDay(row.confirmationOn),
    confirmationDelayDays: row.confirmationDelayDays,
    managers: row.managers.map((m) => ({
      login: m.user.login,
      displayName: m.user.displayName,
      profileCode: m.profileCode,
      allCommissions: m.allCommissions,
      commissionCodes: m.commissions.map((c) => c.commission.code).sort(),
      sisManagementCentreCode: m.sisManagementCentreCode,
    })),
  };
}

const notFoundCentre = (ctx: SetupContext, code: string) => missing(ctx, { fr: `Aucun centre ${code}.`, en: `No centre ${code}.` });

export async function listCentres(ctx: SetupContext): Promise<CentreView[]> {
  return (await ctx.app.db.centre.findMany({ include, orderBy: { code: 'asc' } })).map(centreView);
}

export async function getCentre(ctx: SetupContext, code: string): Promise<CentreView> {
  const row = await readRow(ctx.app.db, code);
  if (!row) throw notFoundCentre(ctx, code);
  return centreView(row);
}

function centreData(v: z.infer<typeof CentrePatch>) {
  return {
    label: v.label,
    active: v.active,
    contactEmail: v.contactEmail,
    maxWishes: v.maxWishes,
    sendMailMode: v.sendMailMode,
    complementaryList: v.complementaryList,
    additionalInfo: v.additionalInfo,
    applicationStartsOn: toDay(v.applicationStartsOn),
    applicationEndsOn: toDay(v.applicationEndsOn),
    returnDeadline: toDay(v.returnDeadline),
    juryOn: toDay(v.juryOn),
    publicationOn: toDay(v.publicationOn),
    confirmationOn: toDay(v.confirmationOn),
    confirmationDelayDays: v.confirmationDelayDays,
  };
}

/** A centre's default dates, in the order a formation's must be (api/setup/formations.ts). */
function checkDates(
  ctx: SetupContext,
  v: {
    applicationStartsOn?: string | null;
    applicationEndsOn?: string | null;
    returnDeadline?: string | null;
    juryOn?: string | null;
    publicationOn?: string | null;
  },
) {
  for (const field of ['applicationEndsOn', 'returnDeadline'] as const) {
    const value = v[field];
    if (v.applicationStartsOn && value && value < v.applicationStartsOn)
      throw invalidField(ctx, field, { fr: 'doit être après le début de dépôt.', en: 'must be after the opening date.' });
  }
  if (v.juryOn && v.publicationOn && v.publicationOn < v.juryOn)
    throw invalidField(ctx, 'publicationOn', { fr: 'doit être après la date du jury.', en: 'must be after the jury date.' });
}

export async function createCentre(ctx: SetupContext, input: z.infer<typeof CentreInput>): Promise<CentreView> {
  checkDates(ctx, input);
  return uniquely(ctx, 'code', input.code, () =>
    ctx.app.db.$transaction(async (tx) => {
      const created = await tx.centre.create({ data: { code: input.code, sisType: input.sisType, ...centreData(input), label: input.label }, include });
      await audit(tx, ctx, 'centre.create', `centre:${created.code}`, null, centreView(created));
      return centreView(created);
    }),
  );
}

export async function updateCentre(ctx: SetupContext, code: string, patch: z.infer<typeof CentrePatch>): Promise<CentreView> {
  const before = await readRow(ctx.app.db, code);
  if (!before) throw notFoundCentre(ctx, code);
  checkDates(ctx, { ...centreView(before), ...patch });
  return ctx.app.db.$transaction(async (tx) => {
    const row = await tx.centre.update({ where: { code }, data: centreData(patch), include });
    if (changed(centreView(before), centreView(row))) await audit(tx, ctx, 'centre.update', `centre:${code}`, centreView(before), centreView(row));
    return centreView(row);
  });
}

const MANAGER_PROFILES: readonly string[] = PROFILES.filter((p) => p.kind === 'G').map((p) => p.code);

/** Replaces the centre's managers by this list (the audit keeps the list before and after). */
export async function setCentreManagers(ctx: SetupContext, code: string, list: z.infer<typeof CentreManagersInput>): Promise<CentreView> {
  const centre = await ctx.app.db.centre.findUnique({ where: { code }, include: { commissions: { select: { id: true, code: true } } } });
  if (!centre) throw notFoundCentre(ctx, code);
  const users = await ctx.app.db.staffUser.findMany({ where: { login: { in: list.map((m) => m.login) } }, select: { id: true, login: true } });
  const userIds = new Map(users.map((u) => [u.login, u.id]));
  const customProfiles = await ctx.app.db.profile.findMany({ where: { kind: 'G' }, select: { code: true } });
  const profiles = new Set([...MANAGER_PROFILES, ...customProfiles.map((p) => p.code)]);
  const commissionIds = new Map(centre.commissions.map((c) => [c.code, c.id]));
  const seen = new Set<string>();
  list.forEach((m, i) => {
    if (!userIds.has(m.login)) throw invalidField(ctx, `${i}.login`, { fr: `aucun compte ${m.login}.`, en: `no account ${m.login}.` });
    if (seen.has(m.login)) throw invalidField(ctx, `${i}.login`, { fr: `${m.login} figure deux fois.`, en: `${m.login} is listed twice.` });
    seen.add(m.login);
    if (m.profileCode && !profiles.has(m.profileCode))
      throw invalidField(ctx, `${i}.profileCode`, {
        fr: `${m.profileCode} n’est pas un profil de gestionnaire.`,
        en: `${m.profileCode} is not a manager profile.`,
      });
    const unknown = m.commissionCodes.find((c) => !commissionIds.has(c));
    if (unknown)
      throw invalidField(ctx, `${i}.commissionCodes`, {
        fr: `la commission ${unknown} n’est pas de ce centre.`,
        en: `commission ${unknown} is not this centre's.`,
      });
  });
  const result = await ctx.app.db.$transaction(async (tx) => {
    const before = centreView((await readRow(tx, code))!);
    await tx.centreManager.deleteMany({ where: { centreId: centre.id } });
    for (const m of list)
      await tx.centreManager.create({
        data: {
          centreId: centre.id,
          userId: userIds.get(m.login)!,
          profileCode: m.profileCode ?? 'centreCandidature',
          allCommissions: m.allCommissions,
          sisManagementCentreCode: m.sisManagementCentreCode ?? null,
          commissions: { create: m.allCommissions ? [] : m.commissionCodes.map((c) => ({ commissionId: commissionIds.get(c)! })) },
        },
      });
    const after = centreView((await readRow(tx, code))!);
    if (changed(before.managers, after.managers)) await audit(tx, ctx, 'centre.managers', `centre:${code}`, before.managers, after.managers);
    return after;
  });
  forgetStaffScopes(ctx.app);
  return result;
}
