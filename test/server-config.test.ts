import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../src/errors.js';
import { describeConfig, loadConfig, packageRoot, parsePort } from '../src/config.js';

const APP_ID = '0b3c2a1e-5f4d-4c3b-9a8e-7d6c5b4a3f21';
const TENANT = '11111111-2222-4333-8444-555555555555';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('has safe defaults: port 3000 on 127.0.0.1, the shipped knowledge folder, no chat platform', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.knowledgeDir, path.join(packageRoot(), 'knowledge'));
    assert.equal(c.logLevel, 'info');
    assert.equal(c.slack, null);
    assert.equal(c.teams, null);
  });

  it('resolves the default knowledge folder from the package, not from the working directory', () => {
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      assert.equal(loadConfig({}).knowledgeDir, path.join(packageRoot(), 'knowledge'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads PORT, HOST, KNOWLEDGE_DIR and LOG_LEVEL; blank values count as unset', () => {
    const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', KNOWLEDGE_DIR: 'some/kb', LOG_LEVEL: 'debug' });
    assert.equal(c.port, 8080);
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.knowledgeDir, path.resolve('some/kb'));
    assert.equal(c.logLevel, 'debug');
    assert.equal(loadConfig({ PORT: '', HOST: '  ' }).port, 3000);
  });

  for (const [variable, value, expected] of [
    ['PORT', 'abc', /PORT: expected a port number from 0 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT: expected a port number/],
    ['PORT', '-1', /PORT: expected a port number/],
    ['HOST', 'my host', /HOST: expected a host name or IP address/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent/],
    ['MICROSOFT_APP_TYPE', 'Multi', /MICROSOFT_APP_TYPE: expected one of MultiTenant, SingleTenant, UserAssignedMSI/],
    ['TEAMS_ENABLED', 'yes', /TEAMS_ENABLED: expected true or false/],
    ['MICROSOFT_APP_ID', 'my-bot', /MICROSOFT_APP_ID: expected the bot's Microsoft App ID, a GUID/],
  ] as const) {
    it(`names ${variable} when it is malformed (${value})`, () => {
      const err = configError({ [variable]: value });
      assert.match(err.message, expected);
      assert.equal(err.issues[0]?.variable, variable);
    });
  }

  it('reports every problem at once', () => {
    const err = configError({ PORT: 'x', LOG_LEVEL: 'y' });
    assert.deepEqual(err.issues.map((i) => i.variable).sort(), ['LOG_LEVEL', 'PORT']);
  });

  it('never echoes a secret in an error', () => {
    const err = configError({ SLACK_BOT_TOKEN: 'super-secret-value', SLACK_SIGNING_SECRET: 's' });
    assert.match(err.message, /SLACK_BOT_TOKEN: expected a Slack bot token starting with "xoxb-"/);
    assert.doesNotMatch(err.message, /super-secret-value/);
  });

  describe('Slack', () => {
    it('is on with a bot token and a signing secret (HTTP events)', () => {
      const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc' });
      assert.deepEqual(c.slack, { botToken: 'xoxb-1', signingSecret: 'abc', appToken: undefined, apiUrl: undefined, socketMode: false });
    });

    it('is in Socket Mode with an app token; SLACK_API_URL gets its trailing slash', () => {
      const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9999/api' });
      assert.equal(c.slack?.socketMode, true);
      assert.equal(c.slack?.apiUrl, 'http://127.0.0.1:9999/api/');
    });

    it('a bot token without secret or app token is an error naming what is missing', () => {
      const err = configError({ SLACK_BOT_TOKEN: 'xoxb-1' });
      assert.match(err.message, /SLACK_BOT_TOKEN is set, but SLACK_SIGNING_SECRET \(HTTP events\) or SLACK_APP_TOKEN \(Socket Mode\) is missing/);
    });

    it('a signing secret without bot token is an error naming SLACK_BOT_TOKEN', () => {
      const err = configError({ SLACK_SIGNING_SECRET: 'abc' });
      assert.equal(err.issues[0]?.variable, 'SLACK_BOT_TOKEN');
      assert.match(err.message, /SLACK_SIGNING_SECRET is set, but SLACK_BOT_TOKEN .* is missing/);
    });

    it('checks the token prefixes and the API URL', () => {
      assert.match(configError({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }).message, /SLACK_APP_TOKEN: expected a Slack app-level token starting with "xapp-"/);
      assert.match(
        configError({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://x' }).message,
        /SLACK_API_URL: expected an http\(s\) URL/,
      );
    });
  });

  describe('Teams', () => {
    it('is on, with authentication, when MICROSOFT_APP_ID, the password and the tenant are set (SingleTenant by default)', () => {
      const c = loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: TENANT });
      assert.deepEqual(c.teams, { appId: APP_ID, appPassword: 'pw', tenantId: TENANT, appType: 'SingleTenant', authEnabled: true });
      const noTenant = configError({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw' });
      assert.match(noTenant.message, /MICROSOFT_APP_TENANT_ID: is required for MICROSOFT_APP_TYPE=SingleTenant \(the default; [^)]*MICROSOFT_APP_TYPE=MultiTenant\)/);
      const multi = loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'MultiTenant' });
      assert.equal(multi.teams?.appType, 'MultiTenant', 'a bot registered as multi-tenant before August 2025 still works');
    });

    it('is on without authentication with TEAMS_ENABLED=true alone', () => {
      assert.deepEqual(loadConfig({ TEAMS_ENABLED: 'true' }).teams, { appType: 'SingleTenant', authEnabled: false });
      assert.equal(loadConfig({ TEAMS_ENABLED: 'false' }).teams, null);
    });

    it('SingleTenant needs a password and a tenant id, named', () => {
      const err = configError({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'SingleTenant' });
      assert.deepEqual(err.issues.map((i) => i.variable).sort(), ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID']);
      const ok = loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: TENANT });
      assert.equal(ok.teams?.tenantId, TENANT);
    });

    it('UserAssignedMSI needs no password', () => {
      const c = loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: TENANT });
      assert.equal(c.teams?.authEnabled, true);
    });

    it('a password without app id is an error naming MICROSOFT_APP_ID', () => {
      const err = configError({ MICROSOFT_APP_PASSWORD: 'pw' });
      assert.equal(err.issues[0]?.variable, 'MICROSOFT_APP_ID');
      assert.doesNotMatch(err.message, /pw"/);
    });
  });

  it('reads a .env file without overriding real variables', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cb-env-'));
    const file = path.join(dir, '.env');
    writeFileSync(file, 'PORT=4000\nLOG_LEVEL=debug\n');
    const c = loadConfig({ LOG_LEVEL: 'warn' }, { envFile: file });
    assert.equal(c.port, 4000);
    assert.equal(c.logLevel, 'warn');
    assert.equal(loadConfig({}, { envFile: path.join(dir, 'missing.env') }).port, 3000);
  });
});

describe('describeConfig', () => {
  it('lists the adapters that are on, without any secret', () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-secret-token',
      SLACK_SIGNING_SECRET: 'signing-secret',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'app-password',
      MICROSOFT_APP_TENANT_ID: TENANT,
    });
    const d = describeConfig(c);
    assert.deepEqual(d.adapters, ['web', 'slack (HTTP events)', 'teams (SingleTenant)']);
    const text = JSON.stringify(d);
    for (const secret of ['xoxb-secret-token', 'signing-secret', 'app-password']) assert.ok(!text.includes(secret), secret);
  });

  it('says loudly when Teams authentication is off', () => {
    assert.deepEqual(describeConfig(loadConfig({ TEAMS_ENABLED: 'true' })).adapters, ['web', 'teams (AUTHENTICATION OFF)']);
  });
});

describe('parsePort', () => {
  it('accepts 0..65535 and names the option otherwise', () => {
    assert.equal(parsePort('0'), 0);
    assert.equal(parsePort('65535'), 65535);
    assert.throws(() => parsePort('65536'), /port: expected a port number/);
  });
});
