// How long workflow histories are: the spine's (a candidature of the load whose export is done, read
// from Temporal) and the committed replay histories of tests/histories/*.json.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { ROOT_DIR } from '../../../infra/config.ts';
import { candidatureWorkflowId } from '../../../contracts/candidature.ts';

export interface HistoryCounts {
  /** Events of one spine candidature, apply → export done. */
  spine: { candidatureId: string; events: number } | null;
  /** The longest committed history. */
  longest: { name: string; events: number } | null;
  committed: Record<string, number>;
}

export async function spineHistoryEvents(
  temporalAddress: string,
  candidatureId: string,
  namespace = process.env.TEMPORAL_NAMESPACE ?? 'default',
): Promise<number> {
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new Client({ connection, namespace });
    const history = await client.workflow.getHandle(candidatureWorkflowId(candidatureId)).fetchHistory();
    return history.events?.length ?? 0;
  } finally {
    await connection.close();
  }
}

export function committedHistoryEvents(dir = join(ROOT_DIR, 'tests', 'histories')): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { events?: unknown[] };
    counts[basename(file, '.json')] = json.events?.length ?? 0;
  }
  return counts;
}

export function longestOf(counts: Record<string, number>): { name: string; events: number } | null {
  let longest: { name: string; events: number } | null = null;
  for (const [name, events] of Object.entries(counts)) if (!longest || events > longest.events) longest = { name, events };
  return longest;
}
