// The daily synchronisation of a SIS's referentials (workflows/referential-sync.ts): its progress
// query. Its input and reports: domain/referential-sync.ts.
import type { QueryDefinition } from '@temporalio/common';
import type { ReferentialSyncProgress } from '../domain/referential-sync.ts';

/** The run's progress: per-list reports so far. */
export const referentialSyncProgressQuery = { type: 'query', name: 'referentialSyncProgress' } as QueryDefinition<
  ReferentialSyncProgress,
  [],
  'referentialSyncProgress'
>;
