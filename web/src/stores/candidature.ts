// The candidature the candidate has open: its view (as the API answers it to them), what the page
// shows beside it (details: decision labels, contact…), and its live status. The view follows the
// server-sent events of GET /api/candidatures/{id}/events (the session cookie authenticates
// EventSource); a later view (higher seq) replaces the one shown, whether it came from the stream
// or from the answer to the candidate's own action. A change that came from elsewhere (a manager,
// a timer) is handed to `onRemoteChange` (the page announces it). A dropped stream is reopened:
// EventSource retries by itself after a network drop; when it gives up (an HTTP error), the store
// reads the view again and reopens the stream after a delay that grows up to 30 s.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, ApiError, type CandidatureView } from '../api.ts';
import { candidatureApi, type CandidatureDetails } from '../candidature-api.ts';

export type LiveState = 'connecting' | 'open' | 'interrupted';

/** What the candidate follows: a change of one of these is announced. */
export function signature(v: CandidatureView): string {
  return [
    v.stage,
    v.dossierStatus,
    v.opinion?.validated ? `${v.opinion.kind}:${v.opinion.decisionType}` : '',
    v.confirmation.answer ?? '',
    v.confirmation.deadline ?? '',
    v.export.status,
    v.pieces.map((p) => `${p.code}:${p.status}`).join(','),
  ].join('|');
}

/** What others decide about the candidature (not the SIS export, which follows the candidate's own answer). */
const decisionSide = (v: CandidatureView) =>
  [
    v.stage,
    v.dossierStatus,
    v.opinion?.validated ? `${v.opinion.kind}:${v.opinion.decisionType}` : '',
    v.pieces.map((p) => `${p.code}:${p.status}`).join(','),
  ].join('|');

const reopenDelayMs = (attempt: number) => Math.min(2000 * 2 ** attempt, 30_000);

export const useCandidatureStore = defineStore('candidature', () => {
  const id = ref<string | null>(null);
  const view = ref<CandidatureView | null>(null);
  const details = ref<CandidatureDetails | null>(null);
  const loadError = ref<unknown>(null);
  const notFound = ref(false);
  const live = ref<LiveState>('connecting');
  /** The key of the action under way (`transmit`, `piece:CV`…): one at a time on the page. */
  const busy = ref<string | null>(null);
  /** The outcome of the candidate's last action (transmit, confirm…), shown until the next one. */
  const notice = ref<{ type: 'success' | 'error'; text: string } | null>(null);
  /** Bumped when the view changes from elsewhere (a manager, a timer): the components drop their own outcomes' messages. */
  const remoteChanges = ref(0);

  /** The documents and questions, named in the reader's language (the details' labels; the view's French ones until they come). */
  const pieces = computed(() => (view.value?.pieces ?? []).map((p) => ({ ...p, label: details.value?.labels.pieces[p.code] ?? p.label })));
  const questions = computed(() => (view.value?.questions ?? []).map((q) => ({ ...q, label: details.value?.labels.questions[q.code] ?? q.label })));

  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;
  let attempts = 0;
  let onRemoteChange: ((previous: CandidatureView, next: CandidatureView) => void) | null = null;
  let detailsFor = '';

  async function refreshDetails(v: CandidatureView): Promise<void> {
    // What the details depend on: the published decision and the transmission.
    const key = `${v.id}|${v.opinion?.validated ? `${v.opinion.decisionType}:${v.opinion.validatedAt}` : ''}|${v.dates.transmittedAt ?? ''}`;
    if (key === detailsFor && details.value) return;
    detailsFor = key;
    try {
      const next = await candidatureApi.details(v.id);
      if (id.value === v.id) details.value = next;
    } catch {
      // The page shows what the view says; the details come back with the next change.
      detailsFor = '';
    }
  }

  /** Shows this view if it is not older than the one shown. Answers whether it was taken. */
  function apply(next: CandidatureView, remote = false): boolean {
    if (next.id !== id.value) return false;
    const previous = view.value;
    if (previous && next.seq < previous.seq) return false;
    view.value = next;
    void refreshDetails(next);
    // While the candidate's own action runs, its change may arrive by the stream before its answer: not announced as news.
    if (remote && !busy.value && previous && signature(previous) !== signature(next)) {
      // News from elsewhere (a decision, the file's status, a piece checked): the outcome of the candidate's
      // last action no longer describes what is shown. Not the export that follows their own confirmation or withdrawal.
      if (decisionSide(previous) !== decisionSide(next)) {
        notice.value = null;
        remoteChanges.value++;
      }
      onRemoteChange?.(previous, next);
    }
    return true;
  }

  /** Reads the view (GET): at opening, and when the stream gave up. */
  async function load(remote: boolean): Promise<void> {
    const wanted = id.value;
    if (!wanted) return;
    try {
      const next = await api.candidature(wanted);
      loadError.value = null;
      notFound.value = false;
      apply(next, remote);
    } catch (err) {
      if (id.value !== wanted) return;
      if (err instanceof ApiError && err.status === 404) notFound.value = true;
      else if (!view.value) loadError.value = err;
    }
  }

  function stopStream(): void {
    source?.close();
    source = null;
    if (reopenTimer) clearTimeout(reopenTimer);
    reopenTimer = null;
  }

  function openStream(): void {
    stopStream();
    if (!id.value || typeof EventSource === 'undefined') return;
    const current = id.value;
    const es = new EventSource(candidatureApi.eventsUrl(current));
    source = es;
    live.value = live.value === 'interrupted' ? 'interrupted' : 'connecting';
    es.onopen = () => {
      attempts = 0;
      live.value = 'open';
    };
    es.addEventListener('view', (e) => {
      try {
        apply(JSON.parse((e as MessageEvent<string>).data) as CandidatureView, true);
      } catch {
        /* a malformed event is ignored: the next one carries the whole view */
      }
    });
    es.onerror = () => {
      if (source !== es) return;
      live.value = 'interrupted';
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (an HTTP error); read and reopen later.
      if (es.readyState !== EventSource.CLOSED) return;
      es.close();
      source = null;
      reopenTimer = setTimeout(() => {
        reopenTimer = null;
        if (id.value !== current) return;
        void load(true).then(() => {
          if (id.value === current && !notFound.value) openStream();
        });
      }, reopenDelayMs(attempts++));
    };
  }

  /** Opens a candidature: reads it, then follows it. */
  async function open(candidatureId: string, changed: (previous: CandidatureView, next: CandidatureView) => void): Promise<void> {
    close();
    id.value = candidatureId;
    onRemoteChange = changed;
    await load(false);
    if (id.value === candidatureId && !notFound.value) openStream();
  }

  function close(): void {
    stopStream();
    id.value = null;
    view.value = null;
    details.value = null;
    detailsFor = '';
    loadError.value = null;
    notFound.value = false;
    busy.value = null;
    notice.value = null;
    live.value = 'connecting';
    attempts = 0;
    onRemoteChange = null;
  }

  /** Reads the details again (their labels are in the reader's language: after a change of language). */
  function reloadDetails(): void {
    detailsFor = '';
    if (view.value) void refreshDetails(view.value);
  }

  return {
    id,
    view,
    details,
    pieces,
    questions,
    loadError,
    notFound,
    live,
    busy,
    notice,
    remoteChanges,
    open,
    close,
    apply,
    reloadDetails,
    reload: () => load(true),
  };
});
