// Reads tar, .tar.gz/.tgz and .gz uploads as streams (tar-stream, node's zlib): no system binary. Entries are
// checked as they come (a tar has no central directory), so when one breaks a rule, everything already extracted
// from that archive is removed and the archive is rejected as a whole, as a ZIP would be before extraction.
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { TraceError } from '../common/errors.js';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { looksLikeTar } from './archive-detect.js';
import { checkDeclaredSize, checkDeclaredTotal, checkEntryName, checkRatio, countEntry } from './archive-entry-checks.js';
import { LimitedCounter, archiveError, diskName, errorReason, type ArchiveBudget, type ArchiveEntryFile, type ArchiveLimits } from './archive.js';
import { catalogMessage, statusOf } from './status.js';

/** Counts the compressed bytes read from the archive file, for the ratio limit. */
class ByteCounter extends Transform {
  count = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.count += chunk.length;
    done(null, chunk);
  }
}

/** Fails the stream once a large output came from too few compressed bytes (a gzip bomb). */
class RatioGuard extends Transform {
  private out = 0;
  constructor(
    private readonly compressed: ByteCounter,
    private readonly limits: ArchiveLimits,
    private readonly name: string,
    private readonly display: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.out += chunk.length;
    try {
      checkRatio(this.name, this.out, this.out, this.compressed.count, this.limits, this.display);
    } catch (err) {
      done(err as Error);
      return;
    }
    done(null, chunk);
  }
}

/** `./logs/NetTrace.etl` → `logs/NetTrace.etl`: tar names often start with `./`. */
function entryName(raw: string): string {
  return raw.replace(/^(\.\/)+/, '');
}

function openSource(path: string, gzip: boolean): { streams: Array<NodeJS.ReadableStream | NodeJS.ReadWriteStream>; compressed?: ByteCounter } {
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  if (!gzip) return { streams: [file] };
  const compressed = new ByteCounter();
  return { streams: [file, compressed, createGunzip()], compressed };
}

/**
 * Extracts the regular files of a tar (gzip-compressed when `gzip`) into `destDir` under flat generated names.
 * Links, devices and other special entries get a `skipped:` row. Throws TraceError (65) naming the archive.
 */
export async function extractTar(
  path: string,
  display: string,
  destDir: string,
  budget: ArchiveBudget,
  limits: ArchiveLimits,
  gzip: boolean,
): Promise<ArchiveEntryFile[]> {
  const out: ArchiveEntryFile[] = [];
  const written: string[] = [];
  const { streams, compressed } = openSource(path, gzip);
  const extract = tarStream.extract();
  const feeding = pipeline([...streams, extract] as unknown as Parameters<typeof pipeline>[0][]).catch((err: Error) => err);
  let declaredTotal = budget.bytes;
  try {
    for await (const entry of extract) {
      const name = entryName(entry.header.name);
      countEntry(budget, limits, display);
      checkEntryName(name, display);
      const type = entry.header.type ?? 'file';
      if (type === 'directory' || name === '' || name.endsWith('/')) {
        entry.resume();
        continue;
      }
      const size = entry.header.size ?? 0;
      const file: ArchiveEntryFile = { display: `${display}!/${name}`, size };
      out.push(file);
      if (type !== 'file' && type !== 'contiguous-file') {
        const link = entry.header.linkname;
        Object.assign(file, link ? statusOf('status.special_entry_link', { type, target: link }) : statusOf('status.special_entry', { type }));
        entry.resume();
        continue;
      }
      checkDeclaredSize(name, size, limits, display);
      declaredTotal += size;
      checkDeclaredTotal(declaredTotal, limits, display);
      const diskPath = join(destDir, diskName(budget, name));
      written.push(diskPath);
      const counter = new LimitedCounter(budget, limits, name);
      const stages: Array<NodeJS.ReadableStream | NodeJS.ReadWriteStream | NodeJS.WritableStream> = [entry as unknown as NodeJS.ReadableStream, counter];
      if (compressed) stages.push(new RatioGuard(compressed, limits, name, display));
      stages.push(createWriteStream(diskPath, { mode: 0o600 }));
      try {
        await pipeline(stages as unknown as Parameters<typeof pipeline>[0][]);
      } catch (err) {
        throw archiveError(catalogMessage('archive.cannot_extract', { name, reason: errorReason(err) }), display);
      }
      file.diskPath = diskPath;
      file.size = counter.count;
      file.sha256 = counter.hash.digest('hex');
    }
    const failure = await feeding;
    if (failure) throw notReadableTar(gzip, failure, display);
    return out;
  } catch (err) {
    extract.destroy();
    for (const s of streams) (s as Readable).destroy?.();
    await feeding;
    await Promise.all(written.map((p) => rm(p, { force: true })));
    if (err instanceof TraceError) throw err;
    throw notReadableTar(gzip, err, display);
  }
}

function notReadableTar(gzip: boolean, err: unknown, display: string) {
  const reason = errorReason(err);
  return archiveError(gzip ? catalogMessage('archive.not_readable_tar_gz', { reason }) : catalogMessage('archive.not_readable', { format: 'tar', reason }), display);
}

/** The first `bytes` decompressed bytes of a gzip file (fewer when it is shorter); errors give an empty head. */
async function gunzipHead(path: string, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let have = 0;
  const gunzip = createGunzip();
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  file.pipe(gunzip);
  try {
    for await (const chunk of gunzip) {
      chunks.push(chunk as Buffer);
      have += (chunk as Buffer).length;
      if (have >= bytes) break;
    }
  } catch {
    // A damaged stream is reported by the real extraction below.
  } finally {
    file.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

/** The original file name stored in a gzip header (FNAME), if any. */
function gzipStoredName(head: Uint8Array): string | undefined {
  const flags = head[3] ?? 0;
  let at = 10;
  if (flags & 0x04) at += 2 + ((head[10] ?? 0) | ((head[11] ?? 0) << 8));
  if (!(flags & 0x08)) return undefined;
  const end = head.indexOf(0, at);
  if (end < 0) return undefined;
  return Buffer.from(head.subarray(at, end)).toString('latin1');
}

/**
 * A `.gz` upload: a `.tar.gz` is read as a tar; otherwise it is one compressed file (a single trace), extracted
 * under the size and ratio limits and named after the name stored in the gzip header or the archive's own name.
 */
export async function extractGzip(
  path: string,
  head: Uint8Array,
  display: string,
  destDir: string,
  budget: ArchiveBudget,
  limits: ArchiveLimits,
): Promise<ArchiveEntryFile[]> {
  if (looksLikeTar(await gunzipHead(path, 512))) return extractTar(path, display, destDir, budget, limits, true);
  countEntry(budget, limits, display);
  const stored = gzipStoredName(head);
  const name = basename((stored ?? basename(display).replace(/\.gz$/i, '')).replace(/\\/g, '/')) || 'trace';
  const diskPath = join(destDir, diskName(budget, name));
  const compressed = new ByteCounter();
  const counter = new LimitedCounter(budget, limits, name);
  try {
    await pipeline(
      createReadStream(path, { highWaterMark: 1024 * 1024 }),
      compressed,
      createGunzip(),
      counter,
      new RatioGuard(compressed, limits, name, display),
      createWriteStream(diskPath, { mode: 0o600 }),
    );
  } catch (err) {
    await rm(diskPath, { force: true });
    if (err instanceof TraceError) throw err;
    throw archiveError(catalogMessage('archive.cannot_decompress_gzip', { reason: errorReason(err) }), display);
  }
  return [{ display: `${display}!/${name}`, size: counter.count, diskPath, sha256: counter.hash.digest('hex') }];
}
