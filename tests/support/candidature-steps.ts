/// <reference lib="dom" />
// The steps of a candidature's spine as its users take them in the browser (the ones
// tests/e2e/spine.test.ts drives), for the browser tests that need a candidature taken through them:
// the candidate applies from the offer of /candidat and transmits, the manager opens it from /gestion,
// sets the file complete, enters a favourable opinion and publishes it, the candidate confirms and
// sees the admission exported. Each step asserts what the user sees (the French catalog's texts).
// Formations asking for no supporting document and no question: there is no upload step here.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { alertWith, definitionOf, expectText, loose } from './browser.ts';

/** The export is awaited longer than a step (it runs in the workflow after the confirmation; the page follows it live). */
export const EXPORT_TIMEOUT = 60_000;

/**
 * The candidate, logged in on /candidat, applies to the formation (by its label) from the offer and
 * transmits the file. Returns the candidature's id (read from the page's address).
 */
export async function applyAndTransmit(candidate: Page, formationLabel: string): Promise<string> {
  await candidate.getByRole('heading', { name: 'Offre de formation' }).waitFor();
  await candidate.getByRole('heading', { name: formationLabel, exact: true }).waitFor();
  // The button reads "Candidater"; its accessible name says to which formation.
  const apply = candidate.getByRole('button', { name: `Candidater à la formation ${formationLabel}`, exact: true });
  expect(await apply.innerText()).toBe('Candidater');
  await apply.click();

  await candidate.waitForURL(/\/candidat\/candidatures\/[0-9a-f-]{36}$/);
  const id = new URL(candidate.url()).pathname.split('/').pop()!;
  await candidate.getByRole('heading', { level: 1, name: formationLabel }).waitFor();
  await expectText(definitionOf(candidate, 'Situation'), 'En préparation (non transmise)');
  await expectText(definitionOf(candidate, 'Étape'), 'En préparation');
  // A draft shows no dossier status (nothing the commission has seen yet).
  expect(await candidate.locator('dl > dt:text-is("Statut du dossier")').count()).toBe(0);

  // Transmitting asks first, saying what follows.
  await candidate.getByRole('button', { name: 'Transmettre ma candidature' }).click();
  const dialog = candidate.getByRole('alertdialog', { name: loose('Transmettre votre candidature ?') });
  await expectText(dialog, /vous ne pourrez plus déposer/);
  await dialog.getByRole('button', { name: 'Oui, transmettre' }).click();
  await alertWith(candidate, 'Votre candidature a été transmise.').waitFor();
  await expectText(definitionOf(candidate, 'Statut du dossier'), 'Réceptionné');
  await expectText(definitionOf(candidate, 'Étape'), 'Transmise');
  await expectText(candidate.getByRole('region', { name: 'Suivi de ma candidature' }), /\d{4}\s*Candidature transmise à la commission/);
  return id;
}

/**
 * The manager, logged in on /gestion, opens from the list the transmitted candidature of
 * `dossierNumber` to the formation (exactly one such row), and lands on its page.
 */
export async function openTransmitted(manager: Page, c: { id: string; formationLabel: string; dossierNumber: string }): Promise<void> {
  await manager.getByRole('heading', { level: 1, name: 'Candidatures' }).waitFor();
  const rows = manager.getByRole('row').filter({ hasText: c.formationLabel }).filter({ hasText: 'Transmise' }).filter({ hasText: c.dossierNumber });
  await rows.first().waitFor();
  expect(await rows.count(), `one transmitted candidature of ${c.dossierNumber} to ${c.formationLabel} in the list`).toBe(1);
  await rows.getByRole('link', { name: /^Ouvrir la candidature / }).click();
  await manager.waitForURL(`**/gestion/candidatures/${c.id}`);
  await manager.getByRole('heading', { level: 1, name: /^Candidature / }).waitFor();
  await expectText(definitionOf(manager, 'Statut du dossier'), 'Réceptionné');
}

/**
 * On the candidature's staff page: the file set complete, a favourable opinion entered with this
 * comment, then validated (published); the confirmation deadline is then shown.
 */
export async function publishFavourableOpinion(manager: Page, comment: string): Promise<void> {
  await manager.getByLabel('Nouveau statut du dossier').selectOption({ label: 'Complet' });
  await manager.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await alertWith(manager, /Statut du dossier enregistré\s*: Complet\./).waitFor();
  await expectText(definitionOf(manager, 'Statut du dossier'), 'Complet');

  await manager.getByLabel('Type de décision').selectOption({ label: 'Avis favorable (Favorable)' });
  await manager.getByLabel('Commentaire').fill(comment);
  await manager.getByRole('button', { name: 'Enregistrer l’avis' }).click();
  await alertWith(manager, 'Avis enregistré (non publié).').waitFor();
  await expectText(definitionOf(manager, 'Dernier avis'), 'Favorable — Avis favorable (non publié)');

  await manager.getByRole('button', { name: 'Valider (publier) l’avis' }).click();
  await alertWith(manager, /Avis publié\s*: le candidat est informé\./).waitFor();
  await expectText(definitionOf(manager, 'Dernier avis'), 'Favorable — Avis favorable (publié)');
  await expectText(definitionOf(manager, 'Date limite de confirmation'), /\d{4}/);
  // Published: the publish button is gone.
  expect(await manager.getByRole('button', { name: 'Valider (publier) l’avis' }).count()).toBe(0);
}

/**
 * The candidate, on the candidature's page (reloaded to read the decision), sees the favourable
 * decision with the comment, confirms, and sees the admission exported to the SIS.
 */
export async function confirmAndSeeExported(candidate: Page, formationLabel: string, comment: string): Promise<void> {
  await candidate.reload();
  await candidate.getByRole('heading', { level: 1, name: formationLabel }).waitFor();
  await expectText(definitionOf(candidate, 'Étape'), 'Décision publiée');
  await expectText(definitionOf(candidate, 'Avis'), 'Favorable');
  await expectText(definitionOf(candidate, 'Commentaire'), comment);
  // A real deadline ("31 juillet 2027 à 23 h 59 (heure de Paris)"), not "Aucune".
  await expectText(definitionOf(candidate, 'Date limite de confirmation'), /\d{4} à \d{1,2}\s?[:h]\s?\d{2}/);

  // Confirming asks first: it starts the registration and withdraws nothing else.
  await candidate.getByRole('button', { name: 'Confirmer ma candidature' }).click();
  const dialog = candidate.getByRole('alertdialog', { name: loose('Confirmer votre candidature ?') });
  await expectText(dialog, /système d’information de l’université/);
  await expectText(dialog, /Date limite\s*: \d{1,2} \S+ \d{4}/);
  await dialog.getByRole('button', { name: 'Oui, je confirme' }).click();
  await alertWith(candidate, 'Votre candidature est confirmée.').waitFor();
  await expectText(definitionOf(candidate, 'Étape'), 'Confirmée');
  await expectText(definitionOf(candidate, 'Votre réponse'), 'Confirmée');

  // The export runs in the workflow after the confirmation; the page shows it without a reload.
  await expectText(definitionOf(candidate, 'Inscription administrative'), 'Transmise à la scolarité', EXPORT_TIMEOUT);
}
