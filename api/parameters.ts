// The global parameters (§4.5) as the API reads them: several at once, typed, with their defaults.
import { parameterValues, type ParameterCode, type ParameterValue } from '../domain/parameters.ts';
import type { Db } from '../infra/prisma.ts';

export async function readParameters<C extends ParameterCode>(db: Db, codes: readonly C[]): Promise<{ [K in C]: ParameterValue<K> }> {
  const rows = await db.parameter.findMany({ where: { code: { in: [...codes] } }, select: { code: true, value: true } });
  return parameterValues(codes, rows);
}
