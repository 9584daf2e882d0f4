// Mails that follow the settings (issue 11, reference §3.3, §4.2, §4.3), against the real SMTP catcher:
// a commission's alerts go where its alert mode says (N nobody, M its alert address, L its members)
// and only for the events whose flag is on (else recorded as skipped, with the reason); the centre's
// copy mode adds a blind copy of every candidate mail (N none, M its contact address, L its managers);
// every variable is filled (the favourable mail's deadline, the formation in the received and complete
// mails, the motive in the candidate's language); an SMTP server that refuses then accepts gets one
// mail, and a mail that finally fails says why.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaughtMail } from '../../infra/smtp-catcher.ts';
import { parisDate } from '../../domain/time.ts';
import { previousSeededMailTexts, seed, seededMailTemplates } from '../../prisma/seed.ts';
import { MAX_ATTEMPTS } from '../../worker/mail-outbox.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { retireFormations } from '../support/setup-data.ts';

const run = randomUUID().slice(0, 4).toUpperCase();
const address = (who: string) => `${who}-${run.toLowerCase()}@mails.test`;
const day = (d: string) => new Date(`${d}T00:00:00Z`);

let t: TestApp;
let admin: string;
let centreId: number;
let favourableId: number;
let emails: string[];
let nextCandidate = 0;
let nextCommission = 0;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  favourableId = (await t.db.decisionType.findUniqueOrThrow({ where: { code: 'AVIS_FAVORABLE' } })).id;
  // A Pégase centre of this file's own: its copy mode changes below, the demo centres' never do.
  const centre = await t.db.centre.create({
    data: {
      code: `ML-${run}`,
      label: `Centre des mails ${run}`,
      sisType: 'P',
      sendMailMode: 'N',
      contactEmail: address('scolarite'),
      favourableDecisionTypeId: favourableId,
    },
  });
  centreId = centre.id;
  emails = await createCandidates(t.db, '2026-P', `M${run.slice(0, 3)}`, 30);
}, 180_000);

afterAll(async () => {
  if (t) {
    t.smtp.refuse(false);
    await retireFormations(t.db, run);
    await t.db.centre.updateMany({ where: { id: centreId }, data: { active: false } });
  }
  await t?.stop();
});

/** A staff member (not logged in: only their address matters here). */
async function staffUser(who: string) {
  return t.db.staffUser.create({ data: { login: `${who}-${run}`, displayName: `${who} ${run}`, email: address(who), passwordHash: 'x' } });
}

interface CommissionSettings {
  alertMode: 'N' | 'M' | 'L';
  alertEmail?: string | null;
  flags?: Partial<Record<'alertOnProposition' | 'alertOnCancellation' | 'alertOnTransmission' | 'alertOnWithdrawal' | 'alertOnMainList', boolean>>;
  members?: string[];
}

/** A commission of the file's centre with these alert settings and one formation (returned). */
async function commissionWith(s: CommissionSettings) {
  const n = ++nextCommission;
  const commission = await t.db.commission.create({
    data: {
      code: `ML${n}-${run}`,
      label: `Commission mails ${n}`,
      centreId,
      email: address(`commission${n}`),
      alertMode: s.alertMode,
      alertEmail: s.alertEmail ?? null,
      ...s.flags,
    },
  });
  for (const who of s.members ?? []) {
    const user = await staffUser(`${who}${n}`);
    await t.db.commissionMember.create({ data: { commissionId: commission.id, userId: user.id, profileCode: 'commission' } });
  }
  const today = parisDate(new Date());
  const formation = await t.db.formation.create({
    data: {
      code: `ML${n}-${run}`,
      label: `Licence des messages ${n}-${run}`,
      commissionId: commission.id,
      traitement: 'AC',
      favourableDecisionTypeId: favourableId,
      applicationStartsOn: day('2026-01-01'),
      applicationEndsOn: new Date(day(today).getTime() + 60 * 86_400_000),
      returnDeadline: new Date(day(today).getTime() + 60 * 86_400_000),
      confirmationDelayDays: 8,
    },
  });
  return { commission, formation: formation.code, label: formation.label, email: commission.email! };
}

/** A fresh candidate: e-mail, dossier number, token. */
async function candidate() {
  const email = emails[nextCandidate++]!;
  const account = await t.db.candidateAccount.findFirstOrThrow({ where: { email } });
  return { email, dossierNumber: account.dossierNumber, token: await t.login(email) };
}

/** A manager's proposition for a fresh candidate (mails CANDIDATURE and COMMISSION_ALERT_PROPOSITION). */
async function proposition(formationCode: string) {
  const who = await candidate();
  const res = await t.api('POST', '/api/staff/candidatures', { token: admin, body: { dossierNumber: who.dossierNumber, formationCode, mode: 'proposition' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...who, id: res.body.id as string };
}

/** The mail_log row of a code once the outbox is done with it (sent, skipped or failed). */
const settled = (id: string, code: string, statuses = ['sent', 'skipped', 'failed']) =>
  t.eventually(
    () => t.db.mailLog.findFirst({ where: { candidatureId: id, mailCode: code } }),
    (m) => !!m && statuses.includes(m.status),
  );

const mailsTo = (addr: string) => t.smtp.messages().filter((m) => m.to.includes(addr));
const subjectHas = (text: string) => (m: CaughtMail) => m.subject.includes(text);

describe('commission alerts follow the commission’s settings', () => {
  it('mode M: to the alert address, only for the events whose flag is on (an event off is recorded as skipped, with why)', async () => {
    const c = await commissionWith({ alertMode: 'M', alertEmail: address('alertes'), flags: { alertOnProposition: true, alertOnTransmission: false } });
    const p = await proposition(c.formation);
    const alert = await t.smtp.waitFor((m) => m.to.includes(address('alertes')) && m.subject.includes('Proposition créée'));
    expect(alert.to).toEqual([address('alertes')]);
    expect(alert.text).toContain(p.dossierNumber);
    expect((await settled(p.id, 'COMMISSION_ALERT_PROPOSITION'))!.status).toBe('sent');

    // A transmission: its flag is off, so nothing goes out, and the log says why.
    const who = await candidate();
    const created = await t.api('POST', '/api/candidatures', { token: who.token, body: { formationCode: c.formation } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await t.completeFile(who.token, created.body.id);
    expect((await t.api('POST', `/api/candidatures/${created.body.id}/transmit`, { token: who.token })).status).toBe(200);
    const skipped = await settled(created.body.id, 'COMMISSION_ALERT_TRANSMISSION');
    expect(skipped).toMatchObject({ status: 'skipped' });
    expect(skipped!.error).toMatch(/alertOnTransmission/);
    await settled(created.body.id, 'STATUT_RE');
    expect(mailsTo(address('alertes')).filter(subjectHas('Dossier transmis'))).toHaveLength(0);
    expect(mailsTo(c.email)).toHaveLength(0);
  });

  it('mode M without an alert address: to the commission’s own address', async () => {
    const c = await commissionWith({ alertMode: 'M', flags: { alertOnProposition: true } });
    await proposition(c.formation);
    const alert = await t.smtp.waitFor((m) => m.to.includes(c.email) && m.subject.includes('Proposition créée'));
    expect(alert.to).toEqual([c.email]);
  });

  it('mode L: every member of the commission receives it, nobody else', async () => {
    const c = await commissionWith({ alertMode: 'L', alertEmail: address('unused'), flags: { alertOnProposition: true }, members: ['membreA', 'membreB'] });
    const p = await proposition(c.formation);
    const alert = await t.smtp.waitFor((m) => m.subject.includes('Proposition créée') && m.text.includes(p.dossierNumber));
    const members = [address(`membreA${nextCommission}`), address(`membreB${nextCommission}`)];
    expect([...alert.to].sort()).toEqual(members.sort());
    const log = await settled(p.id, 'COMMISSION_ALERT_PROPOSITION');
    expect(log!.status).toBe('sent');
    expect(log!.recipient.split(', ').sort()).toEqual(members.sort());
    expect(t.smtp.messages().filter((m) => m.text.includes(p.dossierNumber) && m.subject.includes('Proposition créée'))).toHaveLength(1);
    expect(mailsTo(address('unused'))).toHaveLength(0);
    expect(mailsTo(c.email)).toHaveLength(0);
  });

  it('mode L without members: recorded as skipped, with why', async () => {
    const c = await commissionWith({ alertMode: 'L', flags: { alertOnProposition: true } });
    const p = await proposition(c.formation);
    const log = await settled(p.id, 'COMMISSION_ALERT_PROPOSITION');
    expect(log).toMatchObject({ status: 'skipped' });
    expect(log!.error).toMatch(/member/);
  });

  it('mode N: nobody, recorded as skipped with the reason', async () => {
    const c = await commissionWith({ alertMode: 'N', alertEmail: address('silence'), flags: { alertOnProposition: true } });
    const p = await proposition(c.formation);
    const log = await settled(p.id, 'COMMISSION_ALERT_PROPOSITION');
    expect(log).toMatchObject({ status: 'skipped' });
    expect(log!.error).toMatch(/mode N/);
    await settled(p.id, 'CANDIDATURE');
    expect(mailsTo(address('silence'))).toHaveLength(0);
    expect(mailsTo(c.email)).toHaveLength(0);
  });
});

describe('the centre’s copy mode', () => {
  it('N: the candidate only; M: a blind copy to the centre’s contact address; L: a blind copy to each of its managers', async () => {
    const c = await commissionWith({ alertMode: 'N' });
    const managers = [await staffUser('gestionnaire1'), await staffUser('gestionnaire2')];
    for (const m of managers) await t.db.centreManager.create({ data: { userId: m.id, centreId, profileCode: 'centreCandidature', allCommissions: true } });
    /** A proposition's CANDIDATURE mail: its envelope recipients (Bcc included) and its headers. */
    const received = async () => {
      const p = await proposition(c.formation);
      const mail = await t.smtp.waitFor((m) => m.to.includes(p.email) && m.subject.includes('Candidature enregistrée'));
      expect((await settled(p.id, 'CANDIDATURE'))!.status).toBe('sent');
      // The candidate is the only visible recipient: copies are blind (reference §3.3).
      expect(mail.headers.to).toBe(p.email);
      expect(mail.headers.cc).toBeUndefined();
      expect(mail.headers.bcc).toBeUndefined();
      return { envelope: [...mail.to].sort(), candidate: p.email };
    };

    const none = await received();
    expect(none.envelope).toEqual([none.candidate]);

    await t.db.centre.update({ where: { id: centreId }, data: { sendMailMode: 'M' } });
    const contact = await received();
    expect(contact.envelope).toEqual([contact.candidate, address('scolarite')].sort());

    await t.db.centre.update({ where: { id: centreId }, data: { sendMailMode: 'L' } });
    const toManagers = await received();
    expect(toManagers.envelope).toEqual([toManagers.candidate, ...managers.map((m) => m.email)].sort());
    await t.db.centre.update({ where: { id: centreId }, data: { sendMailMode: 'N' } });
  });
});

describe('every variable filled, in the candidate’s language', () => {
  it('the favourable mail gives the confirmation deadline the page shows', async () => {
    const c = await commissionWith({ alertMode: 'N' });
    const p = await proposition(c.formation);
    const validated = await t.api('POST', `/api/staff/candidatures/${p.id}/opinions/validate`, { token: admin });
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);
    const deadline = (await t.api('GET', `/api/candidatures/${p.id}`, { token: p.token })).body.confirmation.deadline as string;
    expect(deadline).toBeTruthy();
    const shown = parisDate(new Date(deadline)).split('-').reverse().join('/');
    const mail = await t.smtp.waitFor((m) => m.to.includes(p.email) && m.subject.includes('Avis favorable'));
    expect(mail.text).toContain(`avant le ${shown} depuis votre espace candidat`);
    expect(mail.text).not.toMatch(/ {2}/);
  });

  it('the received and complete mails name the formation', async () => {
    const c = await commissionWith({ alertMode: 'N' });
    const who = await candidate();
    const created = await t.api('POST', '/api/candidatures', { token: who.token, body: { formationCode: c.formation } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await t.completeFile(who.token, created.body.id);
    expect((await t.api('POST', `/api/candidatures/${created.body.id}/transmit`, { token: who.token })).status).toBe(200);
    const receivedMail = await t.smtp.waitFor((m) => m.to.includes(who.email) && /reçu/.test(m.subject));
    expect(receivedMail.subject).toContain(c.label);
    const complete = await t.api('POST', `/api/staff/candidatures/${created.body.id}/dossier-status`, { token: admin, body: { status: 'CO' } });
    expect(complete.status, JSON.stringify(complete.body)).toBe(200);
    const completeMail = await t.smtp.waitFor((m) => m.to.includes(who.email) && /complet/.test(m.subject));
    expect(completeMail.subject).toContain(c.label);
    expect(completeMail.text).toContain(c.label);
  });

  it('an English-speaking candidate reads the motive in English; the commission’s alert stays in French', async () => {
    const c = await commissionWith({ alertMode: 'M', alertEmail: address('alertes-en'), flags: { alertOnTransmission: true } });
    const who = await candidate();
    await t.db.candidateAccount.updateMany({ where: { email: who.email }, data: { language: 'en' } });
    const motive = await t.db.unfavourableMotive.findFirstOrThrow({ where: { active: true, labelEn: { not: null } } });
    const created = await t.api('POST', '/api/candidatures', { token: who.token, body: { formationCode: c.formation } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await t.bringToDecision(created.body.id, { candidate: who.token, manager: admin }, { decisionType: 'AVIS_DEFAVORABLE', motiveCode: motive.code });
    const mail = await t.smtp.waitFor((m) => m.to.includes(who.email) && m.subject.startsWith('Unfavourable decision'));
    expect(mail.subject).toContain(c.label);
    expect(mail.text).toContain(`Reason: ${motive.labelEn}`);
    expect(mail.text).not.toContain(motive.code);
    expect(mail.text).not.toContain(motive.label);
    const received = await t.smtp.waitFor((m) => m.to.includes(who.email) && m.subject.startsWith('Your file has been received'));
    expect(received.subject).toBe(`Your file has been received: ${c.label}`);
    const alert = await t.smtp.waitFor((m) => m.to.includes(address('alertes-en')));
    expect(alert.subject).toBe(`Dossier transmis : ${c.label}`);
  });
});

describe('each mail once, retried, and said when it finally fails', () => {
  it('an SMTP server refusing then accepting: the mail is retried and delivered exactly once', async () => {
    const c = await commissionWith({ alertMode: 'N' });
    t.smtp.refuse(true);
    let p: Awaited<ReturnType<typeof proposition>>;
    try {
      p = await proposition(c.formation);
      const retrying = await settled(p.id, 'CANDIDATURE', ['retry']);
      expect(retrying!.error).toMatch(/451/);
    } finally {
      t.smtp.refuse(false);
    }
    const sent = await t.eventually(
      () => t.db.mailLog.findFirst({ where: { candidatureId: p.id, mailCode: 'CANDIDATURE' } }),
      (m) => m?.status === 'sent',
    );
    expect(sent!.attempts).toBeGreaterThanOrEqual(2);
    expect(sent!.error).toBeNull();
    expect(mailsTo(p.email).filter(subjectHas('Candidature enregistrée'))).toHaveLength(1);
  });

  it('a mail that keeps failing ends failed, its row saying why and after how many attempts', async () => {
    const c = await commissionWith({ alertMode: 'N' });
    t.smtp.refuse(true);
    try {
      const p = await proposition(c.formation);
      const retrying = await settled(p.id, 'CANDIDATURE', ['retry']);
      // The last attempt now rather than after the backoff's ten minutes.
      await t.db.mailLog.update({ where: { id: retrying!.id }, data: { attempts: MAX_ATTEMPTS - 1, nextAttemptAt: new Date() } });
      const failed = await settled(p.id, 'CANDIDATURE', ['failed']);
      expect(failed!.error).toMatch(/451/);
      expect(failed!.error).toContain(`${MAX_ATTEMPTS} attempts`);
      expect(failed!.recipient).toBe(p.email);
    } finally {
      t.smtp.refuse(false);
    }
  });
});

describe('the seeded templates on an existing database', () => {
  it('a template as an earlier seed wrote it takes the new text; one the institution edited is never overwritten', async () => {
    const where = { code: 'STATUT_CO', centreId: null };
    const row = await t.db.mailTemplate.findFirstOrThrow({ where });
    const current = seededMailTemplates().find((m) => m.code === 'STATUT_CO')!;
    const texts = (r: typeof row) => ({ subjectFr: r.subjectFr, bodyFr: r.bodyFr, subjectEn: r.subjectEn, bodyEn: r.bodyEn });
    try {
      // A database seeded before issue 11 (npm run db:deploy seeds it again).
      await t.db.mailTemplate.update({ where: { id: row.id }, data: previousSeededMailTexts('STATUT_CO') });
      await seed(t.db, { mode: 'test' });
      const updated = await t.db.mailTemplate.findUniqueOrThrow({ where: { id: row.id } });
      expect(texts(updated)).toEqual({ subjectFr: current.subjectFr, bodyFr: current.bodyFr, subjectEn: current.subjectEn, bodyEn: current.bodyEn });

      // Edited by the institution (from the old text or the new): left as it is.
      const edited = { ...previousSeededMailTexts('STATUT_CO'), subjectFr: 'Dossier complet (texte de l’établissement)' };
      await t.db.mailTemplate.update({ where: { id: row.id }, data: edited });
      await seed(t.db, { mode: 'test' });
      expect(texts(await t.db.mailTemplate.findUniqueOrThrow({ where: { id: row.id } }))).toEqual(edited);
    } finally {
      await t.db.mailTemplate.update({ where: { id: row.id }, data: texts(row) });
    }
  });
});
