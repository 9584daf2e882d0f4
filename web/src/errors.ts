// Turns whatever a call threw into the text shown in an alert (the API's `detail` first).
import { useI18n } from 'vue-i18n';
import { ApiError } from './api.ts';

export function useErrorText() {
  const { t } = useI18n();
  return (err: unknown): string => {
    if (err instanceof ApiError) {
      if (err.status === 0) return t('app.networkError');
      return err.problem.detail ?? err.problem.title ?? t('app.genericError', { status: err.status });
    }
    return err instanceof Error ? err.message : String(err);
  };
}
