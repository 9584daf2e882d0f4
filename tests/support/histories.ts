// Saves a workflow's history under tests/histories/ when CAPTURE_HISTORIES=1, for the replay tests.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';

export async function captureHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.CAPTURE_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  const { historyToJSON } = await import('@temporalio/common/lib/proto-utils.js');
  await writeFile(join(import.meta.dirname, '..', 'histories', `${name}.json`), historyToJSON(history) + '\n');
}
