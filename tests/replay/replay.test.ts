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

  for (const file of files) {
    it(`replays ${file} deterministically`, async () => {
      const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file.replace(/\.json$/, ''));
    });
  }
});
