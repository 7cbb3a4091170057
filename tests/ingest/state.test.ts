import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  cleanAtomicTemps,
  DEFAULT_RETRY_POLICY,
  IngestState,
  readState,
  recordFailure,
  recordSuccess,
  skippedUntil,
  StateError,
  StateWriter,
  writeState,
} from '../../src/ingest/state.ts';

describe('ingest state', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'khabar-state-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty when the file is missing', async () => {
    const state = await readState(join(dir, 'missing.json'));
    assert.equal(state.sources.size, 0);
  });

  it('refuses a corrupt file loudly rather than forget the seen keys', async () => {
    const path = join(dir, 'corrupt.json');
    for (const text of ['{"version":1,"sources":{"a":{"keys":["x"]', '', '[]', '{"version":1,"sources":{"a":{"keys":"x"}}}', '{"version":99,"sources":{}}']) {
      await writeFile(path, text);
      await assert.rejects(readState(path), (error: unknown) => {
        assert.ok(error instanceof StateError);
        assert.match(error.message, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*refusing to run`));
        return true;
      });
    }
  });

  it('round-trips with sorted keys for stable diffs', async () => {
    const path = join(dir, 'state.json');
    const state = new IngestState();
    const b = state.source('b');
    b.keys.add('z').add('a').add('m');
    b.links.add('https://x/2').add('https://x/1');
    b.etag = '"v1"';
    state.source('a').failures = 2;
    await writeState(path, state);
    const text = await readFile(path, 'utf8');
    const json = JSON.parse(text) as { version: number; sources: Record<string, { keys: string[] }> };
    assert.equal(json.version, 1);
    assert.deepEqual(Object.keys(json.sources), ['a', 'b']);
    assert.deepEqual(json.sources.b!.keys, ['a', 'm', 'z']);
    const back = await readState(path);
    assert.deepEqual([...back.source('b').keys].sort(), ['a', 'm', 'z']);
    assert.equal(back.source('b').etag, '"v1"');
    assert.equal(back.source('a').failures, 2);
    await writeState(path, back);
    assert.equal(await readFile(path, 'utf8'), text, 'rewriting an unchanged state changes nothing');
  });

  it('skips a source after 3 failures in a row until the retry window has passed', () => {
    const state = new IngestState().source('s');
    const t0 = new Date('2024-03-27T00:00:00Z');
    for (let i = 0; i < 3; i++) {
      assert.equal(skippedUntil(state, t0, DEFAULT_RETRY_POLICY), undefined);
      recordFailure(state, t0, 'HTTP 500');
    }
    assert.equal(state.failures, 3);
    assert.equal(skippedUntil(state, new Date('2024-03-27T05:59:00Z'), DEFAULT_RETRY_POLICY)?.toISOString(), '2024-03-27T06:00:00.000Z');
    assert.equal(skippedUntil(state, new Date('2024-03-27T06:00:01Z'), DEFAULT_RETRY_POLICY), undefined);
    assert.equal(skippedUntil(state, new Date('2024-03-27T01:00:00Z'), { maxFailures: 3, retryAfterMs: 30 * 60 * 1000 }), undefined);
    recordSuccess(state, new Date('2024-03-27T06:00:01Z'), { etag: '"e"' });
    assert.equal(state.failures, 0);
    assert.equal(state.lastError, undefined);
    assert.equal(state.etag, '"e"');
    recordSuccess(state, new Date('2024-03-27T07:00:00Z'));
    assert.equal(state.etag, '"e"', 'a 304 keeps the validators');
  });

  it('cleans the temp files a killed atomic write left beside the state, and nothing else', async () => {
    const path = join(dir, 'clean.json');
    await writeFile(join(dir, 'clean.json.123456789'), '{');
    await writeFile(join(dir, 'clean.json.bak'), 'keep');
    await writeFile(path, '{}');
    assert.deepEqual(await cleanAtomicTemps(path), [join(dir, 'clean.json.123456789')]);
    assert.equal(await readFile(join(dir, 'clean.json.bak'), 'utf8'), 'keep');
    assert.equal(await readFile(path, 'utf8'), '{}');
  });

  it('serialises concurrent saves and always writes the latest state', async () => {
    const path = join(dir, 'writer.json');
    const state = new IngestState();
    const writer = new StateWriter(path, state);
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      state.source(`s${i}`).keys.add(`k${i}`);
      saves.push(writer.save());
    }
    await Promise.all(saves);
    assert.equal((await readState(path)).sources.size, 20);
  });

  it('flush writes the latest state at once, without waiting out the interval', async () => {
    const path = join(dir, 'flush.json');
    const state = new IngestState();
    const writer = new StateWriter(path, state, 20_000);
    state.source('a').keys.add('k1');
    await writer.save(); // the first write: nothing to wait for
    state.source('b').keys.add('k2');
    const waiting = writer.save(); // would wait 20 s
    state.source('c').keys.add('k3');
    const started = Date.now();
    await writer.flush();
    await waiting;
    assert.ok(Date.now() - started < 5_000);
    assert.deepEqual([...(await readState(path)).sources.keys()].sort(), ['a', 'b', 'c']);
  });
});
