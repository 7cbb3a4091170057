import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, crc32 } from 'node:zlib';
import writeFileAtomic from 'write-file-atomic';

/**
 * A search shard's bundle in the build cache, as one file (search-index.ts keeps one per
 * shard, named by its key): a shard is some 5,000 files, most of them Pagefind fragments of
 * a kilobyte, and the workflow uploads the whole cache every run. Copies, never hard links:
 * the output's files and the cache's are never the same file, so a change to one is never a
 * change to the other.
 *
 * The file is MAGIC, the CRC-32 and length of the manifest, the manifest (JSON: each file's
 * path, length and CRC-32), the length of the files' bytes uncompressed, then those bytes, in
 * the manifest's order, compressed. Pagefind's fragments and index chunks are gzipped
 * already; the compression takes only the bundle's scripts, styles and WebAssembly down (0.6
 * of 10.7 MB a shard, for 0.03 s), but costs nothing on the rest.
 */

const MAGIC = Buffer.from('khabar-search-shard 1\n');
/** [path relative to the bundle, "/"-separated; length; CRC-32] */
type Manifest = [string, number, number][];
const COMPRESSION = { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_LGWIN]: 24 } };

/**
 * Every file of a shard bundle (paths relative to it, "/"-separated), sorted; `skip` (the
 * newest shard's older/ folder, which holds the other shards) is left out.
 */
function bundleFiles(dir: string, skip?: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === skip) continue;
    if (entry.isDirectory()) files.push(...bundleFiles(path, skip, `${prefix}${entry.name}/`));
    else if (entry.isFile()) files.push(`${prefix}${entry.name}`);
  }
  return files.sort();
}

/** Writes the bundle in `from` (less `skip`) to the cache file `to`, atomically: a half-written shard is never found. */
export function storeShard(from: string, to: string, skip?: string): void {
  const manifest: Manifest = [];
  const parts: Buffer[] = [];
  for (const file of bundleFiles(from, skip)) {
    const bytes = readFileSync(join(from, file));
    manifest.push([file, bytes.length, crc32(bytes)]);
    parts.push(bytes);
  }
  const listed = Buffer.from(JSON.stringify(manifest));
  const files = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(crc32(listed), 0);
  header.writeUInt32BE(listed.length, 4);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(files.length);
  // No fsync: a torn file fails its checks and is indexed again.
  writeFileAtomic.sync(to, Buffer.concat([MAGIC, header, listed, length, brotliCompressSync(files, COMPRESSION)]), { fsync: false });
}

/**
 * A cached shard's files (paths relative to the bundle, "/"-separated) when the cache file is
 * whole: its manifest matches its CRC, its bytes decompress to their recorded length and every
 * file matches its CRC. Undefined when it is not. The bytes given are the bytes checked; no
 * path leaves the bundle folder.
 */
export function readShard(from: string): Map<string, Buffer> | undefined {
  const files = new Map<string, Buffer>();
  try {
    const file = readFileSync(from);
    let at = MAGIC.length;
    if (file.length < at + 8 || !file.subarray(0, at).equals(MAGIC)) return undefined;
    const crc = file.readUInt32BE(at);
    const listedLength = file.readUInt32BE(at + 4);
    at += 8;
    if (file.length < at + listedLength + 4) return undefined;
    const listed = file.subarray(at, at + listedLength);
    if (crc32(listed) !== crc) return undefined;
    const manifest = JSON.parse(listed.toString('utf8')) as Manifest;
    if (!Array.isArray(manifest) || manifest.length === 0) return undefined;
    at += listedLength;
    const length = file.readUInt32BE(at);
    const bytes = brotliDecompressSync(file.subarray(at + 4), { maxOutputLength: Math.max(length, 1) });
    if (bytes.length !== length || manifest.reduce((sum, [, size]) => sum + size, 0) !== length) return undefined;
    let offset = 0;
    for (const [path, size, pathCrc] of manifest) {
      const content = bytes.subarray(offset, offset + size);
      offset += size;
      // A path from a damaged manifest never leaves the bundle folder.
      if (typeof path !== 'string' || path.split('/').some((part) => part === '' || part === '.' || part === '..') || crc32(content) !== pathCrc) return undefined;
      files.set(path, content);
    }
  } catch {
    return undefined;
  }
  return files;
}
