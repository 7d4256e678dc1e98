// A node:test reporter that writes each skipped test (name, file, reason) as one JSON line to
// the file named by SKIPPED_LIST_FILE, at once: --test-force-exit may end the process before a
// reporter's stream is flushed. scripts/run-tests.ts prints the list after node's own report.
// Plain JavaScript: node loads reporters before the tsx hooks of --import are in place.
import { appendFileSync } from 'node:fs';

/** @param {AsyncIterable<{ type: string, data: { name?: string, file?: string, skip?: string | boolean } }>} source */
export default async function* skippedReporter(source) {
  const file = process.env.SKIPPED_LIST_FILE;
  for await (const event of source) {
    // A skipped test is reported as passed, with `skip` set (`true` or the reason).
    if (!file || event.type !== 'test:pass' || !event.data.skip) continue;
    const { name, file: testFile, skip } = event.data;
    appendFileSync(file, `${JSON.stringify({ name, file: testFile, reason: typeof skip === 'string' ? skip : undefined })}\n`);
  }
  yield '';
}
