// Commissions (reference §4.3): contact and address, alert and letter settings, members (the
// default commission profile) with their president. A formation belongs to exactly one commission.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  COMMISSION_DEFAULTS,
  SIGNATURE_FILE_TYPES,
  type CommissionInput,
  type CommissionMembersInput,
  type CommissionPatch,
  type CommissionView,
} from '../../contracts/setup.ts';
import { receiveSetupFile, sendSetupFile } from './files.ts';
import { forgetStaffScopes } from '../scope.ts';
import { audit, centreIdOf, changed, invalidField, missing, uniquely, type SetupContext, type Tx } from './context.ts';

const include = {
  centre: { select: { code: true } },
  signatureFile: { select: { name: true } },
  members: { include: { user: { select: { login: true, displayName: true } } }, orderBy: { user: { login: 'asc' } } },
} as const;
type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function readRow(db: SetupContext['app']['db'] | Tx, code: string) {
  return db.commission.findUnique({ where: { code }, include });
}

export function commissionView(row: Row): CommissionView {
  return {
    code: row.code,
    label: row.label,
    centreCode: row.centre.code,
    active: row.active,
    email: row.email,
    phone: row.phone,
    url: row.url,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    postcode: row.postcode,
    city: row.city,
    returnComment: row.returnComment,
    signatory: row.signatory,
    letterDownloadable: row.letterDownloadable,
    letterAttachedToMail: row.letterAttachedToMail,
    alertMode: row.alertMode as CommissionView['alertMode'],
    alertEmail: row.alertEmail,
    alertOnProposition: row.alertOnProposition,
    alertOnCancellation: row.alertOnCancellation,
    alertOnTransmission: row.alertOnTransmission,
    alertOnWithdrawal: row.alertOnWithdrawal,
    alertOnMainList: row.alertOnMainList,
    signature: row.signatureFile ? { name: row.signatureFile.name } : null,
    members: row.members.map((m) => ({ login: m.user.login, displayName: m.user.displayName, president: m.isPresident, profileCode: m.profileCode })),
  };
}

const notFoundCommission = (ctx: SetupContext, code: string) => missing(ctx, { fr: `Aucune commission ${code}.`, en: `No commission ${code}.` });

export async function listCommissions(ctx: SetupContext, centreCode?: string): Promise<CommissionView[]> {
  const rows = await ctx.app.db.commission.findMany({ where: centreCode ? { centre: { code: centreCode } } : {}, include, orderBy: { code: 'asc' } });
  return rows.map(commissionView);
}

export async function getCommission(ctx: SetupContext, code: string): Promise<CommissionView> {
  const row = await readRow(ctx.app.db, code);
  if (!row) throw notFoundCommission(ctx, code);
  return commissionView(row);
}

function checkAlerts(ctx: SetupContext, v: { alertMode?: string; alertEmail?: string | null; email?: string | null }) {
  if (v.alertMode === 'M' && !v.alertEmail && !v.email)
    throw invalidField(ctx, 'alertEmail', { fr: 'est obligatoire quand les alertes vont à une adresse.', en: 'is required when alerts go to an address.' });
}

export async function createCommission(ctx: SetupContext, input: z.infer<typeof CommissionInput>): Promise<CommissionView> {
  checkAlerts(ctx, input);
  const centreId = (await centreIdOf(ctx, input.centreCode))!;
  const { centreCode: _, ...fields } = input;
  return uniquely(ctx, 'code', input.code, () =>
    ctx.app.db.$transaction(async (tx) => {
      const created = await tx.commission.create({ data: { ...COMMISSION_DEFAULTS, ...fields, centreId }, include });
      await audit(tx, ctx, 'commission.create', `commission:${created.code}`, null, commissionView(created));
      return commissionView(created);
    }),
  );
}

export async function updateCommission(ctx: SetupContext, code: string, patch: z.infer<typeof CommissionPatch>): Promise<CommissionView> {
  const before = await readRow(ctx.app.db, code);
  if (!before) throw notFoundCommission(ctx, code);
  checkAlerts(ctx, { ...commissionView(before), ...patch });
  return ctx.app.db.$transaction(async (tx) => {
    const row = await tx.commission.update({ where: { code }, data: patch, include });
    if (changed(commissionView(before), commissionView(row)))
      await audit(tx, ctx, 'commission.update', `commission:${code}`, commissionView(before), commissionView(row));
    return commissionView(row);
  });
}

/** Replaces the commission's members by this list (default `commission` profile; one president at most). */
export async function setCommissionMembers(ctx: SetupContext, code: string, list: z.infer<typeof CommissionMembersInput>): Promise<CommissionView> {
  const commission = await ctx.app.db.commission.findUnique({ where: { code } });
  if (!commission) throw notFoundCommission(ctx, code);
  const users = await ctx.app.db.staffUser.findMany({ where: { login: { in: list.map((m) => m.login) } }, select: { id: true, login: true } });
  const userIds = new Map(users.map((u) => [u.login, u.id]));
  const seen = new Set<string>();
  list.forEach((m, i) => {
    if (!userIds.has(m.login)) throw invalidField(ctx, `${i}.login`, { fr: `aucun compte ${m.login}.`, en: `no account ${m.login}.` });
    if (seen.has(m.login)) throw invalidField(ctx, `${i}.login`, { fr: `${m.login} figure deux fois.`, en: `${m.login} is listed twice.` });
    seen.add(m.login);
  });
  const commissionProfiles = new Set((await ctx.app.db.profile.findMany({ where: { kind: 'C' }, select: { code: true } })).map((p) => p.code));
  list.forEach((m, i) => {
    if (m.profileCode && !commissionProfiles.has(m.profileCode))
      throw invalidField(ctx, `${i}.profileCode`, {
        fr: `${m.profileCode} n’est pas un profil de commission.`,
        en: `${m.profileCode} is not a commission profile.`,
      });
  });
  const presidents = list.flatMap((m, i) => (m.president ? [i] : []));
  if (presidents.length > 1)
    throw invalidField(ctx, `${presidents[1]}.president`, { fr: 'une commission n’a qu’un président.', en: 'a commission has one chair only.' });
  const result = await ctx.app.db.$transaction(async (tx) => {
    const before = commissionView((await readRow(tx, code))!);
    // Members keep their profile (a custom commission profile given earlier) when they stay.
    const kept = new Map((await tx.commissionMember.findMany({ where: { commissionId: commission.id } })).map((m) => [m.userId, m.profileCode]));
    await tx.commissionMember.deleteMany({ where: { commissionId: commission.id } });
    await tx.commissionMember.createMany({
      data: list.map((m) => {
        const userId = userIds.get(m.login)!;
        return { commissionId: commission.id, userId, profileCode: m.profileCode ?? kept.get(userId) ?? 'commission', isPresident: m.president };
      }),
    });
    const after = commissionView((await readRow(tx, code))!);
    if (changed(before.members, after.members)) await audit(tx, ctx, 'commission.members', `commission:${code}`, before.members, after.members);
    return after;
  });
  forgetStaffScopes(ctx.app);
  return result;
}

/** The signature image of the commission's letters (PNG or JPEG, type read from the content). */
export async function setCommissionSignature(ctx: SetupContext, code: string, request: FastifyRequest): Promise<CommissionView> {
  const before = await readRow(ctx.app.db, code);
  if (!before) throw notFoundCommission(ctx, code);
  const fileId = await receiveSetupFile(ctx, request, SIGNATURE_FILE_TYPES, 'S');
  return ctx.app.db.$transaction(async (tx) => {
    const row = await tx.commission.update({ where: { code }, data: { signatureFileId: fileId }, include });
    await audit(tx, ctx, 'commission.signature', `commission:${code}`, commissionView(before).signature, commissionView(row).signature);
    return commissionView(row);
  });
}

export async function sendCommissionSignature(ctx: SetupContext, code: string, reply: FastifyReply) {
  const row = await ctx.app.db.commission.findUnique({ where: { code }, select: { signatureFileId: true } });
  return sendSetupFile(ctx, reply, row?.signatureFileId ?? null);
}
