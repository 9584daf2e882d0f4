// Candidate accounts (issue 10) against the real stack: creation → validation mail caught by the
// SMTP catcher → login refused (403) until the link is followed → login; links single use and
// expiring; the password policy said in French and English with the field named; a taken address
// answered like a new one (no second account, its owner told by mail); forgotten password end to
// end (old password and open sessions refused); 202 and no mail for unknown addresses; change of
// e-mail with re-validation; logout revoking the token (Bearer and cookie); the daily purge of
// accounts never validated (the Temporal workflow, run directly on this app's task queue).
// Data owned here: accounts of campaign 2026-P with addresses `acc-*-<run>@essai.test`.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_PURGE_SCHEDULE_ID } from '../../api/account-purge-schedule.ts';
import { AccountTokens } from '../../api/accounts/tokens.ts';
import { connectTemporal } from '../../api/temporal.ts';
import type { CaughtMail } from '../../infra/smtp-catcher.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { captureHistory } from '../support/histories.ts';

let t: TestApp;
const run = randomUUID().slice(0, 8);
const CAMPAIGN = '2026-P';
const PASSWORD = 'Bon-Mot2passe!';
const NEW_PASSWORD = 'Autre#Secret9';

beforeAll(async () => {
  t = await startTestApp();
}, 240_000);
afterAll(async () => {
  await t?.db.candidateAccount.deleteMany({ where: { email: { endsWith: `-${run}@essai.test` } } });
  await t?.stop();
});

const address = (name: string) => `acc-${name}-${run}@essai.test`;
const mailTo = (to: string, subject?: string) => t.smtp.waitFor((m) => m.to.includes(to) && (!subject || m.subject.includes(subject)), 30_000);
/** The token of the link of a mail to `/compte/<page>?token=`. */
function linkToken(mail: CaughtMail, page: 'validation' | 'mot-de-passe'): string {
  const match = mail.text.match(new RegExp(`(https?://[^\\s]+)/compte/${page}\\?token=([^\\s&]+)`));
  if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
  expect(match[1]).toBe(`http://127.0.0.1:${t.config.port}`);
  return decodeURIComponent(match[2]!);
}

function create(email: string, opts: { password?: string; lang?: 'fr' | 'en'; campaignCode?: string } = {}) {
  return t.api('POST', '/api/accounts', {
    body: { campaignCode: opts.campaignCode ?? CAMPAIGN, email, password: opts.password ?? PASSWORD, firstName: 'Léa', lastName: 'Essai' },
    headers: { 'accept-language': opts.lang ?? 'fr' },
  });
}
const login = (loginName: string, password = PASSWORD, lang = 'fr') =>
  t.api('POST', '/api/session', { body: { login: loginName, password }, headers: { 'accept-language': lang } });

/** A created and validated account: its address, dossier number and a session token. */
async function validatedAccount(name: string): Promise<{ email: string; dossierNumber: string; token: string }> {
  const email = address(name);
  const created = await create(email);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const validated = await t.api('POST', '/api/accounts/validation', { body: { token: linkToken(await mailTo(email), 'validation') } });
  expect(validated.status, JSON.stringify(validated.body)).toBe(200);
  const session = await login(email);
  expect(session.status).toBe(200);
  return { email, dossierNumber: created.body.dossierNumber, token: session.body.token };
}

describe('candidate accounts', () => {
  it('creates an account, refuses its login until the mailed link is followed, then logs in', async () => {
    const email = address('new');
    const created = await create(email);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { dossierNumber } = created.body;
    expect(dossierNumber).toMatch(/^[0-9A-Z]{8}$/);

    const mail = await mailTo(email);
    expect(mail.subject).toContain(dossierNumber);
    expect(mail.text).toContain('Bonjour Léa Essai');
    const token = linkToken(mail, 'validation');

    // Right password before validation: 403 saying why; wrong password: 401 as for anyone.
    for (const loginName of [email, dossierNumber]) {
      const refused = await login(loginName);
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe('/problems/email-not-validated');
      expect(refused.body.detail).toContain('pas encore validée');
    }
    expect((await login(email, PASSWORD, 'en')).body.detail).toContain('not validated yet');
    expect((await login(email, 'Mauvais-Mot2passe!')).status).toBe(401);

    const validated = await t.api('POST', '/api/accounts/validation', { body: { token } });
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);
    expect(validated.body).toEqual({ dossierNumber, email });

    // Single use.
    const again = await t.api('POST', '/api/accounts/validation', { body: { token }, headers: { 'accept-language': 'en' } });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].field).toBe('token');
    expect(again.body.detail).toContain('ask for a new one');

    const session = await login(dossierNumber);
    expect(session.status).toBe(200);
    const account = await t.api('GET', '/api/account', { token: session.body.token });
    const campaign = await t.db.campaign.findUniqueOrThrow({ where: { code: CAMPAIGN } });
    expect(account.body).toEqual({
      dossierNumber,
      email,
      firstName: 'Léa',
      lastName: 'Essai',
      campaignCode: CAMPAIGN,
      campaignLabel: campaign.label,
      language: 'fr',
      pendingEmail: null,
    });
  });

  it('refuses an expired, forged or wrong-purpose link, and a new link replaces the old one', async () => {
    const email = address('expiry');
    expect((await create(email)).status).toBe(201);
    const first = linkToken(await mailTo(email), 'validation');
    const account = await t.db.candidateAccount.findFirstOrThrow({ where: { email } });

    const tokens = new AccountTokens(t.config.sessionSecret);
    const expired = await tokens.issue('validation', account.id, new Date(Date.now() - 60_000), email);
    await t.db.candidateAccount.update({ where: { id: account.id }, data: { validationKey: expired.jti } });
    const reset = await tokens.issue('password-reset', account.id, new Date(Date.now() + 60_000));
    const forged = new AccountTokens('another secret').issue('validation', account.id, new Date(Date.now() + 60_000), email);
    for (const token of [expired.token, reset.token, (await forged).token, 'pas-un-jeton', first]) {
      const res = await t.api('POST', '/api/accounts/validation', { body: { token } });
      expect(res.status, token).toBe(400);
      expect(res.body.detail).toContain('Lien reçu par e-mail : ce lien n’est pas valide');
    }

    // A new link on request: the latest one works.
    expect((await t.api('POST', '/api/accounts/validation/resend', { body: { email } })).status).toBe(202);
    const renewed = linkToken(await mailTo(email, 'Lien de validation'), 'validation');
    expect((await t.api('POST', '/api/accounts/validation', { body: { token: renewed } })).status).toBe(200);
    expect((await login(email)).status).toBe(200);
  });

  it('says what the password lacks, in French and English, naming the field; and names an unknown campaign', async () => {
    const email = address('policy');
    const fr = await create(email, { password: 'court' });
    expect(fr.status).toBe(400);
    expect(fr.body.errors).toEqual([{ field: 'password', message: fr.body.detail }]);
    expect(fr.body.detail).toBe(
      'Mot de passe : doit contenir au moins 10 caractères, une lettre majuscule, un chiffre, un caractère spécial parmi @#$%^&+=-!*',
    );
    const en = await create(email, { password: 'alllowercase-but-long', lang: 'en' });
    expect(en.status).toBe(400);
    expect(en.body.detail).toBe('Password: must contain an upper-case letter, a digit');
    const campaign = await create(email, { campaignCode: 'NOPE' });
    expect(campaign.status).toBe(400);
    expect(campaign.body.errors[0].field).toBe('campaignCode');
    expect(campaign.body.detail).toMatch(/^Campagne : /);
    const missing = await t.api('POST', '/api/accounts', { body: { campaignCode: CAMPAIGN, email, password: PASSWORD }, headers: { 'accept-language': 'en' } });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toContain('First name');
    expect(await t.db.candidateAccount.count({ where: { email } })).toBe(0);
  });

  it('refuses creation while external accounts are closed (CANDIDAT_IS_COMPTE_EXTERNE_AUT = N)', async () => {
    const before = await t.db.parameter.findUniqueOrThrow({ where: { code: 'CANDIDAT_IS_COMPTE_EXTERNE_AUT' } });
    await t.db.parameter.update({ where: { code: before.code }, data: { value: 'N' } });
    try {
      const res = await create(address('closed'), { lang: 'en' });
      expect(res.status).toBe(403);
      expect(res.body.detail).toContain('cannot be created');
    } finally {
      await t.db.parameter.update({ where: { code: before.code }, data: { value: before.value } });
    }
    expect(await t.db.candidateAccount.count({ where: { email: address('closed') } })).toBe(0);
  });

  it('answers a taken address like a new one, creates no second account and tells the owner', async () => {
    const owner = await validatedAccount('taken');
    const started = Date.now();
    const again = await create(owner.email.toUpperCase(), { password: 'Tout-Autre9!' });
    const took = Date.now() - started;
    expect(again.status).toBe(201);
    expect(Object.keys(again.body)).toEqual(['dossierNumber']);
    expect(again.body.dossierNumber).toMatch(/^[0-9A-Z]{8}$/);
    expect(again.body.dossierNumber).not.toBe(owner.dossierNumber);
    expect(took).toBeGreaterThanOrEqual(350);
    // The decoy is reserved for ever, like a real number, and names no account.
    expect(await t.db.dossierNumberHistory.findUnique({ where: { dossierNumber: again.body.dossierNumber } })).not.toBeNull();
    expect(await t.db.candidateAccount.count({ where: { email: { equals: owner.email, mode: 'insensitive' } } })).toBe(1);
    expect((await login(owner.email, 'Tout-Autre9!')).status).toBe(401);

    const told = await mailTo(owner.email, 'déjà un compte');
    expect(told.text).toContain(owner.dossierNumber);
    const token = linkToken(told, 'mot-de-passe');
    expect((await t.api('POST', '/api/accounts/password', { body: { token, password: NEW_PASSWORD } })).status).toBe(200);
    expect((await login(owner.dossierNumber, NEW_PASSWORD)).status).toBe(200);
  });

  it('resets a forgotten password end to end: old password and open sessions refused', async () => {
    const { email, dossierNumber, token: before } = await validatedAccount('reset');
    expect((await t.api('GET', '/api/session', { token: before })).status).toBe(200);

    const asked = await t.api('POST', '/api/accounts/password-reset', { body: { email } });
    expect(asked.status).toBe(202);
    const mail = await mailTo(email, 'Réinitialisation');
    expect(mail.text).toMatch(/avant le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const token = linkToken(mail, 'mot-de-passe');
    // Recorded in the outbox as sent, without the token that opens the account.
    const logged = await t.eventually(
      () => t.db.mailLog.findFirst({ where: { recipient: email, mailCode: 'CPT_MIN_MDP_OUBLIE' } }),
      (row) => row?.status === 'sent',
    );
    expect(logged!.recipientRole).toBe('account');
    expect(JSON.stringify(logged!.variables)).not.toContain(token);

    const weak = await t.api('POST', '/api/accounts/password', { body: { token, password: 'faible' }, headers: { 'accept-language': 'en' } });
    expect(weak.status).toBe(400);
    expect(weak.body.detail).toMatch(/^Password: must contain at least 10 characters/);

    const changed = await t.api('POST', '/api/accounts/password', { body: { token, password: NEW_PASSWORD } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toEqual({ dossierNumber });

    expect((await t.api('GET', '/api/session', { token: before })).status).toBe(401);
    expect((await login(email)).status).toBe(401);
    const after = await login(email, NEW_PASSWORD);
    expect(after.status).toBe(200);
    expect((await t.api('GET', '/api/account', { token: after.body.token })).status).toBe(200);
    // Single use.
    expect((await t.api('POST', '/api/accounts/password', { body: { token, password: 'Encore-Un9!x' } })).status).toBe(400);
  });

  it('answers 202 for unknown addresses and sends them nothing; the login reminder gives the dossier number', async () => {
    const known = await validatedAccount('reminder');
    const unknown = address('nobody');
    const answers = [];
    for (const path of ['/api/accounts/password-reset', '/api/accounts/validation/resend', '/api/accounts/login-reminder'])
      answers.push(await t.api('POST', path, { body: { email: unknown } }));
    const reminder = await t.api('POST', '/api/accounts/login-reminder', { body: { email: known.email } });
    for (const res of [...answers, reminder]) {
      expect(res.status).toBe(202);
      expect(res.body).toEqual(reminder.body);
    }
    const mail = await mailTo(known.email, 'identifiant');
    expect(mail.text).toContain(known.dossierNumber);
    // The outbox sends in order: the reminder's mail came after anything queued before it.
    expect(t.smtp.messages().filter((m) => m.to.includes(unknown))).toEqual([]);
    expect(await t.db.mailLog.count({ where: { recipient: unknown } })).toBe(0);
  });

  it('changes the e-mail once the link sent to the new address is followed; mails follow the account’s language', async () => {
    const { email, dossierNumber, token } = await validatedAccount('change');
    const next = address('changed');

    const wrong = await t.api('PUT', '/api/account/email', { token, body: { email: next, password: 'Pas-Le-Bon9!' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('password');

    expect((await t.api('PUT', '/api/account/language', { token, body: { language: 'en' } })).status).toBe(204);
    expect((await t.api('PUT', '/api/account/email', { token, body: { email: next, password: PASSWORD } })).status).toBe(202);
    expect((await t.api('GET', '/api/account', { token })).body).toMatchObject({ email, pendingEmail: next, language: 'en' });
    // Not yet: the old address still logs in, the new one does not.
    expect((await login(next)).status).toBe(401);

    const mail = await mailTo(next, 'Confirm your new e-mail address');
    const validated = await t.api('POST', '/api/accounts/validation', { body: { token: linkToken(mail, 'validation') } });
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);
    expect(validated.body).toEqual({ dossierNumber, email: next });
    expect((await t.api('GET', '/api/account', { token })).body).toMatchObject({ email: next, pendingEmail: null });
    expect((await login(next)).status).toBe(200);
    expect((await login(email)).status).toBe(401);
  });

  it('logs out for good: the same token is refused afterwards, as Bearer and as cookie', async () => {
    const { email } = await validatedAccount('logout');
    const bearer = (await login(email)).body.token as string;
    expect((await t.api('GET', '/api/session', { token: bearer })).status).toBe(200);
    expect((await t.api('DELETE', '/api/session', { token: bearer })).status).toBe(204);
    expect((await t.api('GET', '/api/session', { token: bearer })).status).toBe(401);
    expect((await t.api('GET', '/api/account', { token: bearer })).status).toBe(401);

    const staff = await login('admin', 'Demo-2026!');
    const cookie = (staff.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^ecandidat_session=./);
    expect((await t.api('GET', '/api/session', { headers: { cookie } })).status).toBe(200);
    expect((await t.api('DELETE', '/api/session', { headers: { cookie } })).status).toBe(204);
    expect((await t.api('GET', '/api/session', { headers: { cookie } })).status).toBe(401);
    expect((await t.api('GET', '/api/session', { token: staff.body.token })).status).toBe(401);
    // Another session of the same user is not affected.
    expect((await t.api('GET', '/api/session', { token: await t.login('admin') })).status).toBe(200);
  });

  it('purges accounts never validated past their date, keeps validated and still-valid ones (daily workflow)', async () => {
    const stale = address('stale');
    const fresh = address('fresh');
    expect((await create(stale)).status).toBe(201);
    expect((await create(fresh)).status).toBe(201);
    const kept = await validatedAccount('kept');
    const past = new Date(Date.now() - 3_600_000);
    await t.db.candidateAccount.updateMany({ where: { email: { in: [stale, kept.email] } }, data: { validationExpiresAt: past } });
    const staleNumber = (await t.db.candidateAccount.findFirstOrThrow({ where: { email: stale } })).dossierNumber;

    const temporal = await connectTemporal(t.config);
    try {
      // The daily schedule exists, starting this workflow type.
      const schedule = await temporal.schedule.getHandle(ACCOUNT_PURGE_SCHEDULE_ID).describe();
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'accountPurgeWorkflow' });

      const handle = await temporal.workflow.start('accountPurgeWorkflow', {
        workflowId: `account-purge-test-${run}`,
        taskQueue: t.config.taskQueue,
        args: [],
      });
      const result = (await handle.result()) as { purged: string[] };
      expect(result.purged).toContain(staleNumber);
      await captureHistory('account-purge', handle);
    } finally {
      await temporal.connection.close();
    }
    expect(await t.db.candidateAccount.count({ where: { email: stale } })).toBe(0);
    expect(await t.db.candidateAccount.count({ where: { email: { in: [fresh, kept.email] } } })).toBe(2);
    expect(await t.db.dossierNumberHistory.findUnique({ where: { dossierNumber: staleNumber } })).not.toBeNull();
    const audit = await t.db.auditEvent.findFirst({ where: { action: 'account.purged', subject: `candidate-account:${staleNumber}` } });
    expect(audit?.actor).toBe('system');
    expect((await login(kept.email)).status).toBe(200);
  });
});
