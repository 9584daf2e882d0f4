// A new Temporal namespace on the test server, with the app's search attributes: for a test app on a
// fresh database (tests/support/fresh-database.ts). Workflow ids that follow business keys
// (waiting-list-<formation>, campaign-<code>) would otherwise meet the runs other test apps started
// in the shared namespace, on task queues no worker polls any more.
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { loadConfig } from '../../infra/config.ts';
import { ensureSearchAttributes } from '../../infra/temporal-dev-server.ts';
import { waitFor } from './wait.ts';

export async function freshNamespace(prefix: string): Promise<string> {
  const namespace = `${prefix}-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address: loadConfig().temporalAddress });
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
    // The frontend learns of a new namespace through its cache: wait until it answers for it.
    await waitFor(
      async () => {
        try {
          await ensureSearchAttributes(connection, namespace);
          await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1, query: 'CampaignCode = "x"' });
          return 'usable';
        } catch (err) {
          return (err as Error).message;
        }
      },
      (state) => state === 'usable',
      `namespace ${namespace} usable`,
      60_000,
    );
    return namespace;
  } finally {
    await connection.close();
  }
}
