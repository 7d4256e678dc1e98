// The kb admin commands' shared types, apart so that kb-admin.ts and kb-sheets.ts do not import each other.
import type { AuditLog, ProposalStore } from '../src/model/audit.js';
import type { Config } from '../src/config.js';

export interface KbAdminStorage {
  audit: AuditLog;
  proposals: ProposalStore;
  close(): Promise<void>;
}

/** What the commands use from the outside world; tests replace it. */
export interface KbAdminDeps {
  openStorage: (config: Config) => Promise<KbAdminStorage>;
  /** The environment the configuration (src/config.ts) is read from; a ConfigError is a usage error. */
  env: Record<string, string | undefined>;
  now?: () => Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Ends the process with a usage error (exit code 2); tests make it throw. */
  exit: (code: number) => never;
}

export interface CommonOptions {
  by?: string;
  kb?: string;
}
