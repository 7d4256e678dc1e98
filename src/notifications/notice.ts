// Turns a neutral change record into the ChangeNotice a subscriber receives, in their language.
// The notice id is the change id: the same for every subscriber and every language, so the outbox
// can deduplicate on (notice id, subscriber).
import type { ChangeNotice } from '../model/change-notice.js';
import { phrases as messages } from '../phrases/index.js';
import { localize } from '../kb/model.js';
import type { Language } from '../model/language.js';
import type { RestrictionSnapshot, ToolChange } from './diff.js';
import { NOTICE_PHRASES } from './phrases.js';
import { PHRASES } from '../phrases/index.js';

export function toNotice(change: ToolChange, language: Language = change.defaultLanguage): ChangeNotice {
  const p = NOTICE_PHRASES[language];
  const status = messages(language).status;
  const lines: string[] = [];
  const restriction = (r: RestrictionSnapshot) => {
    const contexts = r.forbiddenContexts.map((c) => localize(c, language)).filter((c) => c !== '');
    return localize(r.text, language) + (contexts.length > 0 ? p.notFor(contexts.join(', ')) : '');
  };

  const requested = PHRASES[language].request.notice;
  if (change.kind === 'declined') {
    lines.push(requested.declinedLine(change.request?.reason ?? change.note ?? ''));
  } else if (change.kind === 'removed') {
    lines.push(p.removed);
  } else {
    if (change.kind === 'added' && change.newStatus) lines.push(p.added(status[change.newStatus]));
    else if (change.oldStatus && change.newStatus && change.oldStatus !== change.newStatus) {
      lines.push(p.statusChange(status[change.oldStatus], status[change.newStatus]));
    }
    for (const r of change.restrictionsAdded) lines.push(p.conditionAdded(restriction(r)));
    for (const r of change.restrictionsRemoved) lines.push(p.conditionRemoved(restriction(r)));
    for (const c of change.restrictionsChanged) lines.push(p.conditionChanged(restriction(c.after), restriction(c.before)));
    for (const w of change.contextWordsAdded ?? []) lines.push(p.contextWords(localize(w.context, language), w.words.join(', ')));
  }
  if (change.request?.outcome === 'started') lines.push(requested.startedLine(change.request.requesters));
  if (change.request?.outcome === 'decided') lines.push(requested.decidedLine(change.request.requesters));
  if (change.note && change.kind !== 'declined') lines.push(p.note(change.note));

  const notice: ChangeNotice = {
    id: change.id,
    toolId: change.toolId,
    toolName: change.toolName,
    oldStatus: change.oldStatus,
    // ChangeNotice has no "removed" status: a removed tool keeps its last status here and the
    // first line of `changes` says it was removed (see the report: newStatus should allow null).
    newStatus: change.newStatus ?? change.oldStatus ?? 'pending',
    changes: lines,
    by: change.by === 'file' ? p.handEdit : change.by,
    at: change.at,
    language,
  };
  if (change.source) notice.source = { ...change.source };
  if (change.kind === 'declined') notice.requestDeclined = true;
  return notice;
}
