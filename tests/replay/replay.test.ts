// Replays committed workflow histories against today's workflow code: a change that would make a
// running workflow (of any type: candidature, waiting list, bulk, campaign) non-deterministic fails
// here, in CI, before any deployment. Histories are captured by the integration tests with
// CAPTURE_HISTORIES=1 (see DEVELOPERS.md).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../worker/main.ts';

const dir = join(import.meta.dirname, '..', 'histories');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replay of committed histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(1);
  });

  it('has histories of every workflow type the worker runs', () => {
    const bundled = [...readFileSync(join(import.meta.dirname, '..', '..', 'workflows', 'index.ts'), 'utf8').matchAll(/export \{ (\w+) \}/g)].map((m) => m[1]);
    const recorded = new Set(
      files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).events[0].workflowExecutionStartedEventAttributes.workflowType.name as string),
    );
    expect(bundled.length).toBeGreaterThan(0);
    expect([...recorded]).toEqual(expect.arrayContaining(bundled));
  });

  it('has candidature histories of every version of its code: before the complete lifecycle, the lifecycle patches, the fast path', () => {
    // The patches a history's workflow took (its core_patch markers).
    const patchesOf = (file: string): string[] =>
      (JSON.parse(readFileSync(join(dir, file), 'utf8')).events as { markerRecordedEventAttributes?: { markerName: string; details: any } }[])
        .map((e) => e.markerRecordedEventAttributes)
        .filter((m) => m?.markerName === 'core_patch')
        .map((m) => JSON.parse(Buffer.from(m!.details['patch-data'].payloads[0].data, 'base64').toString()).id as string);
    const candidature = files.filter(
      (f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).events[0].workflowExecutionStartedEventAttributes.workflowType.name === 'candidatureWorkflow',
    );
    const versions = new Set(candidature.map((f) => patchesOf(f).sort().join('+') || 'none'));
    expect([...versions]).toEqual(expect.arrayContaining(['none', 'complete-lifecycle', 'archived-export-retry+complete-lifecycle', 'fast-path']));
  });

  for (const file of files) {
    it(`replays ${file} deterministically`, async () => {
      const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file.replace(/\.json$/, ''));
    });
  }
});
