// Data protection (GDPR) requests about a candidate account: the access request (art. 15, an export
// of everything held about the account) and the erasure request (art. 17). Pure rules and shapes,
// shared by the workflows (workflows/data-protection.ts), their activities, the API and the web.
//
// THE RULE (decided from the reference, ecandidat-domain.md §1.4 and §8): the reference's candidate
// manager deletes an account at any time ("CNIL" deletion, `deleteCandidatCnil`: physical deletion,
// no anonymisation), and its campaign destruction deletes everything SCOL_NB_JOUR_ARCHIVAGE days
// after archiving (retention as today: unchanged here). Admissions are a public-interest task
// (art. 6.1.e), so the right to erasure does not reach data the institution still needs for a
// procedure under way (art. 17.3.b): an erasure request is refused while one of the account's
// candidatures, in a campaign not archived yet, is
//   - transmitted (the commission is examining it),
//   - decided (a decision is published: the candidate may still answer or appeal, a waiting list may move),
//   - confirmed (an admission, exported to the SIS or being exported),
//   - or has an exchange with the SIS under way (export pending or failed, e.g. a withdrawal to send).
// A draft (never transmitted), cancelled or withdrawn candidature does not hold the deletion back,
// nor does anything in an archived campaign. Staff may pass `force` (the manager's CNIL deletion of
// the reference); the report then lists what was in progress.

import type { LocalizedText } from '../contracts/refusals.ts';
import type { ExportStatus, Stage } from './codes.ts';

/** The two kinds of request, as the API names them, and their one-letter code in data_protection_request.kind. */
export const DATA_PROTECTION_KINDS = ['export', 'deletion'] as const;
export type DataProtectionKind = (typeof DATA_PROTECTION_KINDS)[number];
export const KIND_CODES: Record<DataProtectionKind, 'E' | 'D'> = { export: 'E', deletion: 'D' };
export const kindOfCode = (code: string): DataProtectionKind => (code === 'D' ? 'deletion' : 'export');

/** data_protection_request.status: P pending (recorded, not started or not yet running), R running, D done, F failed. */
export const DATA_PROTECTION_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type DataProtectionStatus = (typeof DATA_PROTECTION_STATUSES)[number];
export const STATUS_CODES: Record<DataProtectionStatus, 'P' | 'R' | 'D' | 'F'> = { pending: 'P', running: 'R', done: 'D', failed: 'F' };
export const statusOfCode = (code: string): DataProtectionStatus => (code === 'R' ? 'running' : code === 'D' ? 'done' : code === 'F' ? 'failed' : 'pending');

/** The workflow of a request: `data-protection-<kind>-<requestId>` (one run per request: started again, it is the same). */
export const dataProtectionWorkflowId = (kind: DataProtectionKind, requestId: number) => `data-protection-${kind}-${requestId}`;
export const DATA_EXPORT_WORKFLOW = 'candidateDataExportWorkflow';
export const DATA_DELETION_WORKFLOW = 'candidateDataDeletionWorkflow';

/**
 * How long an export archive is kept for download: the export workflow deletes it then (a copy of
 * everything about the candidate must not outlive its use, nor the campaign's retention).
 */
export const EXPORT_ARCHIVE_DAYS = 7;

/** The input of both workflows: the request's id; everything else is read from its row (no personal data in histories). */
export interface DataProtectionInput {
  requestId: number;
}

/** How the request was made, recorded with it (report.request) before it runs. */
export interface RequestOptions {
  /** Deletion only: carry it out even while candidatures are in progress (staff only). */
  force: boolean;
  /** Who asked: a staff member, or the candidate from their account. */
  origin: 'staff' | 'candidate';
  /** Free text of the requester (why, reference of a letter…). */
  note: string | null;
}

/** Something kept after a deletion, and why. */
export interface KeptItem {
  what: string;
  count: number;
  why: LocalizedText;
}

/** A candidature that holds a deletion back (or was in progress when forced). */
export interface CandidatureInProgress {
  id: string;
  campaignCode: string;
  formationCode: string;
  stage: string;
  exportStatus: string;
  reason: LocalizedText;
}

/**
 * The report of a request (data_protection_request.report): the options it was made with, then what
 * the run did. Counts only, and candidature ids and codes: no personal data beyond the dossier number.
 */
export interface DataProtectionReport {
  request: RequestOptions;
  /** Export: rows per section of donnees.json; deletion: what was deleted, per kind. */
  counts?: Record<string, number>;
  /** Deletion: what was kept, and why. */
  kept?: KeptItem[];
  /** Deletion: candidatures in progress (a refusal lists them; a forced deletion too). */
  inProgress?: CandidatureInProgress[];
  /** Why the request failed (a refusal, or an error), in both languages. */
  failure?: LocalizedText;
  /** Export: the archive's file name and size in bytes. */
  archive?: { name: string; size: number };
}

/** What the rule reads of a candidature (read-model columns). */
export interface CandidatureStanding {
  stage: Stage | string;
  exportStatus: ExportStatus | string;
  campaignArchived: boolean;
}

/** Why this candidature holds an erasure back (the rule above), or null when it does not. */
export function inProgressReason(c: CandidatureStanding): LocalizedText | null {
  if (c.campaignArchived) return null;
  if (c.exportStatus === 'pending' || c.exportStatus === 'failed')
    return {
      fr: 'un échange avec le système d’information de scolarité (OPI) est en cours',
      en: 'an exchange with the student information system (admission record) is under way',
    };
  switch (c.stage) {
    case 'transmitted':
      return { fr: 'le dossier est transmis et la commission l’examine', en: 'the file was transmitted and the commission is examining it' };
    case 'decided':
      return {
        fr: 'une décision est publiée et la campagne est en cours (réponse, recours, liste complémentaire)',
        en: 'a decision is published and the campaign is under way (answer, appeal, waiting list)',
      };
    case 'confirmed':
      return {
        fr: 'l’admission est confirmée (inscription en cours auprès de la scolarité)',
        en: 'the admission is confirmed (enrolment under way with the registrar)',
      };
    default:
      return null;
  }
}

/** The refusal of a deletion held back by candidatures in progress, in both languages. */
export function deletionRefusal(inProgress: readonly CandidatureInProgress[]): LocalizedText {
  const list = (lang: 'fr' | 'en') => inProgress.map((c) => `${c.formationCode} (${c.campaignCode}) : ${c.reason[lang]}`).join(' ; ');
  return {
    fr: `Suppression refusée : ${inProgress.length} candidature(s) en cours que l’établissement doit conserver pendant la procédure d’admission (RGPD art. 17.3) — ${list('fr')}. Elle sera possible quand ces candidatures seront closes (désistement, campagne archivée), ou par un gestionnaire de candidats qui la force.`,
    en: `Deletion refused: ${inProgress.length} application(s) in progress that the institution must keep during the admission procedure (GDPR art. 17.3) — ${list('en').replaceAll(' : ', ': ')}. It becomes possible once they are closed (withdrawal, campaign archived), or when a candidate manager forces it.`,
  };
}
