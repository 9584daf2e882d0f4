// The Apogée adapter's "retry may fix it" error is the port's (sis/port.ts); re-exported here so
// that the adapter's modules keep one import.
export { SisTransientError } from '../port.ts';
