// The candidate managers' screens (/gestion/candidats): the search (kept while one opens an account
// and comes back) and the account being handled, reloaded after each change.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { candidateAccountsApi, type CandidateAccountDetail, type CandidateAccountList } from '../candidate-accounts-api.ts';

export const ACCOUNTS_PAGE_SIZE = 20;

export const useCandidateAccountsStore = defineStore('candidateAccounts', () => {
  const q = ref('');
  const page = ref(1);
  const result = ref<CandidateAccountList | null>(null);
  const searching = ref(false);

  async function search(newPage = 1): Promise<void> {
    searching.value = true;
    try {
      result.value = await candidateAccountsApi.search(q.value, newPage, ACCOUNTS_PAGE_SIZE);
      page.value = newPage;
    } finally {
      searching.value = false;
    }
  }

  const account = ref<CandidateAccountDetail | null>(null);
  async function open(dossierNumber: string): Promise<void> {
    account.value = null;
    account.value = await candidateAccountsApi.get(dossierNumber);
  }
  /** After a change: the account as the server now has it (and the search row if shown). */
  function replace(detail: CandidateAccountDetail): void {
    account.value = detail;
    const row = result.value?.items.findIndex((r) => r.dossierNumber === detail.dossierNumber) ?? -1;
    if (row >= 0) result.value!.items[row] = { ...result.value!.items[row]!, ...detail };
  }

  return { q, page, result, searching, search, account, open, replace };
});
