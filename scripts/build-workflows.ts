// `npm run build:workflows`: the workflow code bundled ahead of time into dist/workflow-bundle.js (the
// image runs it at build), with the very options the worker bundles with at start
// (worker/main.ts: WORKFLOW_BUNDLE_OPTIONS). A production worker then loads it (WORKFLOW_BUNDLE_PATH, or
// the file itself in production when newer than the sources) and starts in a second instead of
// bundling with webpack in every replica. `-- <path>` writes elsewhere.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ROOT_DIR } from '../infra/config.ts';
import { BUILT_WORKFLOW_BUNDLE, WORKFLOW_BUNDLE_OPTIONS } from '../worker/main.ts';

const started = Date.now();
const out = process.argv[2] ? resolve(process.argv[2]) : BUILT_WORKFLOW_BUNDLE;
try {
  // The code carries its source map inline (stack traces of workflow failures name the sources).
  const { code } = await bundleWorkflowCode(WORKFLOW_BUNDLE_OPTIONS);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`[build:workflows] ${relative(ROOT_DIR, out)}: ${(code.length / 1024 / 1024).toFixed(1)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`[build:workflows] failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
