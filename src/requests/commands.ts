// `admin requests …` in chat (and `compliance-bot kb requests …`, which builds the same commands):
// list the open requests, start an assessment, decline with a reason. German words too
// (`anfragen`, `beginnen`, `ablehnen`). Only admins (and the CLI) may run them.
import type { KnowledgeBase } from '../kb/model.js';
import { phrases } from '../phrases/index.js';
import { formatRequestList, type RequestSurface } from './format.js';
import type { DecideActor, RequestReply, RequestService } from './service.js';

export type RequestCommand =
  | { kind: 'list' }
  | { kind: 'start'; ref: string; toolId: string; category: string; name?: string }
  | { kind: 'decline'; ref: string; reason: string }
  | { kind: 'usage' };

const LEAD = /^(requests|request|anfragen|anfrage)(?:\s+|$)/i;

/** True when the words after `admin` are a requests command. */
export const isRequestCommand = (text: string): boolean => LEAD.test(text.trim());

export function parseRequestCommand(text: string): RequestCommand {
  const rest = text.trim().replace(LEAD, '');
  const words = rest.split(/\s+/).filter((w) => w !== '');
  const verb = (words[0] ?? '').toLowerCase();
  if (words.length === 0 || ['list', 'liste', 'offen', 'open'].includes(verb)) return { kind: 'list' };
  if (['start', 'beginnen', 'prüfen', 'pruefen'].includes(verb) && words.length >= 4) {
    const [, ref, toolId, category, ...name] = words as [string, string, string, string, ...string[]];
    return { kind: 'start', ref, toolId: toolId.toLowerCase(), category: category.toLowerCase(), ...(name.length > 0 ? { name: name.join(' ') } : {}) };
  }
  if (['decline', 'ablehnen', 'reject'].includes(verb) && words.length >= 2) {
    // The reason keeps its own spacing after the request id.
    const afterVerb = rest.slice(rest.toLowerCase().indexOf(verb) + verb.length).trimStart();
    const ref = words[1] as string;
    return { kind: 'decline', ref, reason: afterVerb.slice(ref.length).trim() };
  }
  return { kind: 'usage' };
}

export async function executeRequestCommand(
  cmd: RequestCommand,
  actor: DecideActor,
  service: RequestService,
  kb: KnowledgeBase,
  now: Date,
): Promise<RequestReply> {
  const a = phrases(actor.language).request.admin;
  const surface: RequestSurface = actor.surface ?? 'chat';
  if (!service.mayDecide(actor.id)) return { ok: false, text: phrases(actor.language).admin.notAdmin };
  switch (cmd.kind) {
    case 'list':
      return { ok: true, text: formatRequestList(await service.list(), kb, actor.language, now, surface) };
    case 'start':
      return service.start(cmd.ref, { toolId: cmd.toolId, category: cmd.category, ...(cmd.name ? { name: cmd.name } : {}) }, actor);
    case 'decline':
      return service.decline(cmd.ref, cmd.reason, actor);
    case 'usage':
      return { ok: false, text: a.usage.map((u) => `\`${actor.surface === 'cli' ? u : `admin ${u}`}\``).join('\n') };
  }
}
