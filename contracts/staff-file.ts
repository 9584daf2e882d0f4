// The candidate's whole file as a commission reads it (issue 11), the body of
//   GET /api/staff/candidatures/{id}/file   (staff in the candidature's scope; admins everywhere)
// What a commission decides from: civil status, contact, address, bac, internal and external cursus,
// internships, professional experience (the candidate's file, contracts/profile.ts `Profile`), the
// answers to this candidature's questions, its documents (status, comment, the file to view), the
// candidate's other candidatures of the campaign (those in the reader's scope shown, the others only
// counted), and the opinion history with its labels. Labels are in the reader's language where the
// configuration has them (decision types, motives, documents, questions); the SIS referentials'
// labels (countries, bac series…) are the SIS's own (French). Read by api/staff-file.ts, shown by
// web/src/components/staff/*.
import { z } from 'zod';
import { DOSSIER_STATUSES, OPINION_KINDS, STAGES } from '../domain/codes.ts';
import { OpinionEntryView, PieceView, QuestionView } from './candidature.ts';
import { Profile } from './profile.ts';

/** The file types a page may show in itself (the stored type, read from the content at upload). */
export const VIEWABLE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ViewableType = (typeof VIEWABLE_TYPES)[number];

export const StaffFileDocument = PieceView.extend({
  file: z
    .object({
      name: z.string(),
      mimeType: z.string().nullable().describe('The stored type, read from the content at upload'),
      size: z.number().int().nullable(),
      url: z.string().describe('GET: the bytes, as an attachment (the page views them through a blob: URL)'),
      viewable: z.boolean().describe('A PDF, JPEG or PNG: the page may show it in itself'),
    })
    .nullable()
    .describe('The uploaded file; null when none'),
});
export type StaffFileDocument = z.infer<typeof StaffFileDocument>;

export const StaffFileOpinion = OpinionEntryView.extend({
  decisionTypeLabel: z.string(),
  motiveLabel: z.string().nullable(),
});
export type StaffFileOpinion = z.infer<typeof StaffFileOpinion>;

export const OtherCandidature = z.object({
  id: z.string(),
  formationCode: z.string(),
  formationLabel: z.string(),
  commissionCode: z.string(),
  stage: z.enum(STAGES),
  dossierStatus: z.enum(DOSSIER_STATUSES),
  opinion: z.object({ kind: z.enum(OPINION_KINDS), decisionTypeLabel: z.string(), validated: z.boolean() }).nullable(),
  createdAt: z.string(),
});
export type OtherCandidature = z.infer<typeof OtherCandidature>;

export const StaffFile = z
  .object({
    candidatureId: z.string(),
    campaignCode: z.string(),
    formationCode: z.string(),
    formationLabel: z.string(),
    commissionCode: z.string(),
    candidate: z.object({
      accountId: z.number().int(),
      dossierNumber: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      language: z.string(),
      studentNumber: z.string().nullable(),
    }),
    profile: Profile.describe('The candidate’s file (civil status, address, bac, cursus, internships, experience) and the labels of its codes'),
    answers: z.array(QuestionView).describe('The answers to this candidature’s questions; labels in the reader’s language'),
    documents: z.array(StaffFileDocument).describe('The supporting documents with their status and comment; labels in the reader’s language'),
    otherCandidatures: z.object({
      items: z.array(OtherCandidature).describe('The candidate’s other candidatures of the campaign in the reader’s scope'),
      outOfScope: z.number().int().describe('How many others exist outside the reader’s scope (not shown)'),
    }),
    opinions: z.array(StaffFileOpinion).describe('The whole opinion history, oldest first, deleted ones marked'),
    dossierPdfUrl: z.string().describe('GET: the whole file as one PDF (summary and every document)'),
  })
  .describe('The candidate’s whole file as the reader’s scope allows');
export type StaffFile = z.infer<typeof StaffFile>;
