// The configuration an operator writes (.env, compose, a systemd unit): blank values mean "unset",
// and a start with wrong values fails once, naming every variable at fault, without echoing secrets.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../infra/config.ts';

afterEach(() => vi.unstubAllEnvs());

function stub(vars: Record<string, string>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
}

describe('loadConfig', () => {
  it('takes a blank line of .env as unset: the defaults apply', () => {
    stub({ DATABASE_URL: 'postgresql://u:p@db/app', FILES_DIR: '', PEGASE_OPI_DIR: ' ', PORT: '', SMTP_URL: '', LOGIN_MAX_FAILURES: '' });
    const config = loadConfig();
    expect(config.filesDir).toMatch(/files$/);
    expect(config.pegaseOpiDir).toMatch(/pegase-opi$/);
    expect(config.port).toBe(3000);
    expect(config.smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(config.loginMaxFailures).toBe(10);
  });

  it('names every missing or invalid variable in one error, and never a secret’s value', () => {
    stub({
      APP_MODE: 'production',
      DATABASE_URL: '',
      SESSION_SECRET: '',
      INSTITUTION_NAME: 'Université de Test',
      PORT: 'eighty',
      WORKER_ACTIVITY_SLOTS: '-3',
      DATABASE_POOL_SIZE: '2.5',
      FILE_STORAGE: 's3',
      S3_BUCKET: 'pieces',
      S3_ACCESS_KEY_ID: 'AKIA-TEST',
      S3_SECRET_ACCESS_KEY: '',
      PEGASE_PASSWORD: 'pegase-secret-value',
    });
    let message = '';
    try {
      loadConfig();
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of ['DATABASE_URL', 'SESSION_SECRET', 'PORT', 'WORKER_ACTIVITY_SLOTS', 'DATABASE_POOL_SIZE', 'S3_SECRET_ACCESS_KEY'])
      expect(message).toContain(name);
    expect(message).toMatch(/^the configuration has 6 problems/);
    expect(message).not.toContain('pegase-secret-value');
    expect(message).not.toContain('AKIA-TEST');
  });

  it('refuses in production a short session secret and a database that is not PostgreSQL, without echoing them', () => {
    stub({ APP_MODE: 'production', SESSION_SECRET: 'short-secret', DATABASE_URL: 'mysql://u:hunter2@h/db', INSTITUTION_NAME: 'Université de Test' });
    expect(() => loadConfig()).toThrow(/SESSION_SECRET is too short for production \(12 characters\)/);
    expect(() => loadConfig()).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(() => loadConfig()).not.toThrow(/short-secret|hunter2/);
  });

  it('refuses an unknown APP_MODE rather than guessing', () => {
    stub({ DATABASE_URL: 'postgresql://u:p@db/app', APP_MODE: 'prod' });
    expect(() => loadConfig()).toThrow(/APP_MODE must be development, test or production, not "prod"/);
  });
});
