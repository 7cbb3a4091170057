import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heapLimitGiven, heapLimitMb } from '../../../scripts/lib/build-heap.ts';

test('the heap limit grows with the posts and never passes Node\'s own', () => {
  assert.equal(heapLimitMb(0, 4096), 1024);
  assert.equal(heapLimitMb(50_000, 4096), 1424);
  assert.equal(heapLimitMb(100_000, 4096), 1824);
  assert.equal(heapLimitMb(1_000_000, 4096), 4096);
  assert.equal(heapLimitMb(50_000, 1000), 1000, 'only ever lowered');
});

test("an operator's limit, on the command line or in NODE_OPTIONS, is kept", () => {
  assert.equal(heapLimitGiven(['--max-old-space-size=3000']), true);
  assert.equal(heapLimitGiven(['--import', 'tsx'], '--max-old-space-size=2048 --trace-warnings'), true);
  assert.equal(heapLimitGiven(['--import', 'tsx'], ''), false);
  assert.equal(heapLimitGiven(['--max-old-space-size-x']), false);
});

test('the build runs itself once more with the limit for its content', () => {
  const content = mkdtempSync(join(tmpdir(), 'khabar-heap-'));
  mkdirSync(join(content, 'posts', '2024', '01'), { recursive: true });
  for (let i = 0; i < 3; i++) writeFileSync(join(content, 'posts', '2024', '01', `p${i}.md`), '---\n---\n');
  // A script that reruns itself as the build does and reports the limit its builder got.
  const script = join(content, 'probe.ts');
  writeFileSync(
    script,
    `import { rerunWithHeapLimit } from ${JSON.stringify(new URL('../../../scripts/lib/build-heap.ts', import.meta.url).pathname)};\n` +
      `const rerun = rerunWithHeapLimit(${JSON.stringify(content)});\n` +
      `if (rerun !== undefined) process.exit(rerun + 10);\n` +
      `console.log(process.execArgv.find((a) => a.startsWith('--max-old-space-size')));\n`,
  );
  const env = { ...process.env, NODE_OPTIONS: '' };
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', env });
  assert.equal(run.status, 10, run.stderr);
  assert.equal(run.stdout.trim(), '--max-old-space-size=1025');
});
