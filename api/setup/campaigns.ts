// Campaigns (reference §4.1): created by admins; the first campaign of a SIS type is in service at
// once, a later one waits for its planned activation (POST /api/admin/campaigns/{code}/activation),
// which archives the campaign it replaces. Every campaign has its lifecycle workflow from creation.
import type { z } from 'zod';
import type { CampaignInput, CampaignPatch, CampaignView } from '../../contracts/setup.ts';
import { ensureCampaignWorkflow } from '../campaign-workflows.ts';
import { temporalCall } from '../temporal.ts';
import { audit, changed, fromDay, invalidField, missing, toDay, uniquely, type SetupContext } from './context.ts';

const include = { archivesCampaign: { select: { code: true } } } as const;
type Row = Awaited<ReturnType<typeof readRow>>;

async function readRow(ctx: SetupContext, code: string) {
  return ctx.app.db.campaign.findUnique({ where: { code }, include });
}

export function campaignView(row: NonNullable<Row>): CampaignView {
  return {
    code: row.code,
    label: row.label,
    labelEn: row.labelEn,
    sisType: row.sisType,
    startsOn: fromDay(row.startsOn),
    endsOn: fromDay(row.endsOn),
    candidateAccessEndsOn: fromDay(row.candidateAccessEndsOn),
    archivesCampaignCode: row.archivesCampaign?.code ?? null,
    active: row.active,
    plannedActivationAt: row.plannedActivationAt?.toISOString() ?? null,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

export async function listCampaigns(ctx: SetupContext): Promise<CampaignView[]> {
  const rows = await ctx.app.db.campaign.findMany({ include, orderBy: [{ startsOn: 'desc' }, { code: 'asc' }] });
  return rows.map(campaignView);
}

export async function getCampaign(ctx: SetupContext, code: string): Promise<CampaignView> {
  const row = await readRow(ctx, code);
  if (!row) throw missing(ctx, { fr: `Aucune campagne ${code}.`, en: `No campaign ${code}.` });
  return campaignView(row);
}

function checkDates(ctx: SetupContext, v: { startsOn: string; endsOn: string; candidateAccessEndsOn?: string | null }) {
  if (v.endsOn < v.startsOn) throw invalidField(ctx, 'endsOn', { fr: 'doit être après la date de début.', en: 'must be after the start date.' });
  if (v.candidateAccessEndsOn && v.candidateAccessEndsOn < v.startsOn)
    throw invalidField(ctx, 'candidateAccessEndsOn', { fr: 'doit être après la date de début.', en: 'must be after the start date.' });
}

/** The campaign a new one replaces: of the same SIS, not archived, not itself. */
async function replacedCampaign(ctx: SetupContext, code: string | null | undefined, sisType: string, self?: string) {
  if (!code) return null;
  const replaced = await ctx.app.db.campaign.findUnique({ where: { code } });
  const wrong = !replaced || replaced.code === self || replaced.sisType !== sisType || replaced.archivedAt !== null;
  if (wrong)
    throw invalidField(ctx, 'archivesCampaignCode', {
      fr: `aucune campagne ${code} en cours sur le même SIS.`,
      en: `no current campaign ${code} on the same SIS.`,
    });
  return replaced;
}

export async function createCampaign(ctx: SetupContext, input: z.infer<typeof CampaignInput>): Promise<CampaignView> {
  checkDates(ctx, input);
  const replaced = await replacedCampaign(ctx, input.archivesCampaignCode, input.sisType);
  const row = await uniquely(ctx, 'code', input.code, () =>
    ctx.app.db.$transaction(async (tx) => {
      // In service at once when no other campaign of its SIS is (exactly one per SIS type).
      const inService = await tx.campaign.count({ where: { sisType: input.sisType, active: true, archivedAt: null } });
      const now = new Date();
      const created = await tx.campaign.create({
        data: {
          code: input.code,
          label: input.label,
          labelEn: input.labelEn ?? null,
          sisType: input.sisType,
          startsOn: toDay(input.startsOn),
          endsOn: toDay(input.endsOn),
          candidateAccessEndsOn: toDay(input.candidateAccessEndsOn ?? null),
          archivesCampaignId: replaced?.id ?? null,
          active: inService === 0,
          activatedAt: inService === 0 ? now : null,
        },
        include,
      });
      await audit(tx, ctx, 'campaign.create', `campaign:${created.code}`, null, campaignView(created));
      return created;
    }),
  );
  await temporalCall(ctx.app.temporal, () => ensureCampaignWorkflow(ctx.app, row.code));
  return campaignView(row);
}

export async function updateCampaign(ctx: SetupContext, code: string, patch: z.infer<typeof CampaignPatch>): Promise<CampaignView> {
  const before = await readRow(ctx, code);
  if (!before) throw missing(ctx, { fr: `Aucune campagne ${code}.`, en: `No campaign ${code}.` });
  if (before.archivedAt)
    throw invalidField(ctx, 'code', {
      fr: 'cette campagne est archivée : elle ne se modifie plus.',
      en: 'this campaign is archived: it can no longer change.',
    });
  const merged = { ...campaignView(before), ...patch };
  checkDates(ctx, merged);
  const replaced = patch.archivesCampaignCode === undefined ? undefined : await replacedCampaign(ctx, patch.archivesCampaignCode, before.sisType, code);
  const after = await ctx.app.db.$transaction(async (tx) => {
    const row = await tx.campaign.update({
      where: { code },
      data: {
        label: patch.label,
        labelEn: patch.labelEn,
        startsOn: patch.startsOn ? toDay(patch.startsOn) : undefined,
        endsOn: patch.endsOn ? toDay(patch.endsOn) : undefined,
        candidateAccessEndsOn: toDay(patch.candidateAccessEndsOn),
        archivesCampaignId: replaced === undefined ? undefined : (replaced?.id ?? null),
      },
      include,
    });
    if (changed(campaignView(before), campaignView(row))) await audit(tx, ctx, 'campaign.update', `campaign:${code}`, campaignView(before), campaignView(row));
    return row;
  });
  return campaignView(after);
}
