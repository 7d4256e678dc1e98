// The storage backends a suite runs against, in one list: the SQLite file (always there), Redis and
// PostgreSQL on loopback (skipped with the reason when absent, see describeNeeding). A suite loops
// over them as the storage contract does: `for (const backend of storageBackends(...))`.
import type { StorageOptions } from '../../src/storage/index.js';
import type { Service } from './services.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type BackendName = 'sqlite' | 'redis' | 'postgres';

export interface TestBackend {
  name: BackendName;
  /** The services it needs, for describeNeeding. */
  needs: Service[];
  /** Options for openStorage; each call may give a new SQLite file or prefix. */
  options(): StorageOptions;
}

export interface BackendChoice {
  /** Where the SQLite file is (called per options()). */
  sqlitePath: () => string;
  /** A key prefix per options() call; none: the backend's default. */
  prefix?: () => string;
  /** The backends to run (default all three). */
  only?: readonly BackendName[];
}

export function storageBackends(choice: BackendChoice): TestBackend[] {
  const withPrefix = (o: StorageOptions): StorageOptions => (choice.prefix ? { ...o, prefix: choice.prefix() } : o);
  const all: TestBackend[] = [
    { name: 'sqlite', needs: [], options: () => withPrefix({ sqlitePath: choice.sqlitePath() }) },
    { name: 'redis', needs: ['redis'], options: () => withPrefix({ url: REDIS_URL }) },
    { name: 'postgres', needs: ['postgres'], options: () => withPrefix({ url: POSTGRES_URL }) },
  ];
  return choice.only ? all.filter((b) => choice.only?.includes(b.name)) : all;
}
