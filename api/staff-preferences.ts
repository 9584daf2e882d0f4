// What a staff member's screens remember (contracts/staff.ts `StaffPreferences`), in
// staff_preference.settings: a JSON object that other screens may share, so a save merges its keys
// into what is stored and keeps the rest.
import type { FastifyInstance } from 'fastify';
import { StaffPreferences } from '../contracts/staff.ts';
import type { SessionUser } from './plugins/auth.ts';

type Staff = Extract<SessionUser, { kind: 'staff' }>;
type Settings = Record<string, unknown>;

const asObject = (value: unknown): Settings => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Settings) : {});

/** The stored preferences; a stored value no longer valid (a column since removed…) is left out, as if never chosen. */
function preferencesOf(settings: Settings): StaffPreferences {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(StaffPreferences.shape)) {
    const parsed = schema.safeParse(settings[key]);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as StaffPreferences;
}

export async function readPreferences(app: FastifyInstance, user: Staff): Promise<StaffPreferences> {
  const row = await app.db.staffPreference.findUnique({ where: { userId: user.id }, select: { settings: true } });
  return preferencesOf(asObject(row?.settings));
}

/** Merges the given keys into the stored settings (one statement: two saves at once both land). */
export async function savePreferences(app: FastifyInstance, user: Staff, changes: StaffPreferences): Promise<StaffPreferences> {
  const patch = JSON.stringify(changes);
  const [row] = await app.db.$queryRaw<{ settings: unknown }[]>`
    INSERT INTO staff_preference (user_id, settings) VALUES (${user.id}, ${patch}::jsonb)
    ON CONFLICT (user_id) DO UPDATE SET settings = staff_preference.settings || EXCLUDED.settings
    RETURNING settings`;
  return preferencesOf(asObject(row?.settings));
}
