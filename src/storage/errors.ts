// Typed storage errors. Callers catch StorageUnavailableError to tell the user "not available for
// now" instead of failing with a library error; StorageConfigError points at the setting to fix.

/** The store (Redis, PostgreSQL, the SQLite file) could not be reached or answered with an error. */
export class StorageUnavailableError extends Error {
  /** Which backend: `sqlite`, `redis` or `postgres`. */
  readonly backend: string;
  /** The operation that failed, e.g. `get subscriptions`. */
  readonly operation: string;
  constructor(backend: string, operation: string, cause?: unknown) {
    const why = cause instanceof Error ? cause.message : cause !== undefined ? String(cause) : 'no answer';
    super(`Storage (${backend}) is unavailable: ${operation} failed: ${why}`, { cause });
    this.name = 'StorageUnavailableError';
    this.backend = backend;
    this.operation = operation;
  }
}

/** STORAGE_URL (or another storage option) cannot be used as given. */
export class StorageConfigError extends Error {
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'StorageConfigError';
    this.setting = setting;
  }
}

/** A URL with its password replaced, for error messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
