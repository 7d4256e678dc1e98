// The configuration of a CLI command: the same loader as `serve` (src/config.ts). A bad variable is
// a usage error (exit code 2) naming every problem; the knowledge-folder read limits apply to every
// load the command makes.
import { loadConfig, type Config } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { useKbReadLimits } from '../src/kb/load.js';
import { useKbCacheDir } from '../src/kb/record-cache.js';

export function cliConfig(load: () => Config = () => loadConfig()): Config {
  let config: Config;
  try {
    config = load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  useKbReadLimits(config.kbLimits);
  useKbCacheDir(config.kbCacheDir);
  return config;
}
