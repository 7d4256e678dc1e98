// How a requested name is compared with other requests and with the catalogue: as the engine and
// the admin commands compare names (src/kb/resolve.ts: case, umlauts and punctuation folded), and
// written together or apart alike ("Culture Amp" is "CultureAmp").
import { key } from '../kb/resolve.js';
import type { ToolEntry } from '../kb/schema.js';

/** The comparison key of a requested name; '' when nothing is left of it. */
export function requestKey(name: string): string {
  return key(name).replace(/ /g, '');
}

/** The key of the waiting list of a catalogue entry. */
export const toolKey = (toolId: string): string => `tool:${toolId}`;

/** Every key a catalogue entry answers to: its id, name and aliases. */
export function toolKeys(tool: Pick<ToolEntry, 'id' | 'name' | 'aliases'>): Set<string> {
  return new Set([tool.id, tool.name, ...tool.aliases].map(requestKey).filter((k) => k !== ''));
}
