// Test files share one database. The formations a file creates (their codes end with the file's run
// id) go out of service when it ends, so that the offer other files read stays the demo's.
import type { Db } from '../../infra/prisma.ts';

export async function retireFormations(db: Db, runId: string): Promise<void> {
  await db.formation.updateMany({ where: { code: { endsWith: runId } }, data: { active: false } });
}
