// A bulk request without its selection: what the panel's form produces (the panel adds the ids).
import type { BulkRequest } from '../../api.ts';

type WithoutSelection<R> = R extends unknown ? Omit<R, 'candidatureIds'> : never;
export type BulkActionRequest = WithoutSelection<BulkRequest>;
