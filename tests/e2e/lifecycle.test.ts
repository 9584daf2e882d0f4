/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The candidature lifecycle in a real browser (Debian's Chromium driven by playwright-core) against
// the real application:
//   - the candidate uploads the supporting documents, declares a conditional one "not concerned",
//     answers the questions and transmits; the manager downloads a file, refuses it with a comment
//     and declares the file incomplete; the candidate reads the comment, uploads again, transmits again;
//   - the manager's decisions: motive required for an unfavourable opinion, deletion behind a
//     confirmation, preselection interview, complementary list and its page, confirmation
//     deadline override, withdrawal on behalf, traitement changed to direct access and validated;
//   - a mass action from the list: selection, progress, per-item results and refusals.
// Every step asserts what a user sees, through accessible selectors (roles, labels, the French
// catalog's texts), and where the focus lands after an action.
//
// Data: candidates of its own (E2EL0001…E2EL0005, created here, used by no other test file) on the
// last formation of the Pégase campaign that asks for documents, to which this file attaches the
// seeded conditional document (CERTIF_LANGUE: no seeded formation asks for it) and two questions of
// its own (the seed has none). Other files complete such a file with `completeFile`, which answers
// questions and declares conditional items "not concerned": they are unaffected.
//
// Screenshots of the key steps land in /tmp/e2e-lifecycle-*.png (outside the repository).
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { alertWith, browserTests, definitionOf, expectText, focusedText, loose, screenshot } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';
import { minimalPdf } from '../support/pdf.ts';

const CAMPAIGN = '2026-P';
const CONDITIONAL = 'CERTIF_LANGUE';
const QUESTION = { code: 'E2E_PROJET', label: 'Décrivez votre projet professionnel', conditional: false };
const CONDITIONAL_QUESTION = { code: 'E2E_ALTERNANCE', label: 'Avez-vous déjà un contrat d’alternance ?', conditional: true };
const REFUSAL = 'Le CV est illisible : merci de le déposer à nouveau en PDF.';

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let candidateLogin: string;
/** The second candidate's login (the manager's opinions, E2EL0002). */
let secondLogin: string;
/** The third one's (direct access, E2EL0003). */
let thirdLogin: string;
/** Two more for the mass action (E2EL0004, E2EL0005). */
let bulkLogins: string[];
let formation: { code: string; label: string };
/** Labels of the formation's documents: mandatory ones, and the conditional one. */
let mandatory: string[];
let conditional: string;
/** Its English label: the candidature page names documents in the language it is read in. */
let conditionalEn: string;
let id: string | undefined;
/** Document codes by label (for the download URL). */
const pieceCodes = new Map<string, string>();

/** A small but real PDF file, as the input would receive it. */
const pdf = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(minimalPdf()),
});

beforeAll(async () => {
  t = await browser.start();
  [candidateLogin, secondLogin, thirdLogin, ...bulkLogins] = (await createCandidates(t.db, CAMPAIGN, 'E2EL', 5)) as [string, string, string, string, string];

  // The last formation of the campaign that asks for documents (the API tests take the first ones), in
  // the demo's Pégase centre: other test files add (and retire) formations of their own meanwhile.
  const withDocuments = await t.db.formation.findMany({
    where: { commission: { centre: { code: 'FST' } }, supportingDocuments: { some: {} }, active: true },
    orderBy: { code: 'desc' },
    include: { supportingDocuments: { include: { supportingDocument: true } } },
  });
  const chosen = withDocuments[0]!;
  const certificate = await t.db.supportingDocument.findUniqueOrThrow({ where: { code: CONDITIONAL } });
  expect(certificate.isConditional).toBe(true);
  await t.db.formationSupportingDocument.createMany({
    data: [{ formationId: chosen.id, supportingDocumentId: certificate.id }],
    skipDuplicates: true,
  });
  // Two questions of its own on that formation (the seed has none): one to answer, one conditional.
  for (const q of [QUESTION, CONDITIONAL_QUESTION]) {
    const row = await t.db.question.upsert({
      where: { code: q.code },
      create: { code: q.code, type: 'S', label: q.label, isConditional: q.conditional, order: 1 },
      update: {},
    });
    await t.db.formationQuestion.createMany({ data: [{ formationId: chosen.id, questionId: row.id }], skipDuplicates: true });
  }
  formation = { code: chosen.code, label: chosen.label };
  mandatory = chosen.supportingDocuments
    .map((d) => d.supportingDocument)
    .filter((d) => !d.isConditional && d.code !== CONDITIONAL)
    .map((d) => d.label);
  conditional = certificate.label;
  conditionalEn = certificate.labelEn ?? certificate.label;
  for (const d of [...chosen.supportingDocuments.map((x) => x.supportingDocument), certificate]) pieceCodes.set(d.label, d.code);
  expect(mandatory.length).toBeGreaterThan(0);
}, 300_000);

afterAll(() => browser.stop());

/** The block of one supporting document: the list item under its level-3 heading. */
function pieceItem(page: Page, label: string): Locator {
  return page
    .getByRole('region', { name: 'Pièces justificatives' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: label, exact: true }) });
}

/** Uploads a file for a document as a user does: chooses it in the labelled input, presses the button. */
async function upload(page: Page, label: string, fileName: string, replace = false): Promise<void> {
  const input = page.getByLabel(replace ? `Remplacer le fichier de « ${label} »` : `Fichier pour « ${label} »`);
  await input.setInputFiles(pdf(fileName));
  await page.getByRole('button', { name: `Déposer le fichier : ${label}`, exact: true }).click();
  await expectText(pieceItem(page, label), `Pièce « ${label} » déposée (${fileName}).`);
  // Uploaded, not sent yet: it reaches the commission when the candidature is transmitted.
  await expectText(pieceItem(page, label), /Pièce\s*: Déposée \(non transmise\)/);
  // The focus is back on the document's heading, and the result is announced.
  await expect.poll(() => focusedText(page), { timeout: 5000 }).toBe(label);
  await expectText(page.getByRole('status').filter({ hasText: 'déposée' }), `Pièce « ${label} » déposée`);
}

/** Transmits a complete file: the button asks first in a modal, which says what follows. */
async function transmitConfirmed(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Transmettre ma candidature' }).click();
  const dialog = page.getByRole('alertdialog', { name: loose('Transmettre votre candidature ?') });
  await expectText(dialog, /vous ne pourrez plus déposer, remplacer ni modifier vos pièces/);
  await dialog.getByRole('button', { name: 'Oui, transmettre' }).click();
  await alertWith(page, 'Votre candidature a été transmise.').waitFor();
}

describe('the candidate’s file in a browser', () => {
  let candidate: Page;
  let manager: Page;

  it('the candidate applies, uploads the documents, declares the conditional one not concerned and transmits', { timeout: 120_000 }, async () => {
    candidate = await newActor();
    await loginAs(candidate, candidateLogin);
    await candidate.waitForURL('**/candidat');
    await candidate.getByRole('button', { name: `Candidater à la formation ${formation.label}`, exact: true }).click();
    await candidate.waitForURL(/\/candidat\/candidatures\/[0-9a-f-]{36}$/);
    id = new URL(candidate.url()).pathname.split('/').pop()!;
    await candidate.getByRole('heading', { level: 1, name: formation.label }).waitFor();

    // The file: every document pending, the return deadline, one heading per document.
    const pieces = candidate.getByRole('region', { name: 'Pièces justificatives' });
    await pieces.waitFor();
    await expectText(pieces, /Date limite de dépôt des pièces\s*:\s*\d{1,2}(er)? \w+ \d{4} à/);
    for (const label of [...mandatory, conditional]) await expectText(pieceItem(candidate, label), /Pièce\s*: À déposer/);
    await expectText(pieceItem(candidate, conditional), 'Pièce conditionnelle');
    await expectText(definitionOf(candidate, 'Date limite de retour du dossier'), /\d{4}/);

    // Transmitting too early: refused, and the refusal says what is missing.
    await expectText(candidate.getByRole('region', { name: 'Actions' }), /il reste à compléter/);
    await candidate.getByRole('button', { name: 'Transmettre ma candidature' }).click();
    const refusal = alertWith(candidate, 'Action refusée');
    await refusal.waitFor();
    for (const label of mandatory) await expectText(refusal, label);
    await expect.poll(() => focusedText(candidate), { timeout: 5000 }).toMatch(/^Action refusée/);

    // A file of the wrong type is stopped before it is sent.
    await candidate.getByLabel(`Fichier pour « ${mandatory[0]!} »`).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('texte') });
    await candidate.getByRole('button', { name: `Déposer le fichier : ${mandatory[0]!}`, exact: true }).click();
    await expectText(pieceItem(candidate, mandatory[0]!), 'Format refusé : choisissez un fichier PDF, JPEG ou PNG.');

    for (const [i, label] of mandatory.entries()) await upload(candidate, label, `piece-${i + 1}.pdf`);

    await candidate.getByRole('button', { name: `Non concerné : ${conditional}`, exact: true }).click();
    await expectText(pieceItem(candidate, conditional), /Pièce\s*: Non concerné/);
    await expectText(pieceItem(candidate, conditional), `Pièce « ${conditional} » déclarée non concernée.`);
    await expect.poll(() => focusedText(candidate), { timeout: 5000 }).toBe(conditional);
    expect(await candidate.getByRole('button', { name: `Non concerné : ${conditional}` }).count()).toBe(0);

    // The questions: an answer to one (an empty one is stopped first), "not concerned" for the other.
    const questions = candidate.getByRole('region', { name: 'Questions' });
    const answer = candidate.getByLabel(`Votre réponse à « ${QUESTION.label} »`);
    await candidate.getByRole('button', { name: `Enregistrer la réponse : ${QUESTION.label}`, exact: true }).click();
    await expectText(questions, 'Saisissez une réponse.');
    expect(await answer.getAttribute('aria-invalid')).toBe('true');
    await answer.fill('Devenir chercheuse en physique des matériaux.');
    await candidate.getByRole('button', { name: `Enregistrer la réponse : ${QUESTION.label}`, exact: true }).click();
    await expectText(questions, `Réponse à « ${QUESTION.label} » enregistrée.`);
    await expect.poll(() => focusedText(candidate), { timeout: 5000 }).toBe(QUESTION.label);
    await candidate.getByRole('button', { name: `Non concerné : ${CONDITIONAL_QUESTION.label}`, exact: true }).click();
    await expectText(questions, `Question « ${CONDITIONAL_QUESTION.label} » déclarée non concernée.`);
    expect(await candidate.getByRole('region', { name: 'Actions' }).getByText('il reste à compléter').count()).toBe(0);

    await transmitConfirmed(candidate);
    await expectText(definitionOf(candidate, 'Statut du dossier'), 'Réceptionné');
    // Transmitted: the file is no longer editable, the answer stays readable.
    await expectText(questions, 'Devenir chercheuse en physique des matériaux.');
    expect(await candidate.getByRole('button', { name: /^Déposer le fichier/ }).count()).toBe(0);
    await screenshot(candidate, 'lifecycle-1-transmitted');
  });

  it('the manager downloads a document, refuses it with a comment and declares the file incomplete', { timeout: 120_000 }, async () => {
    if (!id) throw new Error('no candidature: the step above failed');
    manager = await newActor();
    await loginAs(manager, 'centre');
    await manager.goto(`${t.server.url}/gestion/candidatures/${id}`);
    await manager.getByRole('heading', { level: 1, name: /^Candidature E2EL0001/ }).waitFor();
    const first = mandatory[0]!;
    const item = pieceItem(manager, first);
    await expectText(item, /Pièce\s*: Transmise/);

    // The download link serves the file the candidate uploaded (same session cookie as the page).
    const link = item.getByRole('link', { name: `Télécharger le fichier : ${first}` });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/staff/candidatures/${id}/pieces/${encodeURIComponent(pieceCodes.get(first)!)}/file`);
    const file = await manager.context().request.get(`${t.server.url}${href}`);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // A refusal without a comment is stopped, with the reason tied to the comment field.
    await manager.getByLabel(`Statut de « ${first} »`).selectOption({ label: 'Refusée' });
    await manager.getByRole('button', { name: `Enregistrer le statut de la pièce : ${first}`, exact: true }).click();
    await expectText(item, 'Un refus exige un commentaire pour le candidat.');
    const commentField = manager.getByLabel(`Commentaire pour « ${first} »`);
    expect(await manager.evaluate(() => document.activeElement?.id)).toBe(await commentField.getAttribute('id'));
    expect(await commentField.getAttribute('aria-invalid')).toBe('true');

    await commentField.fill(REFUSAL);
    await manager.getByRole('button', { name: `Enregistrer le statut de la pièce : ${first}`, exact: true }).click();
    await alertWith(manager, `Pièce « ${first} » : Refusée.`).waitFor();
    await expectText(item, /Pièce\s*: Refusée/);
    await expectText(item, REFUSAL);

    await manager.getByLabel('Nouveau statut du dossier').selectOption({ label: 'Incomplet' });
    await manager.getByRole('button', { name: 'Enregistrer le statut', exact: true }).click();
    await alertWith(manager, /Statut du dossier enregistré\s*: Incomplet\./).waitFor();
    await expectText(definitionOf(manager, 'Statut du dossier'), 'Incomplet');
    await screenshot(manager, 'lifecycle-2-manager-refused');
  });

  it('the candidate reads the comment, uploads the document again and transmits again', { timeout: 120_000 }, async () => {
    const first = mandatory[0]!;
    // The page follows the file live (it polls every 5 s while visible): no reload needed.
    await candidate.bringToFront();
    await expectText(pieceItem(candidate, first), /Pièce\s*: Refusée/, 30_000);
    await expectText(pieceItem(candidate, first), `Pièce refusée : ${REFUSAL}`);
    await expectText(definitionOf(candidate, 'Statut du dossier'), 'Incomplet');
    await expectText(candidate.getByRole('region', { name: 'Actions' }), new RegExp(`il reste à compléter\\s*: ${first}`));

    await upload(candidate, first, 'cv-lisible.pdf');
    // The new file replaces the refusal: no comment any more.
    expect(await pieceItem(candidate, first).getByText(REFUSAL).count()).toBe(0);
    // The candidate can download what they sent. (The same bytes as their first file: the store
    // keeps one copy per content and account, under the first name.)
    const mine = pieceItem(candidate, first).getByRole('link', { name: `Télécharger le fichier envoyé : ${first}` });
    const [download] = await Promise.all([candidate.waitForEvent('download'), mine.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(await readFile((await download.path())!)).toEqual(pdf('cv-lisible.pdf').buffer);

    await transmitConfirmed(candidate);
    await expectText(definitionOf(candidate, 'Statut du dossier'), 'Réceptionné');

    // The page with the file: one h1, every field labelled.
    await candidate.reload();
    await candidate.getByRole('heading', { level: 1, name: formation.label }).waitFor();
    expect(await candidate.getByRole('heading', { level: 1 }).count()).toBe(1);
    const unlabelled = await candidate.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input:not([type=hidden]), select, textarea')]
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby')))
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    await screenshot(candidate, 'lifecycle-3-transmitted-again');

    // In English: the same file, the catalog's English texts.
    await candidate.getByRole('button', { name: 'FR', exact: true }).click();
    await candidate.getByRole('link', { name: 'EN - English' }).click();
    await expect.poll(() => candidate.locator('html').getAttribute('lang')).toBe('en');
    await candidate.getByRole('heading', { level: 2, name: 'Supporting documents' }).waitFor();
    await expectText(
      candidate.getByRole('region', { name: 'Supporting documents' }).getByRole('listitem').filter({ hasText: conditionalEn }),
      /Document: Not applicable/,
    );
    // Transmitted: the return deadline no longer applies; the timeline's dates in the English format.
    expect(await candidate.locator('dl > dt:text-is("Deadline for returning the file")').count()).toBe(0);
    await expectText(candidate.getByRole('region', { name: 'Progress of my application' }), /\d{1,2} [A-Z][a-z]+ \d{4}\s*Application sent to the committee/);
  });
});

describe('the manager’s decisions in a browser', () => {
  let manager: Page;
  let second: string;

  beforeAll(async () => {
    // A transmitted, complete file of the second candidate, made through the API (the file itself is
    // what the block above tests in the browser).
    const token = await t.login(secondLogin);
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: formation.code } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    second = created.body.id as string;
    await t.completeFile(token, second);
    expect((await t.api('POST', `/api/candidatures/${second}/transmit`, { token })).status).toBe(200);
  });

  const history = () => manager.getByRole('table', { name: 'Avis saisis et publiés' });
  const historyRow = (n: number) =>
    history()
      .getByRole('row')
      .filter({ has: manager.getByRole('cell', { name: String(n), exact: true }) });

  it('an unfavourable opinion needs a motive; it is entered, then deleted after a confirmation', { timeout: 120_000 }, async () => {
    manager = await newActor();
    await loginAs(manager, 'centre');
    await manager.goto(`${t.server.url}/gestion/candidatures/${second}`);
    await manager.getByRole('heading', { level: 1, name: /^Candidature E2EL0002/ }).waitFor();

    await manager.getByLabel('Type de décision').selectOption({ label: 'Avis défavorable (Défavorable)' });
    // The comment cannot be typed longer than the API takes.
    expect(await manager.locator('textarea#opinion-comment').getAttribute('maxlength')).toBe('1000');
    await manager.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    // Stopped in the browser: the motive is required, and the focus is on it.
    const motive = manager.getByLabel('Motif');
    expect(await motive.getAttribute('aria-invalid')).toBe('true');
    expect(await manager.evaluate(() => document.activeElement?.id)).toBe('opinion-motiveCode');
    await motive.selectOption({ index: 1 });
    await manager.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await alertWith(manager, 'Avis enregistré (non publié).').waitFor();
    await expectText(historyRow(1), 'Défavorable');

    // Deleting asks first (a modal dialog); cancelling keeps the opinion.
    await manager.getByRole('button', { name: 'Supprimer l’avis n° 1' }).click();
    const dialog = manager.getByRole('alertdialog', { name: 'Supprimer un avis' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => focusedText(manager), { timeout: 5000 }).toBe('Supprimer');

    await manager.getByRole('button', { name: 'Supprimer l’avis n° 1' }).click();
    await dialog.getByRole('button', { name: 'Oui, supprimer l’avis' }).click();
    await alertWith(manager, 'Avis n° 1 supprimé.').waitFor();
    // It stays in the history, marked deleted, without a delete button.
    await expectText(historyRow(1), /Supprimé le .+, par centre/);
    expect(await manager.getByRole('button', { name: 'Supprimer l’avis n° 1' }).count()).toBe(0);
  });

  it('a preselection carries the interview; a complementary-list opinion, once published, links to the formation’s list', { timeout: 120_000 }, async () => {
    await manager.getByLabel('Type de décision').selectOption({ label: 'Présélection (Présélection)' });
    await manager.getByLabel('Date de l’entretien').fill('2027-03-15');
    await manager.getByLabel('Heure de l’entretien').fill('14:30');
    await manager.getByLabel('Lieu de l’entretien').fill('Salle du conseil, bâtiment A');
    await manager.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await alertWith(manager, 'Avis enregistré (non publié).').waitFor();
    await expectText(historyRow(2), 'Entretien le 15 mars 2027 à 14:30, Salle du conseil, bâtiment A');

    await manager.getByLabel('Type de décision').selectOption({ label: 'Liste complémentaire (Liste complémentaire)' });
    await manager.getByLabel('Rang sur la liste complémentaire').fill('2');
    await manager.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await alertWith(manager, 'Avis enregistré (non publié).').waitFor();
    await manager.getByRole('button', { name: 'Valider (publier) l’avis' }).click();
    await alertWith(manager, /Avis publié\s*: le candidat est informé\./).waitFor();
    await expectText(definitionOf(manager, 'Dernier avis'), 'Liste complémentaire — Liste complémentaire (publié)');

    await manager.getByRole('link', { name: 'Voir la liste complémentaire de la formation' }).click();
    await manager.waitForURL(`**/gestion/formations/${formation.code}/liste-complementaire?depuis=${second}`);
    await manager.getByRole('heading', { level: 1, name: `Liste complémentaire — ${formation.label} (${formation.code})` }).waitFor();
    const entry = manager.getByRole('table', { name: 'Candidats en liste complémentaire' }).getByRole('row').filter({ hasText: 'E2EL0002' });
    await entry.waitFor();
    // Real rank 1 (alone on the list), entered rank 2.
    expect((await entry.getByRole('cell').allInnerTexts()).slice(0, 2)).toEqual(['1', '2']);
    await manager.getByRole('link', { name: 'Retour à la candidature' }).click();
    await manager.getByRole('heading', { level: 1, name: /^Candidature E2EL0002/ }).waitFor();
  });

  // Tags (chosen among the setup's coloured tags) have their own browser test: tests/e2e/staff-actions.test.ts.
  it('a confirmation deadline override, and a withdrawal on behalf of the candidate', { timeout: 120_000 }, async () => {
    // A favourable decision, published: then the deadline can move, and the candidate can be withdrawn.
    await manager.getByLabel('Type de décision').selectOption({ label: 'Avis favorable (Favorable)' });
    await manager.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await alertWith(manager, 'Avis enregistré (non publié).').waitFor();
    await manager.getByRole('button', { name: 'Valider (publier) l’avis' }).click();
    await alertWith(manager, /Avis publié/).waitFor();

    await manager.getByLabel('Nouvelle date limite de confirmation').fill('2027-08-20');
    await manager.getByRole('button', { name: 'Enregistrer la date de confirmation' }).click();
    await alertWith(manager, 'Date limite de confirmation enregistrée : 20 août 2027.').waitFor();
    await expectText(definitionOf(manager, 'Date limite de confirmation'), '20 août 2027 à 23 h 59 (heure de Paris)');
    await expectText(definitionOf(manager, 'Relance prévue le'), /\d{4}/);

    await manager.getByRole('button', { name: 'Désister pour le candidat' }).click();
    const dialog = manager.getByRole('alertdialog', { name: 'Désister le candidat' });
    await dialog.getByRole('button', { name: 'Oui, désister le candidat' }).click();
    await alertWith(manager, 'Désistement enregistré pour le candidat.').waitFor();
    await expectText(definitionOf(manager, 'Réponse du candidat'), 'Désistement');
    // The button is gone: the focus went to the message.
    expect(await manager.getByRole('button', { name: 'Désister pour le candidat' }).count()).toBe(0);
    await expect.poll(() => focusedText(manager), { timeout: 5000 }).toBe('Désistement enregistré pour le candidat.');

    // The staff page's many forms: one h1, every control named (accessibility tree and DOM).
    expect(await manager.getByRole('heading', { level: 1 }).count()).toBe(1);
    const snapshot = await manager.locator('main').ariaSnapshot();
    const controls = snapshot.split('\n').filter((line) => /^\s*- (textbox|button|combobox|checkbox|spinbutton)\b/.test(line));
    expect(controls.length).toBeGreaterThan(5);
    expect(controls.filter((line) => !/^\s*- \w+ "[^"]*\S[^"]*"/.test(line))).toEqual([]);
    await screenshot(manager, 'lifecycle-4-manager-withdrawn');
  });

  it('direct access: the manager changes the traitement to AD and validates it, which publishes a favourable decision', { timeout: 120_000 }, async () => {
    const token = await t.login(thirdLogin);
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: formation.code } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const third = created.body.id as string;
    await t.completeFile(token, third);
    expect((await t.api('POST', `/api/candidatures/${third}/transmit`, { token })).status).toBe(200);

    await manager.goto(`${t.server.url}/gestion/candidatures/${third}`);
    await manager.getByRole('heading', { level: 1, name: /^Candidature E2EL0003/ }).waitFor();
    await expectText(definitionOf(manager, 'Type de traitement'), 'Accès contrôlé (validé)');
    await manager.getByLabel('Nouveau type de traitement').selectOption({ label: 'Accès direct (AD)' });
    await manager.getByRole('button', { name: 'Changer le type de traitement' }).click();
    await alertWith(manager, 'Type de traitement changé : Accès direct.').waitFor();
    await expectText(definitionOf(manager, 'Type de traitement'), 'Accès direct (non validé)');

    await expectText(manager.getByRole('region', { name: 'Type de traitement' }), 'la validation donne automatiquement un avis favorable publié');
    await manager.getByRole('button', { name: 'Valider le type de traitement' }).click();
    await alertWith(manager, 'Type de traitement validé : Accès direct.').waitFor();
    await expectText(definitionOf(manager, 'Dernier avis'), 'Favorable — Avis favorable (publié)');
    await expectText(definitionOf(manager, 'Date limite de confirmation'), /\d{4} à/);
    // A decision is published: the traitement no longer changes.
    expect(await manager.getByRole('button', { name: 'Changer le type de traitement' }).count()).toBe(0);
  });
});

describe('a mass action from the list in a browser', () => {
  it('the manager selects two files, sets them complete in one go, follows the progress, and reads a refusal per item', { timeout: 120_000 }, async () => {
    for (const login of bulkLogins) {
      const token = await t.login(login);
      const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: formation.code } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      await t.completeFile(token, created.body.id);
      expect((await t.api('POST', `/api/candidatures/${created.body.id}/transmit`, { token })).status).toBe(200);
    }
    const page = await newActor();
    await loginAs(page, 'centre');
    await page.waitForURL('**/gestion');
    const panel = page.getByRole('region', { name: 'Action sur la sélection' });
    await panel.waitFor();
    await expectText(panel, 'Aucune candidature sélectionnée');

    // DSFR checkboxes: the box is drawn by the label, which takes the click.
    for (const dossier of ['E2EL0004', 'E2EL0005']) await page.getByLabel(new RegExp(`^Sélectionner la candidature ${dossier} de`)).check({ force: true });
    await expectText(panel, '2 candidatures sélectionnées.');

    const action = panel.getByRole('combobox', { name: 'Action', exact: true });
    await action.selectOption({ label: 'Changer le statut du dossier' });
    await panel.getByLabel('Nouveau statut du dossier').selectOption({ label: 'Complet' });
    await panel.getByRole('button', { name: 'Appliquer à 2 candidatures' }).click();
    // The bulk panel asks first, naming the action and the count.
    await page.getByRole('button', { name: 'Oui, appliquer à 2 candidatures' }).click();
    // Started: the focus is on the progress, then the end is announced with the counts.
    await expect.poll(() => focusedText(page)).toMatch(/^(En cours|Terminé)\s*: Changer le statut du dossier/);
    await panel.getByRole('heading', { level: 3, name: /^Terminé\s*: Changer le statut du dossier/ }).waitFor();
    expect(await panel.getByRole('progressbar', { name: 'Avancement' }).getAttribute('value')).toBe('100');
    await expectText(page.getByRole('status').filter({ hasText: 'Action de masse terminée' }), '2 réussie(s), 0 refusée(s) ou en erreur, sur 2');
    const results = panel.getByRole('table', { name: 'Résultat par candidature' });
    for (const dossier of ['E2EL0004', 'E2EL0005']) await expectText(results.getByRole('row').filter({ hasText: dossier }), 'Réussie');
    // The list is reloaded: both files complete.
    for (const dossier of ['E2EL0004', 'E2EL0005'])
      await expectText(page.getByRole('table', { name: 'Liste des candidatures' }).getByRole('row').filter({ hasText: dossier }), 'Complet');

    // Publishing with no opinion entered: each item is refused with the reason the single action gives.
    await panel.getByRole('button', { name: 'Nouvelle action de masse' }).click();
    await action.selectOption({ label: 'Valider (publier) le dernier avis' });
    await panel.getByRole('button', { name: 'Appliquer à 2 candidatures' }).click();
    // The bulk panel asks first, naming the action and the count.
    await page.getByRole('button', { name: 'Oui, appliquer à 2 candidatures' }).click();
    await panel.getByRole('heading', { level: 3, name: /^Terminé\s*: Valider/ }).waitFor();
    for (const dossier of ['E2EL0004', 'E2EL0005'])
      await expectText(results.getByRole('row').filter({ hasText: dossier }), /Refusée.*Aucun avis n'a été saisi\./);
    await screenshot(page, 'lifecycle-5-mass-action');
  });
});
