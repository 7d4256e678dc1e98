// Writes a synthetic knowledge base of N tools (names, aliases, restrictions, categories) for the
// benchmarks. Deterministic: the same N gives the same files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tu', 'vex', 'dor', 'pli', 'sa', 'qua', 'zen', 'bo', 'fi', 'gra', 'nu', 'wer', 'xi', 'yo'];
const CATEGORIES = ['video-conferencing', 'messaging', 'email', 'office-suite', 'file-sharing', 'survey', 'translation', 'ai-assistant', 'project-management', 'password-manager'];
const STATUSES = ['approved', 'restricted', 'pending', 'prohibited'] as const;
const CONTEXTS = ['confidential', 'special_categories', 'vulnerable_persons', 'citizens', 'personal_data', 'recording'];

/** A pronounceable, unique name for tool i ("Kalomi Ren 12" style, deterministic). */
export function toolName(i: number): string {
  let n = i;
  let word = '';
  do {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}${i % 3 === 0 ? ' Cloud' : ''}`;
}

export async function generateKnowledgeBase(dir: string, count: number): Promise<void> {
  await mkdir(path.join(dir, 'tools'), { recursive: true });
  await writeFile(path.join(dir, 'organization.yaml'), 'name: Benchmark Agency\ndefault_language: de\ncontacts:\n  requests: { text: "IT service desk" }\n');
  const writes: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const status = STATUSES[i % STATUSES.length] as string;
    const name = toolName(i);
    const restrictions =
      status === 'restricted'
        ? `restrictions:
  - id: r1
    text: { de: "Nur intern.", en: "Internal use only." }
    forbidden_contexts: [${CONTEXTS[i % CONTEXTS.length]}, ${CONTEXTS[(i + 1) % CONTEXTS.length]}]
  - id: r2
    text: { de: "Nur mit Lizenz.", en: "Licensed version only." }
`
        : '';
    writes.push(
      writeFile(
        path.join(dir, 'tools', `tool-${i}.yaml`),
        `name: ${name}
vendor: Vendor ${i % 97}
category: ${CATEGORIES[i % CATEGORIES.length]}
aliases: [${name.toLowerCase()} app, t${i}x]
status: ${status}
summary: { de: "Werkzeug ${i}.", en: "Tool ${i}." }
${restrictions}assessment:
  dpia: { state: done, date: 2024-01-01 }
  dpo_review: { state: in_progress }
decision_expected: 2025-Q${(i % 4) + 1}
sources:
  - { title: "Assessment ${i}", date: 2024-02-01 }
updated: 2024-02-01
review_due: 2026-02-01
`,
      ),
    );
    if (writes.length >= 500) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
}
