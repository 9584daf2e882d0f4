// Temporal's time-skipping test server (installed by `npm test`, TEMPORAL_TEST_SERVER_PATH) with the
// real application on it: worker, API, PostgreSQL, SMTP. The test server cannot register custom
// search attributes, so the workflows go without them. Time moves with `env.sleep`.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTestApp, type TestApp } from './app.ts';

export async function startTimeSkippingApp(): Promise<{ env: TestWorkflowEnvironment; t: TestApp }> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests with `npm test`, which installs the time-skipping server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  const t = await startTestApp({ temporalAddress: env.address, searchAttributes: false });
  return { env, t };
}
