// `npm run bench -- understanding`: the engine on the labelled set of realistic chat messages
// (bench/understanding/): accuracy per kind and language, false approvals, and the CLI path against
// the core. `--verbose` prints every failure. Always exits 0: it measures, it does not gate.
import { compareCliWithCore } from './understanding/cli-path.js';
import { evaluateFresh, evaluateUnderstanding, score, type MessageResult } from './understanding/evaluate.js';
import { MESSAGE_KINDS } from './understanding/set.js';

const verbose = process.argv.includes('--verbose');
const noCli = process.argv.includes('--no-cli');

const pct = (n: number, d: number) => (d === 0 ? '   –  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const line = (label: string, rs: MessageResult<string>[]) => {
  const ok = rs.filter((r) => r.correct).length;
  const fa = rs.filter((r) => r.falseApprovals.length > 0).length;
  const confirm = rs.filter((r) => r.got.verdict === 'confirm' || r.got.tools.some((t) => t.verdict === 'confirm')).length;
  return `  ${label.padEnd(20)} ${pct(ok, rs.length)}  ${String(ok).padStart(4)}/${String(rs.length).padEnd(4)}  false approvals ${fa}  confirm ${confirm}`;
};
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ⏎ ');

const started = performance.now();
const { results } = await evaluateUnderstanding();
const ms = performance.now() - started;

console.log(`understanding: ${results.length} labelled messages (${ms.toFixed(0)} ms)`);
console.log(line('all', results));
console.log('by set');
for (const set of [...new Set(results.map((r) => r.message.set))]) console.log(line(set, results.filter((r) => r.message.set === set)));
console.log('by language');
for (const lang of ['de', 'en'] as const) console.log(line(lang, results.filter((r) => r.message.lang === lang)));
console.log('by knowledge base');
for (const kb of ['shipped', 'catalog'] as const) console.log(line(kb, results.filter((r) => r.message.kb === kb)));
console.log('by kind');
for (const kind of MESSAGE_KINDS) console.log(line(kind, results.filter((r) => r.message.kind === kind)));
console.log('by kind and language');
for (const kind of MESSAGE_KINDS) {
  for (const lang of ['de', 'en'] as const) console.log(line(`${kind}/${lang}`, results.filter((r) => r.message.kind === kind && r.message.lang === lang)));
}

/** Expected verdict → answered verdict, to see at a glance where answers go wrong (counts only). */
function printConfusion(title: string, rs: readonly MessageResult<string>[]): void {
  console.log(`${title}expected verdict → answered (count)`);
  const confusion = new Map<string, Map<string, number>>();
  for (const r of rs) {
    const row = confusion.get(r.expected.verdict) ?? new Map<string, number>();
    row.set(r.got.verdict, (row.get(r.got.verdict) ?? 0) + 1);
    confusion.set(r.expected.verdict, row);
  }
  for (const [want, row] of [...confusion].sort()) {
    console.log(`  ${want.padEnd(12)} ${[...row].sort((a, b) => b[1] - a[1]).map(([got, n]) => `${got} ${n}`).join(', ')}`);
  }
}
printConfusion('', results);

/** How many false approvals rate a tool of the message too leniently, and how many approve only a tool it is not about. */
function approvalKinds(rs: readonly MessageResult<string>[]): string {
  const approvals = rs.filter((r) => r.falseApprovals.length > 0);
  const lenient = approvals.filter((r) => r.falseApprovals.some((f) => !f.includes('not in question'))).length;
  return `${approvals.length} (${lenient} rate a tool the message is about too leniently, ${approvals.length - lenient} approve only a tool it is not about)`;
}
const approvals = results.filter((r) => r.falseApprovals.length > 0);
console.log(`\nfalse approvals: ${approvalKinds(results)}`);
for (const r of approvals) console.log(`  ${r.message.id}  "${oneLine(r.message.text)}"  → ${r.falseApprovals.join('; ')}`);

function printFailure(r: MessageResult<string>): void {
  const e = r.expected;
  const want = `${e.verdict} [${[...e.tools.keys()].join(', ')}]${e.unknownTool ? ` unknown "${e.unknownTool}"` : ''}${e.category ? ` category ${e.category}` : ''} contexts [${r.message.truth.contexts.join(', ')}]`;
  const g = r.got;
  const have = `${g.verdict} [${g.tools.map((t) => `${t.id}:${t.verdict}`).join(', ')}]${g.unknownTool ? ` unknown "${g.unknownTool}"` : ''}${g.category ? ` category ${g.category}` : ''} contexts [${g.contexts.join(', ')}]`;
  const unexplained = r.answer.unexplained?.length ? `\n      unexplained ${r.answer.unexplained.join(', ')}` : '';
  console.log(`  ${r.message.id} (${r.message.kind}, ${r.message.platform})  "${oneLine(r.message.text)}"\n      expected ${want}\n      got      ${have}\n      ${r.mismatches.join('; ')}${unexplained}`);
}

if (verbose) {
  const failures = results.filter((r) => !r.correct);
  console.log(`\nfailures: ${failures.length}`);
  for (const r of failures) printFailure(r);
}

// The fresh sets (fresh.ts): every set on its own line; of a sealed set only these aggregates.
const fresh = await evaluateFresh();
if (fresh.results.length > 0 || fresh.unlabelled.size > 0) {
  console.log(`\nfresh sets (written without sight of lexicon/): ${fresh.results.length} messages`);
  const sets = [...new Set([...fresh.results.map((r) => r.message.set), ...fresh.unlabelled.keys()])].sort();
  for (const set of sets) {
    const rs = fresh.results.filter((r) => r.message.set === set);
    const bad = fresh.unlabelled.get(set);
    console.log(`${line(set, rs)}${bad ? `  (${bad} not scorable: label outside the catalogue)` : ''}`);
  }
  for (const kind of ['open', 'sealed'] as const) {
    console.log(line(`all ${kind}`, fresh.results.filter((r) => r.message.sealed === (kind === 'sealed'))));
  }
  for (const sealed of [false, true]) {
    const rs = fresh.results.filter((r) => r.message.sealed === sealed);
    printConfusion(`${sealed ? 'sealed' : 'open'} sets: `, rs);
    console.log(`  false approvals: ${approvalKinds(rs)}`);
    const wrongByKind = new Map<string, number>();
    for (const r of rs.filter((x) => !x.correct)) wrongByKind.set(`${r.message.kind} (${r.expected.verdict}→${r.got.verdict})`, (wrongByKind.get(`${r.message.kind} (${r.expected.verdict}→${r.got.verdict})`) ?? 0) + 1);
    console.log(`  wrong by kind: ${[...wrongByKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    // Of a sealed false approval only its kind and verdicts: enough to see where to look, nothing to tune on.
    if (sealed) for (const r of rs.filter((x) => x.falseApprovals.length > 0)) console.log(`    ${r.message.kind}, ${r.message.platform}: expected ${r.expected.verdict}, answered ${r.got.verdict}`);
  }
  const open = fresh.results.filter((r) => !r.message.sealed);
  const openApprovals = open.filter((r) => r.falseApprovals.length > 0);
  console.log(`open false approvals: ${openApprovals.length}`);
  for (const r of openApprovals) console.log(`  ${r.message.id}  "${oneLine(r.message.text)}"  → ${r.falseApprovals.join('; ')}`);
  if (verbose) {
    const failures = open.filter((r) => !r.correct);
    console.log(`open failures: ${failures.length}`);
    for (const r of failures) printFailure(r);
  }
}

if (!noCli) {
  try {
    const cmp = await compareCliWithCore(results, (r, a) => score(r.expected, a).mismatches.length === 0);
    console.log(`\nCLI path (ask --json --kb DIR, single one-line messages): ${cmp.compared} compared, ${cmp.agree} agree with the core (${pct(cmp.agree, cmp.compared).trim()}), ${cmp.correct} correct (${pct(cmp.correct, cmp.compared).trim()})`);
    for (const d of cmp.disagreements.slice(0, verbose ? undefined : 10)) console.log(`  ${d.id}  "${d.text}"  core ${d.core}  cli ${d.cli}`);
    if (!verbose && cmp.disagreements.length > 10) console.log(`  … ${cmp.disagreements.length - 10} more (--verbose)`);
  } catch (err) {
    console.log(`\nCLI path: could not run (${(err as Error).message})`);
  }
}
process.exit(0);
