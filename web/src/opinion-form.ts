// The opinion form's fields and their check, shared by a candidature's page and the mass-action
// panel. What an opinion must come with for its kind is the domain's rule (domain/opinion.ts, the
// one the workflow applies); the formats of the interview's date and time are the contract's
// (contracts/candidature.ts `Interview`). Errors are keyed by the form's field names.
import { computed, ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { Interview } from '../../contracts/candidature.ts';
import { opinionArgumentProblems, type OpinionField } from '../../domain/opinion.ts';
import type { DecisionType, OpinionInput } from './api.ts';

/** The form field of each domain field. */
const FORM_FIELD: Record<OpinionField, string> = {
  motiveCode: 'motiveCode',
  lcRank: 'lcRank',
  interview: 'interviewDate',
  'interview.date': 'interviewDate',
  'interview.time': 'interviewTime',
  'interview.place': 'interviewPlace',
};

/** The opinion form's field of an error's path in a request (`motiveCode`, `args.interview.date`…), if it is one. */
export function opinionFormField(path: string): string | undefined {
  return FORM_FIELD[path.replace(/^(body|args)\./, '') as OpinionField];
}

type Text = string | number | undefined;
const text = (v: Text) => String(v ?? '').trim();

export function useOpinionForm(decisionTypes: Ref<DecisionType[]>) {
  const { t } = useI18n();
  const decisionType = ref('');
  const motiveCode = ref('');
  const lcRank = ref<Text>('');
  const interviewDate = ref<Text>('');
  const interviewTime = ref<Text>('');
  const interviewPlace = ref<Text>('');
  const appeal = ref(false);
  const comment = ref<Text>('');
  const kind = computed(() => decisionTypes.value.find((d) => d.code === decisionType.value)?.opinionKind ?? null);

  /** The opinion to send, or the errors to show (by form field, in the form's order). */
  function check(): { input: OpinionInput; errors: null } | { input: null; errors: Record<string, string> } {
    const errors: Record<string, string> = {};
    if (!decisionType.value) errors.decisionType = t('staffCandidature.required');
    const k = kind.value;
    const input: OpinionInput = { decisionType: decisionType.value };
    if (k === 'DE' && motiveCode.value) input.motiveCode = motiveCode.value;
    if (k === 'LC' && text(lcRank.value)) input.lcRank = Number(text(lcRank.value));
    if (k === 'PR') input.interview = { date: text(interviewDate.value), time: text(interviewTime.value), place: text(interviewPlace.value) };
    if (k) {
      for (const p of opinionArgumentProblems(k, input))
        errors[FORM_FIELD[p.field]] ??= p.problem === 'rankInvalid' ? t('staffCandidature.rankInvalid') : t('staffCandidature.required');
      const i = input.interview;
      if (i?.date && !Interview.shape.date.safeParse(i.date).success) errors.interviewDate ??= t('staffCandidature.dateInvalid');
      if (i?.time && !Interview.shape.time.safeParse(i.time).success) errors.interviewTime ??= t('staffCandidature.timeInvalid');
    }
    if (appeal.value) input.appeal = true;
    const c = text(comment.value);
    if (c) input.comment = c;
    const order = ['decisionType', 'motiveCode', 'lcRank', 'interviewDate', 'interviewTime', 'interviewPlace'];
    const sorted = Object.fromEntries(order.filter((f) => errors[f]).map((f) => [f, errors[f]!]));
    return Object.keys(sorted).length ? { input: null, errors: sorted } : { input, errors: null };
  }

  function reset(): void {
    decisionType.value = '';
    motiveCode.value = '';
    lcRank.value = '';
    interviewDate.value = '';
    interviewTime.value = '';
    interviewPlace.value = '';
    appeal.value = false;
    comment.value = '';
  }

  return { decisionType, motiveCode, lcRank, interviewDate, interviewTime, interviewPlace, appeal, comment, kind, check, reset };
}
