import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { acquireLock, LockHeldError } from '../../src/ingest/lock.ts';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('lock', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'khabar-lock-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds pid, host and start time, refuses a second holder, and is released', async () => {
    const path = join(dir, 'a.lock');
    const lock = await acquireLock(path);
    const info = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    assert.equal(info.pid, process.pid);
    assert.equal(info.hostname, hostname());
    assert.ok(typeof info.startedAt === 'string');
    await assert.rejects(acquireLock(path), (error: unknown) => {
      assert.ok(error instanceof LockHeldError);
      assert.match(error.message, new RegExp(`another ingest run \\(pid ${process.pid} `));
      return true;
    });
    await lock.release();
    await assert.rejects(stat(path), { code: 'ENOENT' });
    const again = await acquireLock(path);
    await again.release();
  });

  it('recovers a lock whose process is dead, with a warning', async () => {
    const path = join(dir, 'b.lock');
    const pid = deadPid();
    await writeFile(path, JSON.stringify({ pid, hostname: hostname(), startedAt: new Date().toISOString() }));
    const warnings: string[] = [];
    const lock = await acquireLock(path, { onWarning: (m) => warnings.push(m) });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, new RegExp(`stale ingest lock .*pid ${pid}.*no longer running`));
    assert.equal((JSON.parse(await readFile(path, 'utf8')) as { pid: number }).pid, process.pid);
    await lock.release();
  });

  it('recovers a lock older than the limit even if its pid is alive (or on another host)', async () => {
    const path = join(dir, 'c.lock');
    const old = new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString();
    await writeFile(path, JSON.stringify({ pid: process.pid, hostname: 'other-host', startedAt: old }));
    const warnings: string[] = [];
    const lock = await acquireLock(path, { onWarning: (m) => warnings.push(m) });
    assert.match(warnings[0]!, /older than 120 minutes/);
    await lock.release();
  });

  it('does not steal a fresh lock of a live process on another host, nor an unreadable fresh one', async () => {
    const path = join(dir, 'd.lock');
    await writeFile(path, JSON.stringify({ pid: 1, hostname: 'other-host', startedAt: new Date().toISOString() }));
    await assert.rejects(acquireLock(path), LockHeldError);
    await writeFile(path, 'garbage');
    await assert.rejects(acquireLock(path), LockHeldError);
    const old = new Date(Date.now() - 3 * 60 * 60 * 1000);
    await utimes(path, old, old);
    const lock = await acquireLock(path);
    await lock.release();
  });
});
