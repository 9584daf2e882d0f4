// `npm run tools:temporal`: installs (or finds) the Temporal CLI and the time-skipping test server
// and prints their paths, e.g. to export TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH by hand.
import { resolveTemporalCli, resolveTemporalTestServer } from '../infra/temporal-cli.ts';

try {
  const cli = await resolveTemporalCli();
  const testServer = await resolveTemporalTestServer();
  console.log(`TEMPORAL_CLI_PATH=${cli}`);
  console.log(`TEMPORAL_TEST_SERVER_PATH=${testServer}`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
