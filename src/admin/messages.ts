// The admin replies in German and English. Fixed labels (status, step and state names) come from
// src/i18n.ts; the phrases here exist only for admin commands. Command words stay English in both
// languages: they are what an admin types.
import type { Language } from '../kb/schema.js';

export interface AdminMessages {
  notAdmin: string;
  notUnderstood: (what: string, expected: string, usage: string) => string;
  unknownTool: (ref: string, suggestions: string[]) => string;
  kbBroken: string;
  reloadFailed: string;
  moreIssues: (n: number) => string;
  invalidChange: string;
  noChange: string;
  approvedWithRestrictions: (tool: string, toolId: string, ids: string[]) => string;
  restrictedWithoutRestrictions: (tool: string, toolId: string) => string;
  restrictionOnApproved: (tool: string, toolId: string) => string;
  duplicateRestriction: (tool: string, id: string) => string;
  unknownRestriction: (tool: string, id: string, ids: string[]) => string;
  lastRestriction: (tool: string, id: string) => string;
  toolExists: (id: string) => string;
  notEditable: (reason: string) => string;
  statusChanged: (tool: string, from: string, to: string) => string;
  summaryOutdated: (phrase: string) => string;
  restrictionAdded: (tool: string, id: string) => string;
  restrictionRemoved: (tool: string, id: string) => string;
  stepChanged: (tool: string, step: string, state: string) => string;
  toolAdded: (tool: string, id: string, status: string) => string;
  reviewed: (tool: string, next: string) => string;
  reviewDateInPast: (next: string, today: string) => string;
  dueTitle: (days: number) => string;
  noneDue: (days: number) => string;
  dueLine: (tool: string, id: string, date: string, daysLeft: number) => string;
  dueHint: (command: string) => string;
  reminderTitle: string;
  recorded: string;
  auditFailed: string;
  proposed: (id: string, change: string, hours: number) => string;
  proposalMissing: (id: string) => string;
  proposalExpired: (id: string) => string;
  ownProposal: (id: string) => string;
  approvedProposal: (id: string, by: string) => string;
  proposalsTitle: string;
  noProposals: string;
  proposalLine: (id: string, command: string, by: string, expires: string) => string;
  historyTitle: (tool: string) => string;
  refusedTitle: (days: number) => string;
  noRefused: (days: number) => string;
  noHistory: (tool: string) => string;
  historyPage: (page: number, pages: number) => string;
  historyMore: (command: string) => string;
  helpTitle: string;
  helpFourEyes: string;
  storageUnavailable: string;
  failed: string;
  // history line parts
  hStatus: (from: string, to: string) => string;
  hRestrictionAdded: (id: string, contexts: string) => string;
  hRestrictionRemoved: (id: string) => string;
  hStep: (step: string, from: string, to: string) => string;
  hToolAdded: (status: string) => string;
  hHandEdit: string;
  hProposal: (change: string) => string;
  hApprove: (id: string) => string;
  hRefused: (command: string) => string;
  hReview: (from: string, to: string) => string;
  note: string;
  source: string;
  forbidden: string;
  none: string;
}

const de: AdminMessages = {
  notAdmin:
    'Entschuldigung, Admin-Befehle sind den Verantwortlichen für den Tool-Katalog vorbehalten. Wenn ein Eintrag nicht stimmt, wenden Sie sich bitte an Ihre Datenschutzbeauftragte oder Ihren Datenschutzbeauftragten.',
  notUnderstood: (what, expected, usage) => `Diesen Admin-Befehl habe ich nicht verstanden (${what}). Erwartet: ${expected}.\nSo geht es: \`admin ${usage}\``,
  unknownTool: (ref, s) => `„${ref}“ ist kein Tool im Katalog.${s.length > 0 ? ` Meinten Sie: ${s.join(', ')}?` : ''} Neue Tools legen Sie mit \`admin add\` an.`,
  kbBroken: 'Die Wissensbasis hat gerade Fehler; bitte zuerst diese beheben. Es wurde nichts geändert:',
  reloadFailed: 'Eine Änderung an den Dateien der Wissensbasis ist ungültig und wurde nicht übernommen; der Bot antwortet weiter mit dem letzten gültigen Stand. Bitte beheben:',
  moreIssues: (n) => `… und ${n} weitere`,
  invalidChange: 'Nicht geändert: Mit dieser Änderung wäre die Wissensbasis ungültig.',
  noChange: 'Nichts zu ändern: Der Eintrag hat diesen Stand bereits.',
  approvedWithRestrictions: (t, id, ids) =>
    `Nicht geändert: ${t} hat noch Einschränkungen (${ids.join(', ')}), ein freigegebenes Tool hat keine. Entfernen Sie sie zuerst mit \`admin restriction remove ${id} <restriction-id>\`; da ein eingeschränkt freigegebenes Tool mindestens eine braucht, setzen Sie es vor dem Entfernen der letzten auf „in Prüfung“ (\`admin status ${id} pending\`).`,
  restrictedWithoutRestrictions: (t, id) =>
    `Nicht geändert: Ein eingeschränkt freigegebenes Tool braucht mindestens eine Einschränkung, ${t} hat keine. Fügen Sie zuerst eine hinzu: \`admin restriction add ${id} <restriction-id> [forbid=<kontext>,…] <text>\`.`,
  restrictionOnApproved: (t, id) =>
    `Nicht geändert: ${t} ist freigegeben, und ein freigegebenes Tool hat keine Einschränkungen. Setzen Sie es zuerst auf „in Prüfung“ (\`admin status ${id} pending\`), fügen Sie die Einschränkungen hinzu und setzen Sie es dann auf „eingeschränkt“.`,
  duplicateRestriction: (t, id) => `Nicht geändert: ${t} hat bereits eine Einschränkung „${id}“.`,
  unknownRestriction: (t, id, ids) => `Nicht geändert: ${t} hat keine Einschränkung „${id}“ (vorhanden: ${ids.join(', ') || 'keine'}).`,
  lastRestriction: (t, id) =>
    `Nicht geändert: „${id}“ ist die letzte Einschränkung von ${t}, und ein eingeschränkt freigegebenes Tool braucht mindestens eine. Setzen Sie den Status zuerst auf „in Prüfung“ oder „untersagt“.`,
  toolExists: (id) => `Nicht angelegt: Ein Tool mit der Kennung „${id}“ gibt es schon.`,
  notEditable: (r) => `Die Datei des Tools kann nicht bearbeitet werden: ${r}`,
  statusChanged: (t, from, to) => `Erledigt: ${t} ist jetzt ${to} (vorher: ${from}).`,
  summaryOutdated: (phrase) => `Die Zusammenfassung des Eintrags passt nicht mehr zum neuen Status („${phrase}“): bitte anpassen.`,
  restrictionAdded: (t, id) => `Erledigt: Einschränkung „${id}“ bei ${t} hinzugefügt.`,
  restrictionRemoved: (t, id) => `Erledigt: Einschränkung „${id}“ bei ${t} entfernt.`,
  stepChanged: (t, step, state) => `Erledigt: ${t} – ${step}: ${state}.`,
  toolAdded: (t, id, status) => `Erledigt: ${t} (${id}) ist im Katalog, Status ${status}.`,
  reviewed: (t, next) => `Erledigt: ${t} ist als geprüft vermerkt (Stand heute); nächste Prüfung am ${next}.`,
  reviewDateInPast: (next, today) => `Nicht geändert: Das Datum der nächsten Prüfung (${next}) muss nach heute (${today}) liegen.`,
  dueTitle: (d) => `Einträge, deren Prüfung fällig ist oder in den nächsten ${d} Tagen fällig wird:`,
  noneDue: (d) => `Keine Prüfung ist fällig oder wird in den nächsten ${d} Tagen fällig.`,
  dueLine: (t, id, date, n) => `• ${t} (${id}): ${n < 0 ? `seit ${date} überfällig (${-n} ${-n === 1 ? 'Tag' : 'Tage'})` : n === 0 ? `heute fällig (${date})` : `fällig am ${date} (in ${n} ${n === 1 ? 'Tag' : 'Tagen'})`}`,
  dueHint: (c) => `Nach der Prüfung: \`${c}\` (setzt „Stand“ auf heute und die nächste Prüfung in einem Jahr).`,
  reminderTitle: 'Wöchentliche Erinnerung an die Prüfung der Einträge im Tool-Katalog.',
  recorded: 'Im Änderungsprotokoll vermerkt.',
  auditFailed: 'Achtung: Die Änderung ist gespeichert, konnte aber nicht im Änderungsprotokoll vermerkt werden (Speicher nicht erreichbar).',
  proposed: (id, change, h) =>
    `Vorschlag ${id}: ${change}. Vier-Augen-Prinzip: Die Änderung gilt erst, wenn eine andere Admin-Person zustimmt (innerhalb von ${h} Stunden): \`admin approve ${id}\``,
  proposalMissing: (id) => `Einen offenen Vorschlag „${id}“ gibt es nicht (schon bestätigt oder abgelaufen?). Offene Vorschläge: \`admin proposals\``,
  proposalExpired: (id) => `Vorschlag ${id} ist abgelaufen und wurde verworfen. Bitte bei Bedarf neu vorschlagen.`,
  ownProposal: (id) => `Vier-Augen-Prinzip: Vorschlag ${id} stammt von Ihnen und muss von einer anderen Admin-Person bestätigt werden.`,
  approvedProposal: (id, by) => `Vorschlag ${id} von ${by} bestätigt.`,
  proposalsTitle: 'Offene Vorschläge:',
  noProposals: 'Es gibt keine offenen Vorschläge.',
  proposalLine: (id, cmd, by, exp) => `• ${id}: \`${cmd}\` – von ${by}, gültig bis ${exp}`,
  historyTitle: (t) => `Änderungen an ${t} (neueste zuerst):`,
  refusedTitle: (d) => `Abgewiesene Admin-Befehle (neueste zuerst; aufbewahrt ${d} Tage):`,
  noRefused: (d) => `In den letzten ${d} Tagen wurde kein Admin-Befehl abgewiesen.`,
  noHistory: (t) => `Für ${t} sind keine Änderungen protokolliert.`,
  historyPage: (p, n) => `(Seite ${p} von ${n})`,
  historyMore: (c) => `Ältere Einträge: \`${c}\``,
  helpTitle: 'Admin-Befehle (jeweils nach „admin“):',
  helpFourEyes: 'Vier-Augen-Prinzip ist aktiv: Statusänderungen und neue Tools gelten erst nach Zustimmung einer zweiten Admin-Person.',
  storageUnavailable: 'Der Speicher (Änderungsprotokoll/Vorschläge) ist gerade nicht erreichbar. Bitte später erneut versuchen; es wurde nichts geändert.',
  failed: 'Entschuldigung, der Befehl ist fehlgeschlagen; es wurde nichts geändert.',
  hStatus: (f, t) => `Status ${f} → ${t}`,
  hRestrictionAdded: (id, c) => `Einschränkung hinzugefügt: ${id}${c}`,
  hRestrictionRemoved: (id) => `Einschränkung entfernt: ${id}`,
  hStep: (s, f, t) => `${s}: ${f} → ${t}`,
  hToolAdded: (s) => `Tool angelegt (${s})`,
  hHandEdit: 'Datei von Hand geändert',
  hProposal: (c) => `vorgeschlagen: ${c}`,
  hApprove: (id) => `Vorschlag ${id} bestätigt`,
  hRefused: (c) => `abgewiesen (keine Admin-Rechte): ${c}`,
  hReview: (f, t) => `geprüft, nächste Prüfung ${t} (vorher ${f})`,
  note: 'Notiz',
  source: 'Quelle',
  forbidden: 'nicht bei',
  none: '–',
};

const en: AdminMessages = {
  notAdmin: "Sorry, admin commands are reserved for the people who maintain the tool catalog. If an entry looks wrong, please contact your data protection officer.",
  notUnderstood: (what, expected, usage) => `I did not understand that admin command (${what}). Expected: ${expected}.\nUsage: \`admin ${usage}\``,
  unknownTool: (ref, s) => `"${ref}" is not a tool in the catalog.${s.length > 0 ? ` Did you mean: ${s.join(', ')}?` : ''} Add new tools with \`admin add\`.`,
  kbBroken: 'The knowledge base has errors right now; please fix them first. Nothing was changed:',
  reloadFailed: 'A change to the knowledge base files is invalid and was not loaded; the bot keeps answering from the last good version. Please fix:',
  moreIssues: (n) => `… and ${n} more`,
  invalidChange: 'Not changed: this change would make the knowledge base invalid.',
  noChange: 'Nothing to change: the entry already says so.',
  approvedWithRestrictions: (t, id, ids) =>
    `Not changed: ${t} still has restrictions (${ids.join(', ')}), and an approved tool has none. Remove them first with \`admin restriction remove ${id} <restriction-id>\`; as a restricted tool needs at least one, set it to pending (\`admin status ${id} pending\`) before removing the last.`,
  restrictedWithoutRestrictions: (t, id) =>
    `Not changed: a restricted tool needs at least one restriction, and ${t} has none. Add one first: \`admin restriction add ${id} <restriction-id> [forbid=<context>,…] <text>\`.`,
  restrictionOnApproved: (t, id) =>
    `Not changed: ${t} is approved, and an approved tool has no restrictions. Set it to pending first (\`admin status ${id} pending\`), add the restrictions, then set it to restricted.`,
  duplicateRestriction: (t, id) => `Not changed: ${t} already has a restriction "${id}".`,
  unknownRestriction: (t, id, ids) => `Not changed: ${t} has no restriction "${id}" (it has: ${ids.join(', ') || 'none'}).`,
  lastRestriction: (t, id) =>
    `Not changed: "${id}" is the last restriction of ${t}, and a restricted tool needs at least one. Set the status to pending or prohibited first.`,
  toolExists: (id) => `Not added: a tool with the id "${id}" already exists.`,
  notEditable: (r) => `The tool's file cannot be edited: ${r}`,
  statusChanged: (t, from, to) => `Done: ${t} is now ${to} (was: ${from}).`,
  summaryOutdated: (phrase) => `The entry's summary no longer fits the new status (“${phrase}”): please update it.`,
  restrictionAdded: (t, id) => `Done: restriction "${id}" added to ${t}.`,
  restrictionRemoved: (t, id) => `Done: restriction "${id}" removed from ${t}.`,
  stepChanged: (t, step, state) => `Done: ${t} – ${step}: ${state}.`,
  toolAdded: (t, id, status) => `Done: ${t} (${id}) is in the catalog, status ${status}.`,
  reviewed: (t, next) => `Done: ${t} is recorded as reviewed today; next review on ${next}.`,
  reviewDateInPast: (next, today) => `Not changed: the next review date (${next}) must be after today (${today}).`,
  dueTitle: (d) => `Entries whose review is due or falls due within ${d} days:`,
  noneDue: (d) => `No review is due or falls due within ${d} days.`,
  dueLine: (t, id, date, n) => `• ${t} (${id}): ${n < 0 ? `overdue since ${date} (${-n} ${-n === 1 ? 'day' : 'days'})` : n === 0 ? `due today (${date})` : `due on ${date} (in ${n} ${n === 1 ? 'day' : 'days'})`}`,
  dueHint: (c) => `After reviewing: \`${c}\` (sets "updated" to today and the next review a year ahead).`,
  reminderTitle: 'Weekly reminder: entries of the tool catalog to review.',
  recorded: 'Recorded in the audit log.',
  auditFailed: 'Warning: the change is saved but could not be recorded in the audit log (storage unavailable).',
  proposed: (id, change, h) =>
    `Proposal ${id}: ${change}. Four eyes: it takes effect only when another admin approves it (within ${h} hours): \`admin approve ${id}\``,
  proposalMissing: (id) => `There is no open proposal "${id}" (already approved or expired?). Open proposals: \`admin proposals\``,
  proposalExpired: (id) => `Proposal ${id} has expired and was dropped. Please propose it again if still needed.`,
  ownProposal: (id) => `Four eyes: proposal ${id} is your own; a different admin must approve it.`,
  approvedProposal: (id, by) => `Proposal ${id} by ${by} approved.`,
  proposalsTitle: 'Open proposals:',
  noProposals: 'There are no open proposals.',
  proposalLine: (id, cmd, by, exp) => `• ${id}: \`${cmd}\` – by ${by}, valid until ${exp}`,
  historyTitle: (t) => `Changes to ${t} (newest first):`,
  refusedTitle: (d) => `Refused admin commands (newest first; kept ${d} days):`,
  noRefused: (d) => `No admin command was refused in the last ${d} days.`,
  noHistory: (t) => `No changes to ${t} are recorded.`,
  historyPage: (p, n) => `(page ${p} of ${n})`,
  historyMore: (c) => `Older records: \`${c}\``,
  helpTitle: 'Admin commands (each after "admin"):',
  helpFourEyes: 'Four eyes are on: status changes and new tools take effect only when a second admin approves them.',
  storageUnavailable: 'The storage (audit log/proposals) is unavailable right now. Please try again later; nothing was changed.',
  failed: 'Sorry, the command failed; nothing was changed.',
  hStatus: (f, t) => `status ${f} → ${t}`,
  hRestrictionAdded: (id, c) => `restriction added: ${id}${c}`,
  hRestrictionRemoved: (id) => `restriction removed: ${id}`,
  hStep: (s, f, t) => `${s}: ${f} → ${t}`,
  hToolAdded: (s) => `tool added (${s})`,
  hHandEdit: 'file edited by hand',
  hProposal: (c) => `proposed: ${c}`,
  hApprove: (id) => `approved proposal ${id}`,
  hRefused: (c) => `refused (not an admin): ${c}`,
  hReview: (f, t) => `reviewed, next review ${t} (was ${f})`,
  note: 'note',
  source: 'source',
  forbidden: 'not for',
  none: '–',
};

export const ADMIN_MESSAGES: Record<Language, AdminMessages> = { de, en };

export function adminMessages(lang: Language): AdminMessages {
  return ADMIN_MESSAGES[lang];
}
