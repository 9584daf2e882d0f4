// Until the SIS port carries SisTransientError (port v2), the Apogée adapter's "retry may fix it"
// error lives here; Temporal retries any error that is not a SisValidationError.
export class SisTransientError extends Error {
  override readonly name = 'SisTransientError';
}
