// The CLI contract: ask (argument and line mode, text and JSON), kb validate, kb schema.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { jsonSchema } from '../src/kb/json-schema.js';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'cli/main.ts'];

async function cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { env: { ...process.env, KNOWLEDGE_DIR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('compliance-bot ask', () => {
  it('prints one JSON object with exactly the contract fields', async () => {
    const { code, stdout } = await cli(['ask', '--json', 'Darf ich Zoom mit Bürgern nutzen?']);
    assert.equal(code, 0);
    const a = JSON.parse(stdout);
    // The contract fields exactly, plus only the documented optional ones (evidence, assumed).
    assert.deepEqual(
      Object.keys(a).filter((k) => k !== 'evidence' && k !== 'assumed').sort(),
      ['category', 'contexts', 'language', 'question', 'sources', 'text', 'tools', 'unknownTool', 'verdict'],
    );
    assert.deepEqual(a.evidence?.map((e: { id: string; words: string[] }) => [e.id, e.words]), [['citizens', ['Bürgern']]]);
    assert.deepEqual(Object.keys(a.tools[0]).sort(), ['conditions', 'id', 'name', 'reasons', 'status', 'verdict']);
    assert.equal(a.verdict, 'conditional');
    assert.equal(typeof a.sources[0].title, 'string');
  });

  it('answers one question per input line, in order, in one process', async () => {
    const questions = ['Darf ich Zoom mit Bürgern nutzen?', '', 'May I use Zoom for a confidential call?', 'Teams?'];
    const { code, stdout } = await cli(['ask', '--json'], `${questions.join('\n')}\n`);
    assert.equal(code, 0);
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(answers.map((a) => a.verdict), ['conditional', 'unclear', 'not_allowed', 'pending']);
    assert.deepEqual(answers.map((a) => a.question), questions);
  });

  it('prints text answers one per line in line mode', async () => {
    const { stdout } = await cli(['ask'], 'Zoom?\nHallo\n');
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /Zoom/);
  });

  it('uses --kb, and fails with the errors of an invalid knowledge base', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kb-'));
    await cp('knowledge', dir, { recursive: true });
    await writeFile(path.join(dir, 'tools/zoom.yaml'), (await readFile('knowledge/tools/zoom.yaml', 'utf8')).replace('status: restricted', 'status: allowed'));
    const { code, stderr } = await cli(['ask', '--kb', dir, 'Zoom?']);
    assert.equal(code, 1);
    assert.match(stderr, /tools\/zoom\.yaml:\d+: status: must be one of/);
  });
});

describe('compliance-bot kb', () => {
  it('validate exits 0 with a summary for the shipped base', async () => {
    const { stdout } = await run(process.execPath, [...CLI, 'kb', 'validate', 'knowledge']);
    assert.match(stdout, /valid – 3 tools/);
  });

  it('validate lists every error with file, field and line, and exits 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kb-'));
    await cp('knowledge', dir, { recursive: true });
    await writeFile(
      path.join(dir, 'tools/foo.yaml'),
      'name: Zoom\nstatus: restricted\nrestriction:\n  - id: x\ncategory: videoconf\nupdated: 2021-02-30\nalternatives: [nope]\n',
    );
    const { code, stderr } = await cli(['kb', 'validate', dir]);
    assert.equal(code, 1);
    for (const expected of [
      'tools/foo.yaml:3: restriction: unknown field "restriction"',
      'tools/foo.yaml:5: category: unknown category "videoconf"',
      'tools/foo.yaml:6: updated: must be a valid date',
      'tools/foo.yaml:7: alternatives[0]: unknown tool "nope"',
      'tools/foo.yaml:1: restrictions: a restricted tool needs at least one restriction',
      'is already a name or alias of tool',
    ]) {
      assert.ok(stderr.includes(expected), `missing: ${expected}\n${stderr}`);
    }
  });

  it('schema prints the JSON Schema, and the shipped schema files are current', async () => {
    const { stdout } = await run(process.execPath, [...CLI, 'kb', 'schema']);
    const schema = JSON.parse(stdout);
    assert.deepEqual(schema, jsonSchema('tool'));
    assert.deepEqual((schema.required as string[]).sort(), ['name', 'status', 'updated']);
    assert.equal(schema.additionalProperties, false);
    for (const kind of ['tool', 'organization', 'vocabulary'] as const) {
      const shipped = JSON.parse(await readFile(`knowledge/schema/${kind}.schema.json`, 'utf8'));
      assert.deepEqual(shipped, jsonSchema(kind), `knowledge/schema/${kind}.schema.json is out of date: run compliance-bot kb schema --file ${kind}`);
    }
  });

  it('every shipped YAML file carries the yaml-language-server modeline', async () => {
    for (const f of ['organization.yaml', 'tools/zoom.yaml', 'tools/zoom-licensed.yaml', 'tools/microsoft-365.yaml']) {
      assert.match(await readFile(`knowledge/${f}`, 'utf8'), /^# yaml-language-server: \$schema=/, f);
    }
  });
});
