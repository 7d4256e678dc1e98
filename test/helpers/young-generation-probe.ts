// Run as `node --import tsx test/helpers/young-generation-probe.ts <command>`: imports the hold of
// cli/start-up-heap.ts as cli/main.ts does, keeps many objects alive (as start-up does), releases
// the hold and does the same again. Prints the young generation's size in MB before the import and
// after each, as JSON (tsx's own loading may have grown it before the import).
import v8 from 'node:v8';

const youngMb = () => (v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) / 1048576;

function keepAlive(count: number): object[] {
  const kept: object[] = [];
  for (let i = 0; i < count; i++) kept.push({ index: i, label: `item ${i}` });
  return kept;
}

const beforeMb = youngMb();
const { releaseYoungGeneration } = await import('../../cli/start-up-heap.js');
const during = keepAlive(1_000_000);
const heldMb = youngMb();
releaseYoungGeneration();
const after = keepAlive(1_000_000);
process.stdout.write(JSON.stringify({ beforeMb, heldMb, releasedMb: youngMb(), kept: during.length + after.length }));
