// The candidate's PDFs (issue 10): the admission or refusal letter once the decision is published,
// with the commission's address, signatory and signature and the reference merge fields; refused
// before publication, for another candidate, or where the commission or the institution blocks the
// download; the receipt of transmission; the whole file with the uploaded documents' pages. The
// tests read the text extracted from the PDFs (unpdf), as a person would read the letter.
import { randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../domain/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { retireFormations } from '../support/setup-data.ts';

let t: TestApp;
let admin: string;
let alice: string;
let bob: string;
let aliceDossier: string;
let aliceEmail: string;
const run = randomUUID().slice(0, 6).toUpperCase();
const today = parisDate(new Date());
const centre = `LET${run}`;
const commission = `CLET-${run}`;
const closedCommission = `CLEX-${run}`;
const mailCommission = `CLEM-${run}`;
const document = `DLET-${run}`;
const motive = `MLET-${run}`;
const formations = { admitted: `LA-${run}`, refused: `LR-${run}`, blocked: `LB-${run}`, mailed: `LM-${run}` };
const labels = {
  admitted: `Master Études nordiques ${run}`,
  refused: `Licence Linguistique ${run}`,
  blocked: `DU Fermé ${run}`,
  mailed: `Master Lettres par courriel ${run}`,
};
const signatory = 'Pr Jeanne Dupont-Signataire';
/** A valid 1×1 PNG: the commission's signature image. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function ok(res: Promise<{ status: number; body: any }>, status = 201) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

/** GETs a PDF; its status, content type and the text of every page. */
async function pdf(path: string, token: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.server.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.headers.get('content-type') !== 'application/pdf')
    return { status: res.status, type: res.headers.get('content-type'), problem: JSON.parse(Buffer.from(bytes).toString()), text: '', pages: 0 };
  const doc = await getDocumentProxy(bytes);
  const { totalPages, text } = await extractText(doc, { mergePages: true });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    problem: null,
    text: text.replace(/\s+/g, ' '),
    pages: totalPages,
  };
}

async function sendFile(path: string, method: string, token: string, name: string, type: string, data: Uint8Array) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(data)], { type }), name);
  const res = await fetch(`${t.server.url}${path}`, { method, headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

async function apply(token: string, formationCode: string): Promise<string> {
  return (await ok(t.api('POST', '/api/candidatures', { token, body: { formationCode } }))).id;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  await ok(t.api('POST', '/api/admin/centres', { token: admin, body: { code: centre, label: `Centre des lettres ${run}`, sisType: 'P' } }));
  await ok(
    t.api('POST', '/api/admin/commissions', {
      token: admin,
      body: {
        code: commission,
        label: `Commission des études nordiques ${run}`,
        centreCode: centre,
        email: `nordique-${run.toLowerCase()}@univ.test`,
        addressLine1: '12 rue des Fjords',
        postcode: '67000',
        city: 'Strasbourg',
        signatory,
      },
    }),
  );
  await ok(sendFile(`/api/admin/commissions/${commission}/signature`, 'PUT', admin, 'signature.png', 'image/png', PNG), 200);
  await ok(
    t.api('POST', '/api/admin/commissions', {
      token: admin,
      body: { code: closedCommission, label: `Commission sans lettre ${run}`, centreCode: centre, email: `sans-${run.toLowerCase()}@univ.test` },
    }),
  );
  await ok(t.api('PATCH', `/api/admin/commissions/${closedCommission}`, { token: admin, body: { letterDownloadable: false } }), 200);
  await ok(
    t.api('POST', '/api/admin/commissions', {
      token: admin,
      body: {
        code: mailCommission,
        label: `Commission des courriels ${run}`,
        centreCode: centre,
        email: `mel-${run.toLowerCase()}@univ.test`,
        signatory: 'Dr Paul Courriel',
      },
    }),
  );
  await ok(t.api('PATCH', `/api/admin/commissions/${mailCommission}`, { token: admin, body: { letterAttachedToMail: true } }), 200);
  await ok(t.api('POST', '/api/admin/supporting-documents', { token: admin, body: { code: document, label: `Relevé de notes ${run}` } }));
  await ok(t.api('POST', '/api/admin/motives', { token: admin, body: { code: motive, label: 'Capacité d’accueil atteinte' } }));
  const formation = (code: string, label: string, commissionCode: string, extra: object = {}) =>
    ok(
      t.api('POST', '/api/admin/formations', {
        token: admin,
        body: {
          code,
          label,
          commissionCode,
          applicationStartsOn: addDays(today, -1),
          applicationEndsOn: addDays(today, 30),
          returnDeadline: addDays(today, 40),
          juryOn: addDays(today, 45),
          confirmationOn: addDays(today, 60),
          ...extra,
        },
      }),
    );
  await formation(formations.admitted, labels.admitted, commission, { documentCodes: [document] });
  await formation(formations.refused, labels.refused, commission);
  await formation(formations.blocked, labels.blocked, closedCommission);
  await formation(formations.mailed, labels.mailed, mailCommission);

  const [first, bobEmail] = await createCandidates(t.db, '2026-P', `L${run.slice(0, 4)}`, 2);
  aliceEmail = first!;
  // A name no Latin-1 font prints.
  const account = await t.db.candidateAccount.findFirstOrThrow({ where: { email: aliceEmail } });
  aliceDossier = account.dossierNumber;
  await t.db.candidate.update({ where: { accountId: account.id }, data: { civility: 'Mme', firstName: 'Zoë', birthName: `ŁUKASIEWICZ-ÅNGSTRÖM${run}` } });
  [alice, bob] = await Promise.all([t.login(aliceEmail), t.login(bobEmail!)]);
}, 120_000);
afterAll(async () => {
  if (t) await retireFormations(t.db, run);
  await t?.stop();
});

describe('the candidate’s PDFs', () => {
  let admittedId: string;

  it('gives a receipt once the file is transmitted, the whole file with the uploaded document’s pages, and the admission letter once published', async () => {
    admittedId = await apply(alice, formations.admitted);
    const early = await pdf(`/api/candidatures/${admittedId}/receipt`, alice);
    expect(early.status).toBe(409);
    expect(early.problem.detail).toMatch(/transmise/);
    const noLetter = await pdf(`/api/candidatures/${admittedId}/letter`, alice, { 'accept-language': 'en' });
    expect(noLetter.status).toBe(409);
    expect(noLetter.problem.detail).toBe(
      'No decision has been published for this application yet: the letter will be available once the decision is published.',
    );

    // A two-page PDF as the transcript.
    const piece = await PDFDocument.create();
    const font = await piece.embedFont(StandardFonts.Helvetica);
    for (const n of [1, 2]) piece.addPage([300, 300]).drawText(`RELEVE-${run} page ${n}`, { x: 20, y: 150, size: 12, font });
    const uploaded = await sendFile(`/api/candidatures/${admittedId}/pieces/${document}`, 'POST', alice, 'relevé.pdf', 'application/pdf', await piece.save());
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    await ok(t.api('POST', `/api/candidatures/${admittedId}/transmit`, { token: alice }), 200);

    const receipt = await pdf(`/api/candidatures/${admittedId}/receipt`, alice);
    expect(receipt.status).toBe(200);
    expect(receipt.disposition).toMatch(/^attachment; filename\*=UTF-8''recepisse-/);
    expect(receipt.text).toContain('Récépissé de transmission');
    expect(receipt.text).toContain(aliceDossier);
    expect(receipt.text).toContain(labels.admitted);
    expect(receipt.text).toContain(`Relevé de notes ${run}`);
    expect(receipt.text).toMatch(/Transmise/);

    const dossier = await pdf(`/api/candidatures/${admittedId}/dossier`, alice);
    expect(dossier.status).toBe(200);
    expect(dossier.text).toContain(`ŁUKASIEWICZ-ÅNGSTRÖM${run}`);
    expect(dossier.text).toContain('Zoë');
    expect(dossier.text).toContain('1 rue de la République');
    expect(dossier.text).toContain(`RELEVE-${run} page 1`);
    expect(dossier.text).toContain(`RELEVE-${run} page 2`);
    expect(dossier.pages).toBeGreaterThanOrEqual(3);

    // Entered but not yet published: still no letter.
    await ok(t.api('POST', `/api/staff/candidatures/${admittedId}/dossier-status`, { token: admin, body: { status: 'CO' } }), 200);
    await ok(
      t.api('POST', `/api/staff/candidatures/${admittedId}/opinions`, {
        token: admin,
        body: { decisionType: 'AVIS_FAVORABLE', comment: 'Excellent dossier.' },
      }),
      200,
    );
    expect((await pdf(`/api/candidatures/${admittedId}/letter`, alice)).status).toBe(409);
    await ok(t.api('POST', `/api/staff/candidatures/${admittedId}/opinions/validate`, { token: admin }), 200);

    const letter = await pdf(`/api/candidatures/${admittedId}/letter`, alice);
    expect(letter.status).toBe(200);
    expect(letter.type).toBe('application/pdf');
    expect(letter.disposition).toContain(`lettre-admission-${aliceDossier}`);
    expect(letter.text).toContain("Lettre d'admission");
    expect(letter.text).toContain(`ŁUKASIEWICZ-ÅNGSTRÖM${run}`);
    expect(letter.text).toContain('Mme Zoë');
    expect(letter.text).toContain(labels.admitted);
    expect(letter.text).toContain(formations.admitted);
    expect(letter.text).toContain(`Commission des études nordiques ${run}`);
    expect(letter.text).toContain('12 rue des Fjords');
    expect(letter.text).toContain('67000 Strasbourg');
    expect(letter.text).toContain(signatory);
    expect(letter.text).toContain(aliceDossier);
    expect(letter.text).toContain('17 mai 2003');
    expect(letter.text).toMatch(/confirmez votre candidature .* au plus tard le/);

    const english = await pdf(`/api/candidatures/${admittedId}/letter`, alice, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.text).toContain('Admission letter');
    expect(english.text).toContain('17 May 2003');
    expect(english.text).toContain(signatory);
    // English civility and labels: "Ms Zoë", "Programme", never the French "Mme" / "Formation:".
    expect(english.text).toContain('Ms Zoë');
    expect(english.text).not.toContain('Mme');
    expect(english.text).toMatch(/Programme:/);
    expect(english.text).not.toMatch(/Formation ?:/);
  });

  it('refuses another candidate’s letter, answers 404 for an unknown candidature, and serves staff in scope', async () => {
    expect((await pdf(`/api/candidatures/${admittedId}/letter`, bob)).status).toBe(403);
    expect((await pdf(`/api/candidatures/${admittedId}/dossier`, bob)).status).toBe(403);
    expect((await pdf(`/api/candidatures/${randomUUID()}/letter`, alice)).status).toBe(404);
    const staff = await pdf(`/api/staff/candidatures/${admittedId}/letter`, admin);
    expect(staff.status).toBe(200);
    expect(staff.text).toContain(signatory);
    // The demo commission member does not see this commission.
    expect((await pdf(`/api/staff/candidatures/${admittedId}/letter`, await t.login('commission'))).status).toBe(403);
  });

  it('writes the refusal letter with the motive of the unfavourable decision', async () => {
    const id = await apply(alice, formations.refused);
    await t.bringToDecision(id, { candidate: alice, manager: admin }, { decisionType: 'AVIS_DEFAVORABLE', motiveCode: motive });
    const letter = await pdf(`/api/candidatures/${id}/letter`, alice);
    expect(letter.status).toBe(200);
    expect(letter.disposition).toContain('lettre-refus-');
    expect(letter.text).toContain('Lettre de refus');
    expect(letter.text).toContain('Capacité d’accueil atteinte');
    expect(letter.text).toContain(labels.refused);
    expect(letter.text).toContain(`ŁUKASIEWICZ-ÅNGSTRÖM${run}`);
    expect(letter.text).toContain('Voies et délais de recours');
  });

  it('offers no letter where the commission does not allow its download, nor while the institution blocks letters', async () => {
    const id = await apply(alice, formations.blocked);
    await t.bringToDecision(id, { candidate: alice, manager: admin });
    const refused = await pdf(`/api/candidatures/${id}/letter`, alice);
    expect(refused.status).toBe(409);
    expect(refused.problem.detail).toMatch(/ne propose pas le téléchargement de la lettre/);
    // The receipt and the whole file stay available.
    expect((await pdf(`/api/candidatures/${id}/receipt`, alice)).status).toBe(200);

    await ok(t.api('PUT', '/api/admin/parameters/TECH_IS_BLOC_LETTRE', { token: admin, body: { value: true } }), 200);
    try {
      const blocked = await pdf(`/api/candidatures/${admittedId}/letter`, alice, { 'accept-language': 'en' });
      expect(blocked.status).toBe(409);
      expect(blocked.problem.detail).toBe('The institution has suspended letter downloads for the time being.');
    } finally {
      await ok(t.api('PUT', '/api/admin/parameters/TECH_IS_BLOC_LETTRE', { token: admin, body: { value: false } }), 200);
    }
    expect((await pdf(`/api/candidatures/${admittedId}/letter`, alice)).status).toBe(200);
  });

  it('attaches the letter to the decision mail where the commission says so', async () => {
    const id = await apply(alice, formations.mailed);
    await t.bringToDecision(id, { candidate: alice, manager: admin });
    const mail = await t.smtp.waitFor((m) => m.to.includes(aliceEmail) && m.attachments.length > 0, 30_000);
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({ contentType: 'application/pdf', filename: `lettre-admission-${aliceDossier}-${formations.mailed}.pdf` });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(attachment!.content)), { mergePages: true });
    expect(text).toContain(labels.mailed);
    expect(text).toContain('Dr Paul Courriel');
    // The other decisions' mails (commissions that do not attach it) went without a letter.
    expect(t.smtp.messages().filter((m) => m.to.includes(aliceEmail) && m.attachments.length > 0)).toHaveLength(1);
  });
});
