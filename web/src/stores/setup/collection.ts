// What every setup store shares: a list read from the API once and read again after each change
// (the API's answer is the truth: the table shows what was saved), with its loading state and the
// error of its last read (the page words it with useErrorText).
import { ref, shallowRef, type Ref } from 'vue';

export interface SetupCollection<T> {
  items: Ref<T[]>;
  loaded: Ref<boolean>;
  loading: Ref<boolean>;
  error: Ref<unknown>;
  /** Reads the list again (concurrent calls share one request). */
  load(): Promise<void>;
  /** Reads it unless it was already read. */
  ensure(): Promise<void>;
  /** Awaits a change (the API's answer), then reads the list again; answers the change's answer. */
  change<R>(call: Promise<R>): Promise<R>;
}

export function setupCollection<T>(list: () => Promise<T[]>): SetupCollection<T> {
  const items = shallowRef<T[]>([]) as Ref<T[]>;
  const loaded = ref(false);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let pending: Promise<void> | null = null;

  function load(): Promise<void> {
    pending ??= (async () => {
      loading.value = true;
      try {
        items.value = await list();
        error.value = null;
        loaded.value = true;
      } catch (err) {
        error.value = err;
      } finally {
        loading.value = false;
        pending = null;
      }
    })();
    return pending;
  }

  const ensure = () => (loaded.value ? Promise.resolve() : load());
  async function change<R>(call: Promise<R>): Promise<R> {
    const answer = await call;
    await load();
    return answer;
  }
  return { items, loaded, loading, error, load, ensure, change };
}
