// The lifecycle of a campaign after its year (reference §4.1, §8): archived when the campaign that
// replaces it is activated (Campaign.archivesCampaignId, plannedActivationAt), then its candidates'
// data destroyed SCOL_NB_JOUR_ARCHIVAGE days later. One workflow per campaign (`campaign-<code>`)
// holds both timers; this is its state and its rules (its messages: contracts/campaign.ts).

export interface CampaignInput {
  campaignCode: string;
}

/** `starting`: the workflow reads the campaign from the database (a moment after its start). */
export type CampaignPhase = 'starting' | 'waiting' | 'archiving' | 'archived' | 'destroying' | 'destroyed';

export interface CampaignLifecycle {
  campaignCode: string;
  phase: CampaignPhase;
  /** The campaign that replaces this one, and when it is to be activated (then this one is archived). */
  successor: { code: string; plannedActivationAt: string | null } | null;
  archivedAt: string | null;
  /** Archiving progress: candidatures of the campaign, and how many workflows were told so far. */
  candidatures: { total: number; notified: number } | null;
  retentionDays: number | null;
  destructionDueAt: string | null;
  destroyedAt: string | null;
  /** What the destruction deleted (counts only: the audit trail keeps no personal data). */
  destruction: DestructionCounts | null;
}

export interface DestructionCounts {
  accounts: number;
  candidatures: number;
  files: number;
  mails: number;
  exports: number;
}

/** Moves the archiving timer: the successor's planned activation (null: none planned, the campaign waits). */
export interface SetActivationArgs {
  successorCode: string;
  plannedActivationAt: string | null;
}

/** What the database says of a campaign when its workflow starts (it may resume after a restart). */
export interface CampaignRecord {
  successor: { code: string; plannedActivationAt: string | null } | null;
  archivedAt: string | null;
  destroyedAt: string | null;
}

/** The initial lifecycle of a campaign from its record. */
export function lifecycleOf(campaignCode: string, record: CampaignRecord): CampaignLifecycle {
  return {
    campaignCode,
    phase: record.destroyedAt ? 'destroyed' : record.archivedAt ? 'archived' : 'waiting',
    successor: record.successor,
    archivedAt: record.archivedAt,
    candidatures: null,
    retentionDays: null,
    destructionDueAt: null,
    destroyedAt: record.destroyedAt,
    destruction: null,
  };
}

/** Why an activation cannot be set now, in French and English (null: it can). */
export function activationRefusal(
  state: CampaignLifecycle,
  args: SetActivationArgs,
): { type: 'Conflict' | 'Invalid'; message: { fr: string; en: string } } | null {
  if (state.phase !== 'starting' && state.phase !== 'waiting')
    return {
      type: 'Conflict',
      message: {
        fr: `La campagne ${state.campaignCode} est déjà archivée : son archivage ne se déplace plus.`,
        en: `The campaign ${state.campaignCode} is already archived: its archiving can no longer move.`,
      },
    };
  if (args.plannedActivationAt !== null && Number.isNaN(Date.parse(args.plannedActivationAt)))
    return {
      type: 'Invalid',
      message: {
        fr: `Date d'activation invalide : ${args.plannedActivationAt}.`,
        en: `Invalid activation date: ${args.plannedActivationAt} (expected an ISO 8601 instant).`,
      },
    };
  return null;
}

/** When the data of a campaign archived at `archivedAt` are destroyed. */
export function destructionDueAt(archivedAt: string, retentionDays: number): string {
  return new Date(Date.parse(archivedAt) + retentionDays * 86_400_000).toISOString();
}
