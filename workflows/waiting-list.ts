// The complementary list (liste complémentaire, LC) of one formation: an entity workflow, one per
// formation (`waiting-list-<formation>`), started by the first event a candidature sends it.
// Candidatures tell it when they join (an LC opinion is validated, with its rank), leave (another
// opinion replaces it) or free a seat (a favourable candidate withdraws or is auto-withdrawn).
// Seats are processed one at a time, in arrival order, so two withdrawals at once promote exactly
// two candidates (reference §3.2.11). Deterministic code only; activities by `import type`.
import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { waitingListEventSignal, waitingListQuery, type WaitingListEvent, type WaitingListView } from '../contracts/waiting-list.ts';

type Activities = ReturnType<typeof createActivities>;

const { waitingListConfig, promoteCandidature } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface WaitingListInput {
  formationCode: string;
  /** Carried over continue-as-new. */
  carried?: { entries: Entry[]; freed: string[]; seen: string[]; promotions: WaitingListView['promotions'] };
}

interface Entry {
  candidatureId: string;
  enteredRank: number | null;
  joinedAt: string;
}

/** Entered rank first (unranked last), then who joined first: the order promotions follow. */
function ordered(entries: Entry[]): Entry[] {
  return [...entries].sort((a, b) => (a.enteredRank ?? Infinity) - (b.enteredRank ?? Infinity) || a.joinedAt.localeCompare(b.joinedAt));
}

export async function waitingListWorkflow(input: WaitingListInput): Promise<void> {
  let entries: Entry[] = input.carried?.entries ?? [];
  /** Seats freed and not yet processed, by the candidature that freed them. */
  const freed: string[] = input.carried?.freed ?? [];
  /** Every seat ever freed: a retried notification never frees a seat twice. */
  const seen = new Set<string>(input.carried?.seen ?? []);
  const promotions: WaitingListView['promotions'] = input.carried?.promotions ?? [];

  setHandler(waitingListEventSignal, (e: WaitingListEvent) => {
    if (e.event === 'joined') {
      entries = [
        ...entries.filter((x) => x.candidatureId !== e.candidatureId),
        { candidatureId: e.candidatureId, enteredRank: e.rank ?? null, joinedAt: e.at },
      ];
    } else if (e.event === 'left') {
      entries = entries.filter((x) => x.candidatureId !== e.candidatureId);
    } else if (!seen.has(e.candidatureId)) {
      seen.add(e.candidatureId);
      freed.push(e.candidatureId);
    }
  });
  setHandler(waitingListQuery, () => ({
    formationCode: input.formationCode,
    entries: ordered(entries).map((e, i) => ({ ...e, realRank: i + 1 })),
    promotions,
  }));

  for (;;) {
    await condition(() => freed.length > 0 || workflowInfo().continueAsNewSuggested);
    if (freed.length === 0) {
      return continueAsNew<typeof waitingListWorkflow>({ formationCode: input.formationCode, carried: { entries, freed, seen: [...seen], promotions } });
    }
    const freedBy = freed[0]!;
    const config = await waitingListConfig(input.formationCode);
    const at = new Date().toISOString();
    if (!config.decisionType) {
      promotions.push({ freedBy, promoted: null, at, note: 'promotion automatique non paramétrée pour la formation' });
    } else {
      let promoted: string | null = null;
      // The first candidate still on the list takes the seat; one that left meanwhile is skipped.
      for (const entry of ordered(entries)) {
        const outcome = await promoteCandidature({ candidatureId: entry.candidatureId, decisionType: config.decisionType, freedBy });
        entries = entries.filter((x) => x.candidatureId !== entry.candidatureId);
        if (outcome === 'promoted') {
          promoted = entry.candidatureId;
          break;
        }
      }
      promotions.push({ freedBy, promoted, at, note: promoted ? null : 'liste complémentaire vide' });
    }
    freed.shift();
  }
}
