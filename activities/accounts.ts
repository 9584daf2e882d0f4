// The purge of candidate accounts never validated (reference BATCH_NETTOYAGE_CPT, §5): an account
// whose validation date (created + CANDIDAT_NB_JOUR_KEEP_CPT_MIN days) has passed without its link
// being followed, and that has no candidature nor file, is deleted with its file data; its dossier
// number stays in dossier_number_history (never given again). Each deletion is recorded in
// audit_event (actor `system`, action `account.purged`). Logged-out session tokens past their
// expiry are dropped from revoked_session at the same time. Run daily by workflows/account-purge.ts.
import type { Db } from '../infra/prisma.ts';

export interface AccountPurgeResult {
  /** Dossier numbers of the accounts deleted. */
  purged: string[];
  /** Revoked session tokens dropped (expired anyway). */
  revokedSessionsDropped: number;
}

/** At most this many accounts per run (the next day takes the rest). */
const BATCH = 1000;

export async function purgeUnvalidatedAccounts(deps: { db: Db }, now = new Date()): Promise<AccountPurgeResult> {
  const { db } = deps;
  const stale = {
    validated: false,
    validationExpiresAt: { lt: now },
    candidatures: { none: {} },
    files: { none: {} },
  };
  const accounts = await db.candidateAccount.findMany({
    where: stale,
    select: { id: true, dossierNumber: true, validationExpiresAt: true, createdAt: true, campaign: { select: { code: true } } },
    orderBy: { id: 'asc' },
    take: BATCH,
  });
  const purged: string[] = [];
  for (const a of accounts) {
    // Checked again in the deletion: an account validated meanwhile stays.
    const deleted = await db.$transaction(async (tx) => {
      const { count } = await tx.candidateAccount.deleteMany({ where: { id: a.id, ...stale } });
      if (count === 1)
        await tx.auditEvent.create({
          data: {
            actor: 'system',
            action: 'account.purged',
            subject: `candidate-account:${a.dossierNumber}`,
            details: {
              reason: 'never validated',
              campaignCode: a.campaign.code,
              createdAt: a.createdAt.toISOString(),
              validationExpiresAt: a.validationExpiresAt?.toISOString() ?? null,
            },
          },
        });
      return count === 1;
    });
    if (deleted) purged.push(a.dossierNumber);
  }
  const { count: revokedSessionsDropped } = await db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return { purged, revokedSessionsDropped };
}
