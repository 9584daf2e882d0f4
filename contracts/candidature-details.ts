// What the candidate's page shows beside the view (GET /api/candidatures/{id}/details): the
// published decision's labels (decision type, motive in the reader's language), the rank on the
// complementary list as the parameter LC_MODE_AFFICHAGE_RANG says, the interview, the commission's
// contact and return address, the formation's dates, and which documents may be downloaded.
// Read from the configuration and the read model (api/candidature-details.ts), never from Temporal.
import { z } from 'zod';
import { Interview } from './candidature.ts';

const day = z.string().nullable().describe('A Paris day, YYYY-MM-DD');

export const CandidatureDetails = z
  .object({
    decision: z
      .object({
        decisionTypeLabel: z.string(),
        motive: z.string().nullable().describe('Label of the unfavourable opinion’s motive, in the reader’s language'),
        lcRank: z.number().int().nullable().describe('Rank on the complementary list shown to the candidate (none, entered or real: LC_MODE_AFFICHAGE_RANG)'),
        interview: Interview.nullable(),
        comment: z.string().nullable().describe('The decision’s comment, when its type shows it to the candidate'),
      })
      .nullable()
      .describe('The last published (validated) opinion; null before any'),
    commission: z.object({
      label: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      url: z.string().nullable(),
      address: z.array(z.string()).describe('Postal address, one line each (empty when none)'),
      returnComment: z.string().nullable().describe('Where and how to send the dossier, in the reader’s language'),
    }),
    formation: z.object({ analysisOn: day, juryOn: day, publicationOn: day }),
    labels: z
      .object({ pieces: z.record(z.string(), z.string()), questions: z.record(z.string(), z.string()) })
      .describe('The supporting documents’ and questions’ labels in the reader’s language, by code (the view carries the French ones)'),
    documents: z
      .object({ receipt: z.boolean(), letter: z.boolean(), dossier: z.boolean() })
      .describe('What the candidate may download: receipt (after transmission), letter (when the download would give it: domain/letter.ts), whole dossier'),
  })
  .describe('What the candidate’s page shows beside the view');
export type CandidatureDetails = z.infer<typeof CandidatureDetails>;
