// What the managers' "more actions" read and write besides the transitions: the tags they may put on
// a candidature (their colours: contracts/setup.ts), the post-it notes of a candidature (the
// reference's bloc-notes, shared with the commission) and the SIS codes of the OPI régime and fee
// exemption. OPI code, régime and fees themselves are transitions (contracts/candidature.ts).
import { z } from 'zod';
import { SIS_TYPES } from '../domain/codes.ts';
import { TagChip } from './staff.ts';

/** Longest post-it note (the reference's post_it.message). */
export const POST_IT_MAX = 255;

/** `GET /api/staff/tags`: the active tags, for all centres or of one. */
export const StaffTagsQuery = z.object({
  candidature: z.uuid().optional().describe('Only the tags that may be put on this candidature (its centre’s and those of every centre)'),
});
export const StaffTags = z.array(TagChip);
export type StaffTags = z.infer<typeof StaffTags>;

export const PostItInput = z.object({ message: z.string().trim().min(1).max(POST_IT_MAX) });
export type PostItInput = z.infer<typeof PostItInput>;

export const PostItView = z.object({
  id: z.number().int(),
  message: z.string(),
  /** The author's login, and their name as users read it. */
  author: z.string(),
  authorName: z.string(),
  createdAt: z.string().describe('ISO 8601 instant'),
  /** The reader may delete it (its author, or an admin). */
  deletable: z.boolean(),
});
export type PostItView = z.infer<typeof PostItView>;

/** `GET /api/staff/candidatures/{id}/post-its`: newest first, and whether the reader may write (right GEST_POST_IT). */
export const PostItList = z.object({ items: z.array(PostItView), writable: z.boolean() });
export type PostItList = z.infer<typeof PostItList>;

export const PostItParams = z.object({ id: z.uuid(), postItId: z.coerce.number().int().min(1).max(2_147_483_647) });

export const SisCode = z.object({ code: z.string(), label: z.string() });
export type SisCode = z.infer<typeof SisCode>;
/** `GET /api/staff/admission-codes?sisType=`: the régimes and fee exemption categories in service in a SIS's referentials. */
export const AdmissionCodesQuery = z.object({ sisType: z.enum(SIS_TYPES) });
export const AdmissionCodes = z.object({ regimes: z.array(SisCode), exemptionCategories: z.array(SisCode) });
export type AdmissionCodes = z.infer<typeof AdmissionCodes>;
