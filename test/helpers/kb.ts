// Builds knowledge bases in memory for tests: any catalogue, not only the shipped one.
import { parseKnowledgeBase } from '../../src/kb/load.js';
import type { KnowledgeBase } from '../../src/kb/model.js';

export function kbFromFiles(files: Record<string, string>): KnowledgeBase {
  return parseKnowledgeBase(new Map(Object.entries(files)), '/in-memory');
}

export const ORG_EN = 'name: Example Agency\ndefault_language: en\ncontacts:\n  requests: { text: "Ask the IT desk", email: it@example.org }\n';

/** A tool file from a few fields; `extra` is appended as YAML. */
export function toolYaml(name: string, status: string, extra = ''): string {
  return `name: ${name}\nstatus: ${status}\nupdated: 2024-01-15\n${extra}`;
}

/** A German catalogue of one messaging tool, Quux, restricted by one restriction forbidding `context`. */
export function oneRestrictionKb(restriction: { id: string; de: string; en: string; context: string }): KnowledgeBase {
  return kbFromFiles({
    'organization.yaml': 'name: Test Agency\ndefault_language: de\n',
    'tools/quux.yaml': toolYaml(
      'Quux',
      'restricted',
      `category: messaging\nrestrictions:\n  - id: ${restriction.id}\n    text: { de: "${restriction.de}", en: "${restriction.en}" }\n    forbidden_contexts: [${restriction.context}]\n`,
    ),
  });
}

/**
 * An English catalogue for the question back (confirm): Quackmeet, restricted (nothing confidential,
 * no health data; alternative Owlcall), Owlcall approved and Ravenbox prohibited.
 */
export function confirmCatalogueFiles(): Record<string, string> {
  return {
    'organization.yaml': ORG_EN,
    'tools/quackmeet.yaml': toolYaml('Quackmeet', 'restricted', `category: video-conferencing
restrictions:
  - id: no-secrets
    text: { de: Nichts Vertrauliches., en: Nothing confidential. }
    forbidden_contexts: [confidential]
  - id: no-health
    text: { de: Keine Gesundheitsdaten., en: No health data. }
    forbidden_contexts: [special_categories]
alternatives: [owlcall]
`),
    'tools/owlcall.yaml': toolYaml('Owlcall', 'approved', 'category: video-conferencing\n'),
    'tools/ravenbox.yaml': toolYaml('Ravenbox', 'prohibited', 'category: file-sharing\n'),
  };
}
