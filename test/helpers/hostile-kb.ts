// A knowledge folder on disk whose texts and links an attacker (or a careless admin) wrote:
// markdown in summaries and restrictions (with a javascript: link in markdown syntax), and, with
// `schemeUrls`, javascript: URLs for a source and the requests contact, which loading refuses. The
// renderings must show the texts literally and link only to web URLs.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const HOSTILE_TOOL = 'Quackbox';
export const GOOD_URL = 'https://example.org/good-source';

export function writeHostileKb(options: { schemeUrls?: boolean } = {}): { dir: string; cleanup(): void } {
  const evilUrl = options.schemeUrls ? ['    url: "javascript:alert(document.cookie)"'] : [];
  const dir = mkdtempSync(path.join(tmpdir(), 'cb-hostile-kb-'));
  mkdirSync(path.join(dir, 'tools'));
  writeFileSync(
    path.join(dir, 'organization.yaml'),
    [
      'name: Example Agency',
      'default_language: en',
      'contacts:',
      '  requests:',
      '    text: "Ask the *IT* desk"',
      '    email: it@example.org',
      ...evilUrl,
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'tools', 'quackbox.yaml'),
    [
      `name: ${HOSTILE_TOOL}`,
      'status: restricted',
      'updated: 2024-01-15',
      'summary: "Click **here** [to subscribe](https://evil.example/phish) _now_"',
      'restrictions:',
      '  - id: first',
      '    text: "1. only on Mondays"',
      '  - id: second',
      '    text: "- # never [on](javascript:alert(1)) Sundays"',
      'sources:',
      '  - title: "Evil [source]"',
      ...evilUrl,
      '  - title: "Good source"',
      `    url: "${GOOD_URL}"`,
      '',
    ].join('\n'),
  );
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
