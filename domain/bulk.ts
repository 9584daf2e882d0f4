// The rules of a mass action (reference §3.2.7–8 "single or mass selection"): what each item's Update
// receives, and how its outcome reads. The contract (request, input, progress) is contracts/bulk.ts.
import type { BulkItemResult, RefusedItem, StoredItemResult, SystemBulkAction } from '../contracts/bulk.ts';
import type { BulkAction } from '../contracts/candidature.ts';
import { REFUSALS, type LocalizedText, type RefusalKind } from '../contracts/refusals.ts';

/** The Update's argument for an action: a mass opinion entry is always marked so (GEST_IS_UTILISE_BLOCAGE_MASSE). */
export function updateArgs(action: BulkAction | SystemBulkAction, args: Record<string, unknown> | undefined): Record<string, unknown> {
  return action === 'enterOpinion' ? { ...args, mass: true } : (args ?? {});
}

/** The result of an item refused by the candidature's rules (the kind and reason read from its failure: contracts/refusals.ts `refusalFromFailure`). */
export function refusalOf(kind: RefusalKind, reason: LocalizedText, candidatureId: string): RefusedItem {
  return { candidatureId, outcome: 'refused', status: REFUSALS[kind].status, type: kind, message: reason.fr, messageEn: reason.en };
}

/** An item's result as a reader of this language reads it (the English message where the run kept one). */
export function itemInLanguage(item: StoredItemResult, lang: 'fr' | 'en'): BulkItemResult {
  if (item.outcome !== 'refused') return item;
  const { messageEn, ...refused } = item;
  return lang === 'en' && messageEn ? { ...refused, message: messageEn } : refused;
}

/** Counts of a results list. */
export function tally(items: BulkItemResult[]): { done: number; succeeded: number; failed: number } {
  let succeeded = 0;
  let failed = 0;
  for (const r of items) {
    if (r.outcome === 'ok') succeeded++;
    else if (r.outcome !== 'pending') failed++;
  }
  return { done: succeeded + failed, succeeded, failed };
}
