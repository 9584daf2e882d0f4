// A real SMTP server that keeps every mail in memory: the dev inbox of `npm start` (the API shows
// `messages()` at /dev/inbox in development) and what integration tests read to check the mails the
// workflows send. No auth, no TLS, 127.0.0.1 only.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './ports.ts';

export interface CaughtMail {
  id: string;
  /** The From header, display form: `"eCandidat" <no-reply@ecandidat.localhost>`. */
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are included; bare addresses. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** ISO 8601: the Date header, else the time of reception. */
  date: string;
  /** Lower-case header names; decoded values. */
  headers: Record<string, string>;
  /** Attached files (a decision letter…), decoded. */
  attachments: { filename: string | null; contentType: string; content: Buffer }[];
}

export interface SmtpCatcher {
  /** smtp://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Every mail received since start (or the last clear()), oldest first. */
  messages(): CaughtMail[];
  /** Resolves with the first mail (already received or to come) that matches; rejects after timeoutMs. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  clear(): void;
  /** While on, every mail is refused with a temporary failure (451), as a server that is down for a while. */
  refuse(on: boolean): void;
  stop(): Promise<void>;
}

/** Oldest mails are dropped past this, so a dev stack running for days does not grow without bound. */
const MAX_MESSAGES = 1000;

export async function startSmtpCatcher(opts: { port?: number } = {}): Promise<SmtpCatcher> {
  const port = await freePort(opts.port ?? 2525);
  let mails: CaughtMail[] = [];
  let refusing = false;
  const events = new EventEmitter();
  events.setMaxListeners(0); // many tests may wait at once

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 25 * 1024 * 1024,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      if (refusing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Service temporarily unavailable (refused by the catcher)'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const mail: CaughtMail = {
            id: randomUUID(),
            from: addressText(parsed.from) || (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            date: (parsed.date ?? new Date()).toISOString(),
            headers: Object.fromEntries([...parsed.headers].map(([k, v]) => [k, headerText(v)])),
            attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, content: a.content })),
          };
          mails.push(mail);
          if (mails.length > MAX_MESSAGES) mails = mails.slice(-MAX_MESSAGES);
          events.emit('mail', mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {}); // a client dropping the connection must not crash the dev stack

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages: () => [...mails],
    clear: () => {
      mails = [];
    },
    refuse: (on) => {
      refusing = on;
    },
    waitFor(predicate, timeoutMs = 10_000) {
      const found = mails.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onMail = (mail: CaughtMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          events.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          events.off('mail', onMail);
          const seen = mails.map((m) => `"${m.subject}" to ${m.to.join(', ')}`).join('; ') || 'none';
          reject(new Error(`no matching mail within ${timeoutMs} ms (mails received: ${seen})`));
        }, timeoutMs);
        events.on('mail', onMail);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

/** mailparser decodes headers into strings, dates, address lists, `{ value, params }` or List-* objects. */
function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v: HeaderValue) => headerText(v)).join(', ');
  if ('text' in value && typeof value.text === 'string') return value.text; // addresses
  if ('value' in value && typeof value.value === 'string') {
    const params = Object.entries(('params' in value ? value.params : {}) as Record<string, string>).map(([k, v]) => `; ${k}=${v}`);
    return value.value + params.join('');
  }
  return JSON.stringify(value); // List-* headers: { unsubscribe: { url, mail }, … }
}
