// The dev stack's own parts, for real: ports, the SMTP catcher, embedded PostgreSQL (persistence
// across a restart) and the Temporal dev server (custom search attributes, persistence).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SEARCH_ATTRIBUTE_KEYS, searchAttributeFlags } from '../../contracts/search-attributes.ts';
import { ROOT_DIR } from '../../infra/config.ts';
import { freePort } from '../../infra/ports.ts';
import { startEmbeddedPostgres } from '../../infra/postgres.ts';
import { startSmtpCatcher } from '../../infra/smtp-catcher.ts';
import { startTemporalDevServer } from '../../infra/temporal-dev-server.ts';

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

describe('freePort', () => {
  it('returns the preferred port when it is free, another one when it is taken', async () => {
    const port = await freePort();
    expect(await freePort(port)).toBe(port);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const other = await freePort(port);
      expect(other).not.toBe(port);
      expect(other).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('SMTP catcher', () => {
  it('catches a mail sent with nodemailer, UTF-8 intact', async () => {
    const catcher = await startSmtpCatcher({ port: 0 });
    try {
      const transport = nodemailer.createTransport(catcher.url);
      const subject = 'Décision de la commission — avis favorable ✓';
      await transport.sendMail({
        from: 'eCandidat <no-reply@ecandidat.localhost>',
        to: 'Zoé Lefèvre <zoe@demo.test>',
        bcc: 'archive@demo.test',
        subject,
        text: 'Bonjour Zoé, votre candidature a reçu un avis favorable.',
        html: '<p>Bonjour Zoé</p>',
      });
      const mail = await catcher.waitFor((m) => m.to.includes('zoe@demo.test'), 5_000);
      expect(mail).toMatchObject({ subject, text: 'Bonjour Zoé, votre candidature a reçu un avis favorable.', html: '<p>Bonjour Zoé</p>' });
      expect(mail.from).toContain('no-reply@ecandidat.localhost');
      expect(mail.to).toEqual(['zoe@demo.test', 'archive@demo.test']);
      expect(mail.headers.subject).toBe(subject);
      expect(new Date(mail.date).getTime()).not.toBeNaN();
      expect(catcher.messages()).toHaveLength(1);

      await expect(catcher.waitFor((m) => m.subject === 'never sent', 200)).rejects.toThrow(/no matching mail/);
      catcher.clear();
      expect(catcher.messages()).toEqual([]);
    } finally {
      await catcher.stop();
    }
  });
});

describe('embedded PostgreSQL', () => {
  it('answers, stops, and restarts on the same data folder with its data', async () => {
    const dataDir = join(await tempDir('stack-pg-'), 'data');
    const query = async (url: string, sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };

    const first = await startEmbeddedPostgres({ dataDir, port: 0, durable: false, log: () => {} });
    try {
      expect(first.url).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/ecandidat$/);
      expect(await query(first.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      await query(first.url, "create table kept (label text); insert into kept values ('avant redémarrage')");
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, port: 0, durable: false, log: () => {} });
    try {
      expect(await query(second.url, 'select label from kept')).toEqual([{ label: 'avant redémarrage' }]);
    } finally {
      await second.stop();
    }
  });
});

describe('Temporal dev server', () => {
  it('of the test run (TEMPORAL_ADDRESS) has every custom search attribute', async () => {
    const address = process.env.TEMPORAL_ADDRESS;
    expect(address, 'TEMPORAL_ADDRESS is set by scripts/test.ts').toBeTruthy();
    const connection = await Connection.connect({ address: address! });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      for (const key of SEARCH_ATTRIBUTE_KEYS) expect(customAttributes[key.name], key.name).toBe(encodeSearchAttributeIndexedValueType(key.type));
    } finally {
      await connection.close();
    }
  });

  it('on a SQLite file keeps workflows across a restart and re-registers a missing search attribute', async () => {
    const dbFile = join(await tempDir('stack-temporal-'), 'temporal.db');
    const missing = SEARCH_ATTRIBUTE_KEYS[0].name;

    const first = await startTemporalDevServer({ dbFile, port: 0, headless: true, log: () => {} });
    try {
      const connection = await Connection.connect({ address: first.address });
      const client = new Client({ connection });
      // No worker needed: the execution just waits for one.
      await client.workflow.start('neverRuns', { taskQueue: 'stack-test', workflowId: 'stack-test-persisted' });
      // Simulate a database from before an attribute existed (the CLI then skips its --search-attribute flags).
      await connection.operatorService.removeSearchAttributes({ namespace: 'default', searchAttributes: [missing] });
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(customAttributes[missing]).toBeUndefined();
      await connection.close();
    } finally {
      await first.stop();
    }

    const second = await startTemporalDevServer({ dbFile, port: 0, headless: true, log: () => {} });
    try {
      const connection = await Connection.connect({ address: second.address });
      const client = new Client({ connection });
      const description = await client.workflow.getHandle('stack-test-persisted').describe();
      expect(description.status.name).toBe('RUNNING');
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(Object.keys(customAttributes)).toEqual(expect.arrayContaining(SEARCH_ATTRIBUTE_KEYS.map((k) => k.name)));
      await client.workflow.getHandle('stack-test-persisted').terminate('test done');
      await connection.close();
    } finally {
      await second.stop();
    }
  });
});

describe('docker-compose.yml', () => {
  it('registers the same search attributes as the dev server', async () => {
    const compose = await readFile(join(ROOT_DIR, 'docker-compose.yml'), 'utf8');
    const listed = /for attr in ([^;]+);/.exec(compose)?.[1]?.trim().split(/\s+/);
    expect(listed).toEqual(searchAttributeFlags());
  });
});
