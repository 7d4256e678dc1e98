// `kb import`: a spreadsheet read, compared with the knowledge base, checked as a whole, and then
// either described (dry run) or applied row by row through the admin service, the same path as
// chat and CLI edits (validation, atomic writes keeping comments, one audit record per tool, four
// eyes). Nothing is written unless every row is right and the folder with all rows would load.
import { SheetImportError, KbEditError, KnowledgeBaseError, type SheetIssue } from '../errors.js';
import { commandNames, describeLoosenings, formatEditError, statusLabel } from '../admin/format.js';
import { classifyEdit } from '../admin/loosening.js';
import type { AdminActor, AdminService } from '../admin/service.js';
import { checkKbChanges, todayIso } from '../kb/edit.js';
import { issueMessage } from '../model/file-issue.js';
import { loadKnowledgeBase } from '../kb/load.js';
import type { KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { phrases } from '../phrases/index.js';
import { planSheet, type RowPlan } from './plan.js';
import { readSheet } from './read.js';

export interface ImportOptions {
  kbDir: string;
  lang: Language;
  note: string;
  dryRun: boolean;
  /** Who imports and the admin service that applies the rows (not needed for a dry run). */
  actor?: AdminActor;
  service?: AdminService;
  now?: () => Date;
}

export interface ImportOutcome {
  ok: boolean;
  /** What to print, line by line, in the reader's language. */
  lines: string[];
  plans: RowPlan[];
  applied: number;
  proposed: number;
}

/** Refusals of the rows checked together, by the row of the tool they concern. */
function refusalIssues(err: unknown, plans: RowPlan[], lang: Language): SheetIssue[] {
  const rowOf = (toolId: string | undefined) => plans.find((p) => p.toolId === toolId)?.row ?? null;
  if (err instanceof KbEditError) {
    const plan = plans.find((p) => p.toolId === err.toolId);
    return [{ row: rowOf(err.toolId), column: null, value: null, reason: 'refused', expected: formatEditError(err, plan?.toolName ?? err.toolId, lang, commandNames('cli', lang)) }];
  }
  if (err instanceof KnowledgeBaseError) {
    return err.issues.map((issue) => {
      const toolId = /^tools\/(.+)\.yaml$/.exec(issue.file)?.[1];
      const field = issue.path[0] === 'assessment' && typeof issue.path[1] === 'string' ? `assessment.${issue.path[1]}` : issue.path.length > 0 ? String(issue.path[0]) : null;
      const row = rowOf(toolId);
      return { row, column: row === null ? null : field, value: null, reason: 'refused' as const, expected: row === null ? `${issue.file}: ${issueMessage(issue, lang)}` : issueMessage(issue, lang) };
    });
  }
  throw err;
}

/** The lines that say why a file was refused. */
export function describeSheetIssues(file: string, err: SheetImportError, lang: Language): string[] {
  const s = phrases(lang).sheets;
  return [
    s.rejected(file, err.issues.length),
    ...err.issues.map((i) => {
      const where = s.at(i.row, i.column);
      return `  ${where ? `${where}: ` : ''}${s.issues[i.reason](i.value ?? '', i.expected ?? '')}`;
    }),
  ];
}

/** The dry run's lines; `before` and `after` are the knowledge base without and with every row. */
function describePlans(plans: RowPlan[], lang: Language, before: KnowledgeBase, after: KnowledgeBase): string[] {
  const s = phrases(lang).sheets;
  const shown = (v: string) => (v === '' ? s.empty : v.replace(/\n/g, ' ⏎ '));
  const lines = [s.dryRunTitle(plans.filter((p) => p.isNew).length, plans.filter((p) => !p.isNew).length)];
  for (const p of plans) {
    lines.push(p.isNew ? s.added(p.toolId, p.toolName, statusLabel(p.status, lang)) : s.changed(p.toolId, p.toolName));
    for (const c of p.changes) lines.push(s.field(c.column, shown(c.before), shown(c.after)));
    const { loosenings } = classifyEdit(before.tools.get(p.toolId), after.tools.get(p.toolId));
    if (loosenings.length > 0) lines.push(s.waitsForSecondAdmin(describeLoosenings(loosenings, lang, (id) => after.tools.get(id)?.name ?? id)));
  }
  lines.push(s.dryRunEnd);
  return lines;
}

/** Reads, checks and (unless a dry run) applies a spreadsheet. Throws SheetImportError when the file is refused. */
export async function importSheet(bytes: Buffer, options: ImportOptions): Promise<ImportOutcome> {
  const { lang } = options;
  const s = phrases(lang).sheets;
  const sheet = await readSheet(bytes);
  const kb = await loadKnowledgeBase(options.kbDir);
  const plans = planSheet(kb, sheet, options.note);
  if (plans.length === 0) return { ok: true, lines: [s.nothingToChange], plans, applied: 0, proposed: 0 };
  let after: KnowledgeBase;
  try {
    after = await checkKbChanges(options.kbDir, plans.map((p) => p.change), { today: todayIso(options.now?.() ?? new Date()) });
  } catch (err) {
    throw new SheetImportError(refusalIssues(err, plans, lang));
  }
  if (options.dryRun) return { ok: true, lines: describePlans(plans, lang, kb, after), plans, applied: 0, proposed: 0 };
  const { service, actor } = options;
  if (!service || !actor) throw new Error('importSheet: applying needs the admin service and the actor');
  const lines: string[] = [];
  let applied = 0;
  let proposed = 0;
  for (const [i, plan] of plans.entries()) {
    const reply = await service.executeCommand(plan.command, actor);
    lines.push(reply.text);
    if (!reply.ok) {
      lines.push(s.stoppedAt(plan.row, plan.toolId, i));
      return { ok: false, lines, plans, applied, proposed };
    }
    if (reply.proposal) proposed++;
    else applied++;
  }
  lines.push(s.applied(applied, proposed));
  return { ok: true, lines, plans, applied, proposed };
}
