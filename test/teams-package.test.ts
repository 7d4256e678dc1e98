// `compliance-bot teams package` through commander: the zip it writes holds a manifest with the bot
// id and the two icons as valid PNGs of the sizes Teams requires (read back from their chunks).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { crc32, inflateSync } from 'node:zlib';
import { Command, CommanderError } from 'commander';
import { unzipSync } from 'fflate';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../adapters/teams/message-extension.js';
import { registerTeamsCommand } from '../cli/teams.js';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** RGBA pixels (the encoder writes filter type 0 only; checked). */
  pixels: Buffer;
}

/** Parses a PNG: signature, every chunk's CRC, IHDR, and the inflated IDAT. */
function readPng(bytes: Uint8Array): Png {
  const buf = Buffer.from(bytes);
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let offset = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    assert.equal(buf.readUInt32BE(offset + 8 + length), crc32(buf.subarray(offset + 4, offset + 8 + length)), `CRC of ${type}`);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  assert.ok(ihdr && ended, 'IHDR and IEND present');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, height * (width * 4 + 1));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width * 4 + 1)], 0, 'filter type none');
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, bitDepth: ihdr[8]!, colorType: ihdr[9]!, pixels };
}

describe('teams package', () => {
  let dir: string;
  const savedAppId = process.env.MICROSOFT_APP_ID;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'teams-package-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    if (savedAppId === undefined) delete process.env.MICROSOFT_APP_ID;
    else process.env.MICROSOFT_APP_ID = savedAppId;
  });

  /** Runs `teams package ...args`; resolves with what it printed, or rejects with CommanderError. */
  async function run(args: string[]): Promise<string> {
    const printed: string[] = [];
    const program = new Command()
      .exitOverride()
      .configureOutput({ writeErr: (s) => printed.push(s), writeOut: (s) => printed.push(s) });
    registerTeamsCommand(program);
    try {
      await program.parseAsync(['teams', 'package', ...args], { from: 'user' });
    } catch (err) {
      if (err instanceof CommanderError) err.message = `${err.message} | ${printed.join('')}`;
      throw err;
    }
    return printed.join('');
  }

  it('writes a zip with the manifest (bot id, scopes, commands, domains) and both icons', async () => {
    const out = path.join(dir, 'app.zip');
    const printed = await run(['--out', out, '--app-id', APP_ID, '--host', 'bot.example.org', '--name', 'Tool-Check']);
    assert.match(printed, new RegExp(`app\\.zip: Teams app package for bot ${APP_ID}`));
    const files = unzipSync(await readFile(out));
    assert.deepEqual(Object.keys(files).sort(), ['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8'));
    assert.equal(manifest.manifestVersion, '1.22');
    assert.equal(manifest.$schema, 'https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    assert.equal(manifest.id, APP_ID);
    assert.equal(manifest.bots[0].botId, APP_ID);
    assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team', 'groupChat']);
    assert.deepEqual(manifest.validDomains, ['bot.example.org']);
    assert.equal(manifest.name.short, 'Tool-Check');
    assert.deepEqual(manifest.icons, { color: 'color.png', outline: 'outline.png' });
    assert.match(manifest.developer.privacyUrl, /^https:\/\/bot\.example\.org\//);
    const commands = manifest.bots[0].commandLists[0].commands as { title: string; description: string }[];
    assert.ok(commands.length >= 3 && commands.length <= 10);
    for (const c of commands) {
      assert.ok(c.title.length <= 32, `title "${c.title}" within Teams' 32 characters`);
      assert.ok(c.description.length <= 128);
    }
    // The search message extension (issue 20): one query command, one text parameter, run on opening.
    assert.equal(manifest.composeExtensions.length, 1);
    const extension = manifest.composeExtensions[0];
    assert.equal(extension.botId, APP_ID);
    assert.equal(extension.commands.length, 1);
    const search = extension.commands[0];
    assert.equal(search.id, SEARCH_COMMAND_ID);
    assert.equal(search.type, 'query');
    assert.equal(search.initialRun, true);
    assert.ok(search.title.length <= 32 && search.description.length <= 128, JSON.stringify(search));
    assert.deepEqual(search.parameters.map((p: { name: string; inputType: string }) => [p.name, p.inputType]), [[SEARCH_PARAMETER, 'text']]);
    assert.ok(search.parameters[0].title.length <= 32 && search.parameters[0].description.length <= 128);

    const color = readPng(files['color.png']!);
    assert.deepEqual([color.width, color.height, color.bitDepth, color.colorType], [192, 192, 8, 6]);
    const outline = readPng(files['outline.png']!);
    assert.deepEqual([outline.width, outline.height, outline.bitDepth, outline.colorType], [32, 32, 8, 6]);
    // The outline icon is white on transparent: every pixel white, some fully transparent, some opaque.
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      assert.deepEqual([...outline.pixels.subarray(i, i + 3)], [255, 255, 255]);
      if (outline.pixels[i + 3] === 0) transparent++;
      if (outline.pixels[i + 3] === 255) opaque++;
    }
    assert.ok(transparent > 100 && opaque > 50, `transparent ${transparent}, opaque ${opaque}`);
    // The colour icon is fully opaque.
    for (let i = 3; i < color.pixels.length; i += 4) assert.equal(color.pixels[i], 255);
  });

  it('takes the bot id from MICROSOFT_APP_ID when --app-id is not given', async () => {
    process.env.MICROSOFT_APP_ID = APP_ID;
    const out = path.join(dir, 'env.zip');
    await run(['--out', out, '--host', 'bot.example.org']);
    const manifest = JSON.parse(Buffer.from(unzipSync(await readFile(out))['manifest.json']!).toString('utf8'));
    assert.equal(manifest.bots[0].botId, APP_ID);
  });

  it('sets the publisher, privacy and terms links from flags, and refuses links that are not https', async () => {
    const out = path.join(dir, 'publisher.zip');
    await run(['--out', out, '--app-id', APP_ID, '--host', 'bot.example.org', '--developer', 'Freie und Hansestadt Hamburg',
      '--privacy-url', 'https://www.example.org/datenschutz', '--terms-url', 'https://www.example.org/nutzung']);
    const manifest = JSON.parse(Buffer.from(unzipSync(await readFile(out))['manifest.json']!).toString('utf8'));
    assert.equal(manifest.developer.name, 'Freie und Hansestadt Hamburg');
    assert.equal(manifest.developer.privacyUrl, 'https://www.example.org/datenschutz');
    assert.equal(manifest.developer.termsOfUseUrl, 'https://www.example.org/nutzung');
    await assert.rejects(run(['--app-id', APP_ID, '--host', 'bot.example.org', '--privacy-url', 'http://www.example.org/p', '--out', path.join(dir, 'x.zip')]), /--privacy-url must be an https:\/\/ link/);
  });

  it('fails naming MICROSOFT_APP_ID when no bot id is given', async () => {
    delete process.env.MICROSOFT_APP_ID;
    await assert.rejects(run(['--out', path.join(dir, 'none.zip'), '--host', 'bot.example.org']), (err: unknown) => {
      assert.ok(err instanceof CommanderError);
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /--app-id ID or set MICROSOFT_APP_ID/);
      return true;
    });
  });

  it('rejects an app id that is not a GUID and a host with a scheme', async () => {
    await assert.rejects(run(['--app-id', 'my-bot', '--host', 'bot.example.org', '--out', path.join(dir, 'x.zip')]), /not a GUID/);
    await assert.rejects(run(['--app-id', APP_ID, '--host', 'https://bot.example.org', '--out', path.join(dir, 'x.zip')]), /not a host name/);
  });
});
