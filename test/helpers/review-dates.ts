// A knowledge-base copy whose review dates are set relative to a given day, for the review tests.
import { readFile, writeFile } from 'node:fs/promises';
import { todayIso } from '../../src/kb/edit.js';
import { copyKnowledge, type KbCopy } from './admin-kb-copy.js';

/** A copy whose review dates are: zoom overdue, microsoft-365 in 10 days, zoom-licensed in 90 days (from `today`). */
export async function copyWithReviewDates(today: Date): Promise<KbCopy> {
  const kb = await copyKnowledge();
  const day = (offset: number) => todayIso(new Date(today.getTime() + offset * 86_400_000));
  for (const [id, offset] of [['zoom', -3], ['microsoft-365', 10], ['zoom-licensed', 90]] as const) {
    const text = await readFile(kb.tool(id), 'utf8');
    await writeFile(kb.tool(id), text.replace(/^review_due: .*$/m, `review_due: ${day(offset)}`));
  }
  return kb;
}
