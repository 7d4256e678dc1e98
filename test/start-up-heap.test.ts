// cli/start-up-heap.ts in a process of its own (V8's flags are per process): `serve` holds the young
// generation at its initial size while objects that stay alive pile up, and lets it grow after the
// release; other commands, and an operator who sizes it, are left to V8.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

function probe(command: string, nodeOptions = ''): { beforeMb: number; heldMb: number; releasedMb: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/young-generation-probe.ts', command], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { beforeMb: number; heldMb: number; releasedMb: number };
}

describe('the young generation during start-up', () => {
  it('stays at its initial size for serve, and grows after the release', () => {
    const { beforeMb, heldMb, releasedMb } = probe('serve');
    assert.equal(heldMb, beforeMb);
    assert.ok(releasedMb > heldMb, `after the release: ${releasedMb} MB (held ${heldMb} MB)`);
  });

  it('grows as V8 decides for other commands', () => {
    const { beforeMb, heldMb } = probe('ask');
    assert.ok(heldMb > beforeMb, `${beforeMb} MB before, ${heldMb} MB after`);
  });

  it('is left alone when the operator sizes it', () => {
    const { beforeMb, heldMb } = probe('serve', '--max-semi-space-size=16');
    assert.ok(heldMb > beforeMb, `${beforeMb} MB before, ${heldMb} MB after`);
  });
});
