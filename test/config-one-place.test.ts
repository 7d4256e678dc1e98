// Configuration is read in one place: src/config.ts (with its sections in src/config/) is the only
// code that mentions process.env; every variable it reads is in .env.example and in the reference
// table of docs/deployment.md, and nothing else is; problems of every section come back at once;
// the result is frozen.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CONFIG_VARIABLES, loadConfig, packageRoot } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const root = packageRoot();
const CONFIG_MODULE = [path.join(root, 'src', 'config.ts'), path.join(root, 'src', 'config')];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const variables = new Set(Object.values(CONFIG_VARIABLES).flat());

test('no file in src/, adapters/, cli/ or server/ but the config module mentions process.env', () => {
  const files = ['src', 'adapters', 'cli', 'server'].flatMap((d) => filesUnder(path.join(root, d)));
  assert.ok(files.length > 100, `only ${files.length} files found`);
  const offenders = files.filter((f) => !CONFIG_MODULE.some((c) => f === c || f.startsWith(`${c}${path.sep}`)) && readFileSync(f, 'utf8').includes('process.env'));
  assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
  // The config module does read it (else this test would prove nothing).
  assert.match(readFileSync(CONFIG_MODULE[0] as string, 'utf8'), /process\.env/);
});

test('.env.example lists exactly the variables the configuration reads', () => {
  const listed = new Set([...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string));
  assert.deepEqual([...listed].sort(), [...variables].sort());
});

test('docs/deployment.md documents exactly the variables the configuration reads', () => {
  const doc = read('docs/deployment.md');
  const reference = doc.slice(doc.indexOf('## Configuration reference'));
  assert.ok(reference.length > 100, 'docs/deployment.md has no "Configuration reference"');
  const documented = new Set([...reference.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1] as string));
  assert.deepEqual([...documented].sort(), [...variables].sort());
});

test('problems in several sections are reported at once, each naming its variable', () => {
  const env = {
    PORT: 'eighty',
    SLACK_BOT_TOKEN: 'not-a-token',
    ADMINS: 'U123',
    RETENTION_DAYS: 'forever',
    LLM_BASE_URL: 'ftp://llm.example.org',
    CLUSTER_NOTIFY_ATTEMPTS: 'many',
    KB_MAX_FILE_BYTES: 'lots',
  };
  assert.throws(() => loadConfig(env), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.code, 'CONFIG_INVALID');
    assert.deepEqual(err.issues.map((i) => i.variable).sort(), Object.keys(env).sort());
    assert.doesNotMatch(err.message, /not-a-token/, 'a secret is never echoed');
    return true;
  });
});

test('the configuration is one frozen object with every section', () => {
  const config = loadConfig({ ADMINS: 'slack:U0ADMIN', STORE_QUESTIONS: 'true', LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'm' });
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.admin) && Object.isFrozen(config.admin.admins));
  assert.deepEqual(config.admin.admins, ['slack:U0ADMIN']);
  assert.equal(config.usage.storeQuestions, true);
  assert.equal(config.llm?.provider, 'self-hosted');
  assert.equal(config.contextHelp?.enabled, true);
  assert.equal(config.cluster.attempts, 8);
  assert.throws(() => {
    (config as { port: number }).port = 1;
  }, TypeError);
});
