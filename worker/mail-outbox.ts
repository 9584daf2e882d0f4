// The mail outbox's sender, run by every worker process: the candidature workflows queue their mails
// in `mail_log` (status queued) together with the read model (activities/projection.ts), the API its
// account mails (recipient_role `account`, api/accounts/mail.ts), and this
// loop sends them: woken at once by PostgreSQL NOTIFY, and every few seconds for retries. Each mail
// is claimed (FOR UPDATE SKIP LOCKED, so several workers never send the same one), rendered, sent and
// recorded (a mail whose row is gone meanwhile, e.g. destroyed with its campaign, is simply not recorded). A failure is retried with backoff (status retry) up to MAX_ATTEMPTS, then left failed for
// an admin to see; a worker that dies while sending leaves a claim that expires and is taken again.
import pg from 'pg';
import { renderAccountMail } from '../activities/account-mail.ts';
import { deliver, renderCandidatureMail, type MailDeps, type RenderedMail } from '../activities/mail.ts';
import { MAIL_OUTBOX_CHANNEL } from '../activities/projection.ts';
import { mailFailures } from '../infra/metrics.ts';

/** Attempts before a mail is left failed. */
export const MAX_ATTEMPTS = 8;
/** Mails claimed at once; sent MAIL_OUTBOX_CONNECTIONS at a time. */
const BATCH = 20;
/** Database and SMTP connections of the outbox, and mails sent at once. */
export const MAIL_OUTBOX_CONNECTIONS = 4;
/** How long a claim holds a mail while it is sent (a dead sender's claim expires after it). */
const CLAIM_SECONDS = 120;
/** Looks for due retries (and notifications it missed) this often. */
const POLL_MS = 5_000;

interface Claimed {
  id: number;
  idempotency_key: string;
  candidature_id: string | null;
  account_id: number | null;
  recipient: string;
  mail_code: string;
  recipient_role: string | null;
  variables: Record<string, string | number | null>;
  attempts: number;
}

/** Delay before attempt n+1: 5 s, 10 s, 20 s… up to 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(5 * 2 ** Math.max(0, attempts - 1), 600);
}

/** Runs a write until it succeeds (the database restarting), for up to `timeoutMs`; then throws its last error. */
async function persisted<T>(write: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await write();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** Runs `fn` on every item, `lanes` at a time. */
async function inLanes<T>(items: T[], lanes: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export interface MailOutbox {
  /** Sends what is due now; resolves when nothing due is left (tests and shutdown use it). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMailOutbox(deps: MailDeps & { databaseUrl: string; log?: (msg: string, err?: unknown) => void }): Promise<MailOutbox> {
  const log = deps.log ?? ((msg: string, err?: unknown) => console.warn(`[mail-outbox] ${msg}`, err ?? ''));
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  const claim = () =>
    deps.db.$queryRaw<Claimed[]>`
      UPDATE mail_log SET status = 'sending', attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${CLAIM_SECONDS})
      WHERE id IN (
        SELECT id FROM mail_log
        WHERE status IN ('queued', 'retry', 'sending') AND next_attempt_at <= now()
        ORDER BY id LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, idempotency_key, candidature_id, account_id, recipient, mail_code, recipient_role, variables, attempts`;

  /** An account mail (recipient_role `account`, queued by the API) or a candidature mail. */
  async function render(m: Claimed): Promise<RenderedMail> {
    if (m.recipient_role === 'account') {
      if (m.account_id === null) throw new Error('account mail without account');
      return renderAccountMail(deps.db, { accountId: m.account_id, code: m.mail_code, recipient: m.recipient, variables: m.variables ?? {} });
    }
    if (!m.candidature_id) throw new Error('mail without candidature');
    return renderCandidatureMail(
      deps.db,
      {
        candidatureId: m.candidature_id,
        code: m.mail_code,
        to: m.recipient_role === 'commission' ? 'commission' : 'candidate',
        variables: m.variables ?? {},
      },
      deps.decisionLetter,
    );
  }

  async function send(m: Claimed): Promise<void> {
    /** Who and what, once rendered: a failed mail's row says to whom it was going. */
    let addressed: { recipient: string; subject: string } | null = null;
    try {
      const mail = await render(m);
      if (!mail.ok) {
        await deps.db.mailLog.updateMany({ where: { id: m.id }, data: { status: 'skipped', recipient: mail.recipient, error: mail.reason } });
        return;
      }
      // A blank where a variable should be (a template using a variable this mail does not fill): sent, and said.
      addressed = { recipient: mail.recipient, subject: mail.subject };
      if (mail.emptyVariables?.length) log(`mail ${m.idempotency_key} (${m.mail_code}) sent with empty variables: ${mail.emptyVariables.join(', ')}`);
      const messageId = await deliver(deps, m.idempotency_key, mail);
      // Sent: recorded even across a PostgreSQL restart, else the claim would expire and the mail go out twice.
      await persisted(() =>
        deps.db.mailLog.updateMany({
          where: { id: m.id },
          data: {
            status: 'sent',
            recipient: mail.recipient,
            subject: mail.subject,
            variables: mail.variables as object,
            messageId,
            sentAt: new Date(),
            error: null,
          },
        }),
      );
    } catch (err) {
      mailFailures.inc();
      const failed = m.attempts >= MAX_ATTEMPTS;
      log(`mail ${m.idempotency_key} not sent (attempt ${m.attempts}${failed ? ', giving up' : ''})`, err);
      // Recorded across a PostgreSQL restart too: else the mail waits for its claim to expire (2 minutes).
      await persisted(
        () =>
          deps.db.mailLog.updateMany({
            where: { id: m.id },
            data: {
              status: failed ? 'failed' : 'retry',
              ...addressed,
              // What an admin reads in the console: the last error, and for a mail given up on, after how many attempts.
              error: failed
                ? `not sent after ${m.attempts} attempts; last error: ${String(err)}`
                : `attempt ${m.attempts} of ${MAX_ATTEMPTS} failed: ${String(err)}`,
              nextAttemptAt: new Date(Date.now() + retryDelaySeconds(m.attempts) * 1000),
            },
          }),
        30_000,
      ).catch((e: unknown) => log('could not record the failure (the claim will expire)', e));
    }
  }

  /** One pass at a time; a wake-up during a pass makes it go round once more. */
  function drain(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          for (let batch = await claim(); batch.length > 0 && !stopped; batch = await claim()) await inLanes(batch, MAIL_OUTBOX_CONNECTIONS, send);
        } while (again && !stopped);
      } catch (err) {
        log('outbox pass failed (next pass soon)', err);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const listener = new pg.Client({ connectionString: deps.databaseUrl });
  listener.on('notification', () => void drain());
  // A lost connection only delays mails until the next poll; the worker goes on.
  listener.on('error', (err) => log('notification connection lost: polling only', err));
  await listener.connect();
  await listener.query(`LISTEN ${MAIL_OUTBOX_CHANNEL}`);
  const timer = setInterval(() => void drain(), POLL_MS);
  void drain();

  return {
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await listener.end().catch(() => undefined);
    },
  };
}
