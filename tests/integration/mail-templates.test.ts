// Mail templates edited by administrators (issue 9): the list, one template with the variables its
// code offers, a template using a variable its code does not offer refused with the field named in
// the reader's language, a preview with sample values (escaped in the HTML part), and a centre's own
// version of the CANDIDATURE mail (centre FST of the demo data) that the mail of a real application
// then uses — HTML part with the candidate's name escaped — until it is deleted; administrators only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_CODES } from '../../domain/codes.ts';
import { mailTemplateProblems, mailVariables } from '../../domain/mail-template.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

let t: TestApp;
let admin: string;
const run = randomUUID().slice(0, 6).toUpperCase();

/** Removes what a failed run may have left behind: the next test files share the database. */
async function removeFstOverride() {
  const fst = await t.db.centre.findUniqueOrThrow({ where: { code: 'FST' } });
  await t.db.mailTemplate.deleteMany({ where: { code: 'CANDIDATURE', centreId: fst.id } });
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  await removeFstOverride();
}, 120_000);
afterAll(async () => {
  if (t) await removeFstOverride();
  await t?.stop();
});

describe('mail templates through the API', () => {
  it('lists every template, the institution’s first', async () => {
    const res = await t.api('GET', '/api/admin/mail-templates', { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const globals = res.body.filter((m: { centreCode: string | null }) => m.centreCode === null);
    expect(globals.map((m: { code: string }) => m.code)).toEqual(expect.arrayContaining([...MAIL_CODES]));
    expect(res.body.slice(0, globals.length)).toEqual(globals);
    expect(res.body.find((m: { code: string }) => m.code === 'CANDIDATURE')).toMatchObject({
      label: 'Candidature enregistrée',
      centreCode: null,
      active: true,
      subjectFr: 'Candidature enregistrée : ${formation.libelle}',
      subjectEn: 'Application registered: ${formation.libelle}',
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('gives one template with the variables its code offers', async () => {
    const res = await t.api('GET', '/api/admin/mail-templates/AVIS_DEFAVORABLE', { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ code: 'AVIS_DEFAVORABLE', centreCode: null, bodyFr: expect.stringContaining('{if($motif)}') });
    const names = res.body.variables.map((v: { name: string }) => v.name);
    expect(names).toEqual(
      expect.arrayContaining(['libelleCampagne', 'candidat.nomPat', 'formation.datRetour', 'commission.libelle', 'dossier.dateReception', 'motif', 'rang']),
    );
    expect(names).not.toContain('lienValidation');
    expect(res.body.variables.find((v: { name: string }) => v.name === 'motif')).toEqual({
      name: 'motif',
      description: { fr: 'Motif de l’avis défavorable', en: 'Reason for an unfavourable decision' },
      sample: 'Capacité d’accueil atteinte',
    });

    const candidature = await t.api('GET', '/api/admin/mail-templates/CANDIDATURE', { token: admin });
    expect(candidature.body.variables.map((v: { name: string }) => v.name)).not.toContain('motif');
    const account = await t.api('GET', '/api/admin/mail-templates/CPT_MIN_CREATE', { token: admin });
    expect(account.body.variables.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['lienValidation', 'jourDestructionCptMin']));

    expect((await t.api('GET', '/api/admin/mail-templates/NOPE', { token: admin })).status).toBe(404);
    expect((await t.api('GET', '/api/admin/mail-templates/CANDIDATURE?centreCode=FST', { token: admin })).status).toBe(404);
    const unknownCentre = await t.api('GET', '/api/admin/mail-templates/CANDIDATURE?centreCode=NOPE', { token: admin });
    expect(unknownCentre.status).toBe(400);
    expect(unknownCentre.body.errors[0].field).toBe('centreCode');
  });

  it('seeds templates that use only the variables their code offers', async () => {
    const rows = await t.db.mailTemplate.findMany({ where: { centreId: null } });
    const wrong = rows.flatMap((row) => {
      const offered = mailVariables(row.code, { opinionKindCode: row.opinionKindCode }).map((d) => d.name);
      return [row.subjectFr, row.bodyFr, row.subjectEn, row.bodyEn].flatMap((text) =>
        mailTemplateProblems(text, offered).map((p) => `${row.code}: ${p.token}`),
      );
    });
    expect(wrong).toEqual([]);
  });

  it('refuses a variable the code does not offer, or an open block, naming the field in the reader’s language', async () => {
    const before = (await t.api('GET', '/api/admin/mail-templates/CANDIDATURE', { token: admin })).body;
    const body = { subjectFr: before.subjectFr, bodyFr: 'Motif : ${motif}', subjectEn: before.subjectEn, bodyEn: before.bodyEn };
    const fr = await t.api('PUT', '/api/admin/mail-templates/CANDIDATURE', { token: admin, body });
    expect(fr.status).toBe(400);
    expect(fr.headers.get('content-type')).toContain('application/problem+json');
    expect(fr.body.errors).toEqual([{ field: 'bodyFr', message: 'Texte du mail (français) : « ${motif} » n’est pas une variable de ce mail.' }]);
    const en = await t.api('PUT', '/api/admin/mail-templates/CANDIDATURE', { token: admin, body, headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(400);
    expect(en.body.errors).toEqual([{ field: 'bodyFr', message: 'Mail text (French): “${motif}” is not a variable of this mail.' }]);

    const open = await t.api('PUT', '/api/admin/mail-templates/CANDIDATURE', {
      token: admin,
      body: { ...body, bodyFr: before.bodyFr, subjectEn: 'Application{if($formation.libelle)} ${formation.libelle}' },
    });
    expect(open.status).toBe(400);
    expect(open.body.errors).toEqual([
      { field: 'subjectEn', message: 'Objet du mail (anglais) : « {if($formation.libelle)} » n’est pas fermé par {endif($formation.libelle)}.' },
    ]);
    const after = (await t.api('GET', '/api/admin/mail-templates/CANDIDATURE', { token: admin })).body;
    expect(after).toEqual(before);

    expect((await t.api('PUT', '/api/admin/mail-templates/NOPE', { token: admin, body: { ...body, bodyFr: 'x' } })).status).toBe(404);
    const noCentre = await t.api('PUT', '/api/admin/mail-templates/CANDIDATURE', {
      token: admin,
      body: { ...before, bodyFr: before.bodyFr, centreCode: 'NOPE' },
    });
    expect(noCentre.status).toBe(400);
    expect(noCentre.body.errors[0].field).toBe('centreCode');
  });

  it('previews what is typed with sample values, escaped in the HTML part', async () => {
    const plain = await t.api('POST', '/api/admin/mail-templates/AVIS_DEFAVORABLE/preview', {
      token: admin,
      body: {
        subject: 'Avis : ${formation.libelle}',
        body: 'Bonjour ${candidat.prenom},\n\nCommission : ${commission.libelle}{if($motif)}\nMotif : ${motif}{endif($motif)}',
        language: 'fr',
      },
    });
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
    expect(plain.body).toEqual({
      subject: 'Avis : Master Informatique - 1re année',
      text: 'Bonjour Léa,\n\nCommission : Commission Informatique & Réseaux\nMotif : Capacité d’accueil atteinte',
      html: '<p>Bonjour Léa,</p>\n<p>Commission : Commission Informatique &amp; Réseaux<br>\nMotif : Capacité d’accueil atteinte</p>',
    });

    const html = await t.api('POST', '/api/admin/mail-templates/CANDIDATURE/preview', {
      token: admin,
      body: { subject: 'Application', body: '<p>Dear <b>${candidat.prenom}</b>,</p><p>${commission.libelle}</p>', language: 'en' },
    });
    expect(html.status, JSON.stringify(html.body)).toBe(200);
    expect(html.body.html).toBe('<p>Dear <b>Léa</b>,</p><p>Commission Informatique &amp; Réseaux</p>');
    expect(html.body.text).toBe('Dear Léa,\n\nCommission Informatique & Réseaux');

    const bad = await t.api('POST', '/api/admin/mail-templates/CANDIDATURE/preview', {
      token: admin,
      body: { subject: 'Application', body: '${rang}', language: 'en' },
      headers: { 'accept-language': 'en' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'bodyEn', message: 'Mail text (English): “${rang}” is not a variable of this mail.' }]);
  });

  it('sends a centre’s own version of a mail to that centre’s candidates, then the institution’s once it is deleted', async () => {
    const override = {
      centreCode: 'FST',
      subjectFr: '[FST] Candidature ${formation.code} de ${candidat.nomPat}',
      bodyFr: '<p>Bonjour ${candidat.prenom} <strong>${candidat.nomPat}</strong>,</p><p>La FST a reçu votre candidature à « ${formation.libelle} ».</p>',
      subjectEn: '[FST] Application ${formation.code} from ${candidat.nomPat}',
      bodyEn: '<p>Dear ${candidat.prenom} ${candidat.nomPat},</p><p>FST received your application.</p>',
    };
    const saved = await t.api('PUT', '/api/admin/mail-templates/CANDIDATURE', { token: admin, body: override });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ code: 'CANDIDATURE', centreCode: 'FST', active: true, subjectFr: override.subjectFr, bodyFr: override.bodyFr });
    const got = await t.api('GET', '/api/admin/mail-templates/CANDIDATURE?centreCode=FST', { token: admin });
    expect(got.body).toMatchObject({ centreCode: 'FST', bodyEn: override.bodyEn });
    const list = (await t.api('GET', '/api/admin/mail-templates', { token: admin })).body as { code: string; centreCode: string | null }[];
    expect(list.at(-1)).toMatchObject({ code: 'CANDIDATURE', centreCode: 'FST' });
    const audited = await t.db.auditEvent.findFirst({
      where: { action: 'mailTemplate.override', subject: 'mailTemplate:CANDIDATURE@FST' },
      orderBy: { id: 'desc' },
    });
    expect(audited).toMatchObject({ actor: 'admin', details: { before: null, after: { centreCode: 'FST', subjectFr: override.subjectFr } } });

    // Two candidates of the Pégase campaign (centre FST), the first with a name full of markup.
    const [first, second] = await createCandidates(t.db, '2026-P', `MT${run.slice(0, 3)}`, 2);
    const name = 'O<b>Brien & "Co"';
    const account = await t.db.candidateAccount.findFirstOrThrow({ where: { email: first! } });
    await t.db.candidate.update({ where: { accountId: account.id }, data: { birthName: name } });

    const apply = async (email: string) => {
      const token = await t.login(email);
      const formationCode = await t.freeFormation(token, '2026-P');
      const formation = await t.db.formation.findUniqueOrThrow({ where: { code: formationCode }, include: { commission: { include: { centre: true } } } });
      expect(formation.commission.centre.code).toBe('FST');
      const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return formation;
    };

    const formation = await apply(first!);
    const mail = await t.smtp.waitFor((m) => m.to.includes(first!) && m.subject.startsWith('[FST]'), 30_000);
    expect(mail.subject).toBe(`[FST] Candidature ${formation.code} de ${name}`);
    expect(mail.html).toContain('<strong>O&lt;b&gt;Brien &amp; &quot;Co&quot;</strong>');
    expect(mail.html).not.toContain('<b>Brien');
    expect(mail.html).toContain(`La FST a reçu votre candidature à « ${formation.label} ».`);
    expect(mail.text).toContain(`Bonjour Alex ${name},`);
    expect(mail.text).toContain('La FST a reçu votre candidature');

    // Only a centre's own version can be deleted.
    const global = await t.api('DELETE', '/api/admin/mail-templates/CANDIDATURE', { token: admin });
    expect(global.status).toBe(409);
    const removed = await t.api('DELETE', '/api/admin/mail-templates/CANDIDATURE?centreCode=FST', { token: admin });
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);
    expect((await t.api('DELETE', '/api/admin/mail-templates/CANDIDATURE?centreCode=FST', { token: admin })).status).toBe(404);
    expect((await t.api('GET', '/api/admin/mail-templates/CANDIDATURE?centreCode=FST', { token: admin })).status).toBe(404);
    expect(
      await t.db.auditEvent.findFirst({ where: { action: 'mailTemplate.deleteOverride', subject: 'mailTemplate:CANDIDATURE@FST' }, orderBy: { id: 'desc' } }),
    ).toMatchObject({ details: { before: { subjectFr: override.subjectFr }, after: null } });

    const next = await apply(second!);
    const plain = await t.smtp.waitFor((m) => m.to.includes(second!) && m.subject.includes(next.label), 30_000);
    expect(plain.subject).toBe(`Candidature enregistrée : ${next.label}`);
    expect(plain.text).toContain('Votre candidature est enregistrée.');
    expect(plain.html).toContain('<p>Votre candidature est enregistrée.');
    expect(t.smtp.messages().filter((m) => m.to.includes(second!) && m.subject.startsWith('[FST]'))).toEqual([]);
  });

  it('records mails whose variables are all among those their code offers', async () => {
    const mails = await t.db.mailLog.findMany({ where: { status: 'sent' }, select: { mailCode: true, variables: true } });
    expect(mails.length).toBeGreaterThan(0);
    const undeclared = mails.flatMap((m) => {
      const offered = new Set(mailVariables(m.mailCode).map((d) => d.name));
      return Object.keys((m.variables ?? {}) as object)
        .filter((name) => !offered.has(name))
        .map((name) => `${m.mailCode}: ${name}`);
    });
    expect([...new Set(undeclared)]).toEqual([]);
  });

  it('changes the institution’s template, audited', async () => {
    const code = 'CANDIDATURE_RELANCE_FORMULAIRE';
    const before = (await t.api('GET', `/api/admin/mail-templates/${code}`, { token: admin })).body;
    const texts = { subjectFr: before.subjectFr, bodyFr: before.bodyFr, subjectEn: before.subjectEn, bodyEn: before.bodyEn };
    try {
      const changed = await t.api('PUT', `/api/admin/mail-templates/${code}`, {
        token: admin,
        body: { ...texts, bodyFr: `Il reste ${'${formulaires}'} à compléter (${run}).`, active: false },
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body).toMatchObject({ centreCode: null, active: false, bodyFr: `Il reste \${formulaires} à compléter (${run}).` });
      const event = await t.db.auditEvent.findFirst({ where: { action: 'mailTemplate.update', subject: `mailTemplate:${code}` }, orderBy: { id: 'desc' } });
      expect(event).toMatchObject({ actor: 'admin', details: { before: { bodyFr: before.bodyFr, active: true }, after: { active: false } } });
    } finally {
      const restored = await t.api('PUT', `/api/admin/mail-templates/${code}`, { token: admin, body: { ...texts, active: before.active } });
      expect(restored.status).toBe(200);
    }
  });

  it('is for administrators only', async () => {
    const centre = await t.login('centre');
    const body = { subjectFr: 's', bodyFr: 'b', subjectEn: 's', bodyEn: 'b' };
    for (const [method, path, payload] of [
      ['GET', '/api/admin/mail-templates', undefined],
      ['GET', '/api/admin/mail-templates/CANDIDATURE', undefined],
      ['PUT', '/api/admin/mail-templates/CANDIDATURE', { ...body, centreCode: 'FST' }],
      ['DELETE', '/api/admin/mail-templates/CANDIDATURE?centreCode=FST', undefined],
      ['POST', '/api/admin/mail-templates/CANDIDATURE/preview', { subject: 's', body: 'b', language: 'fr' }],
    ] as const) {
      const res = await t.api(method, path, { token: centre, ...(payload ? { body: payload } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await t.api('GET', '/api/admin/mail-templates', { token: await t.login('scol') })).status).toBe(200);
    expect(await t.db.mailTemplate.count({ where: { code: 'CANDIDATURE', centre: { code: 'FST' } } })).toBe(0);
  });
});
