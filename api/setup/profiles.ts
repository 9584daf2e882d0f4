// Profiles as sets of functionalities in read or write (reference §1.1–1.2). Scolarité centrale
// creates profiles of kind G (granted with a centre) or C (granted with a commission: only the
// functionalities open to commissions); the reference's kind A, I and L profiles are fixed. The
// scope of each staff member follows at their next request (api/scope.ts, within SCOPE_TTL_MS).
import type { z } from 'zod';
import type { FunctionalityView, ProfileInput, ProfileRight, ProfileView } from '../../contracts/setup.ts';
import type { Functionality } from '../../domain/codes.ts';
import { conflict } from '../problem.ts';
import { forgetStaffScopes } from '../scope.ts';
import { audit, changed, invalidField, missing, uniquely, type SetupContext, type Tx } from './context.ts';

const include = { functionalities: { orderBy: { functionality: { order: 'asc' } } } } as const;
type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function readRow(db: SetupContext['app']['db'] | Tx, code: string) {
  return db.profile.findUnique({ where: { code }, include });
}

export function profileView(row: Row): ProfileView {
  return {
    code: row.code,
    label: row.label,
    kind: row.kind,
    editable: row.kind === 'G' || row.kind === 'C',
    functionalities: row.functionalities.map((f) => ({ code: f.functionalityCode as Functionality, readOnly: f.readOnly })),
  };
}

export async function listFunctionalities(ctx: SetupContext): Promise<FunctionalityView[]> {
  const rows = await ctx.app.db.functionality.findMany({ orderBy: { order: 'asc' } });
  return rows.map((f) => ({ code: f.code as Functionality, label: f.label, openToCommission: f.openToCommission, isAction: f.isAction }));
}

export async function listProfiles(ctx: SetupContext): Promise<ProfileView[]> {
  return (await ctx.app.db.profile.findMany({ include, orderBy: [{ kind: 'asc' }, { code: 'asc' }] })).map(profileView);
}

/** A commission profile holds only functionalities open to commissions (temOpenComFonc). */
async function checkRights(ctx: SetupContext, kind: string, rights: z.infer<typeof ProfileRight>[]) {
  const seen = new Set<string>();
  rights.forEach((r, i) => {
    if (seen.has(r.code)) throw invalidField(ctx, `functionalities.${i}.code`, { fr: `${r.code} figure deux fois.`, en: `${r.code} is listed twice.` });
    seen.add(r.code);
  });
  if (kind !== 'C') return;
  const open = new Set((await ctx.app.db.functionality.findMany({ where: { openToCommission: true }, select: { code: true } })).map((f) => f.code));
  const closed = rights.findIndex((r) => !open.has(r.code));
  if (closed >= 0)
    throw invalidField(ctx, `functionalities.${closed}.code`, {
      fr: `${rights[closed]!.code} ne peut pas être donnée à un profil de commission.`,
      en: `${rights[closed]!.code} cannot be given to a commission profile.`,
    });
}

export async function createProfile(ctx: SetupContext, input: z.infer<typeof ProfileInput>): Promise<ProfileView> {
  await checkRights(ctx, input.kind, input.functionalities);
  return uniquely(ctx, 'code', input.code, () =>
    ctx.app.db.$transaction(async (tx) => {
      await tx.profile.create({ data: { code: input.code, label: input.label, kind: input.kind } });
      await tx.profileFunctionality.createMany({
        data: input.functionalities.map((f) => ({ profileCode: input.code, functionalityCode: f.code, readOnly: f.readOnly })),
      });
      const view = profileView((await readRow(tx, input.code))!);
      await audit(tx, ctx, 'profile.create', `profile:${input.code}`, null, view);
      return view;
    }),
  );
}

export async function setProfileFunctionalities(ctx: SetupContext, code: string, rights: z.infer<typeof ProfileRight>[]): Promise<ProfileView> {
  const before = await readRow(ctx.app.db, code);
  if (!before) throw missing(ctx, { fr: `Aucun profil ${code}.`, en: `No profile ${code}.` });
  if (!profileView(before).editable)
    throw conflict(
      {
        fr: `Le profil ${code} est fixé par la référence : ses droits ne changent pas.`,
        en: `Profile ${code} is fixed by the reference: its rights do not change.`,
      }[ctx.lang],
    );
  await checkRights(ctx, before.kind, rights);
  const result = await ctx.app.db.$transaction(async (tx) => {
    await tx.profileFunctionality.deleteMany({ where: { profileCode: code } });
    await tx.profileFunctionality.createMany({ data: rights.map((f) => ({ profileCode: code, functionalityCode: f.code, readOnly: f.readOnly })) });
    const after = profileView((await readRow(tx, code))!);
    if (changed(profileView(before), after)) await audit(tx, ctx, 'profile.functionalities', `profile:${code}`, profileView(before), after);
    return after;
  });
  forgetStaffScopes(ctx.app);
  return result;
}
