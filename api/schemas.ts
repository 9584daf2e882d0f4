// Shapes the API's own routes share. The contracts clients rely on (views, problems, transitions,
// lists) are in contracts/; route files import those directly.
import { z } from 'zod';

export { CandidatureView } from '../contracts/candidature.ts';
export { errorResponses, Problem } from '../contracts/refusals.ts';

export const User = z.object({
  kind: z.enum(['candidate', 'staff']),
  login: z.string(),
  displayName: z.string(),
  campaignCode: z.string().optional(),
  profiles: z.array(z.string()).optional(),
});

export const IdParams = z.object({ id: z.uuid() });
