/**
 * The ingest benchmark's feed server: plain JavaScript in a process of its own (so that its
 * CPU is not counted as the ingest's), serving generated feeds from a folder on 127.0.0.1.
 */
import { spawn } from 'node:child_process';

/** The feed server, plain JS in its own process: serves <dir>/<name>.xml with an ETag; /mode/304 turns on 304s. */
const SERVER = `
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
const dir = process.argv[1];
let answer304 = false;
const server = createServer(async (req, res) => {
  if (req.url === '/mode/304') { answer304 = true; res.end('ok'); return; }
  const name = (req.url ?? '').replace(/^\\//, '');
  if (!/^[a-z0-9-]+\\.xml$/.test(name)) { res.writeHead(404).end(); return; }
  const etag = '"' + name + '-v1"';
  if (answer304 && req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }).end(); return; }
  try {
    const body = await readFile(join(dir, name));
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
  } catch { res.writeHead(404).end(); }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

export async function startServer(feedDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER, feedDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`feed server exited (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
