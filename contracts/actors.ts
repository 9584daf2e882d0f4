// Who acts on a candidature, as every message to a workflow names them.
import { z } from 'zod';
import { FUNCTIONALITIES } from '../domain/codes.ts';

export const Actor = z.object({
  kind: z.enum(['candidate', 'staff', 'system']),
  /** Staff login, candidate dossier number, or a technical user (`autoDesist`, `autoListComp`). */
  login: z.string(),
  displayName: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;

/** The actor with the functionalities the API found in their scope for this candidature (staff). */
export const ActingUser = Actor.extend({ rights: z.array(z.enum(FUNCTIONALITIES)).optional() });
export type ActingUser = z.infer<typeof ActingUser>;
