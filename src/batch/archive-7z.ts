// Reads CAB (what `netsh trace stop` writes: NetTrace.cab with the report files and often the .etl itself) and 7z
// uploads with 7-Zip compiled to WebAssembly (npm `7z-wasm`): no system binary. The listing is read and every
// entry checked against the limits before anything is extracted, as for ZIP; 7-Zip then extracts the checked
// entries into a staging directory inside the case's private directory, and each extracted file is verified
// (a regular file of the declared size), hashed and moved to a flat generated name.
import { createReadStream } from 'node:fs';
import { lstat, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import type { MessageValue } from '../common/message.js';
import { checkDeclaredSize, checkDeclaredTotal, checkEntryName, checkRatio, countEntry } from './archive-entry-checks.js';
import { ExitCode, TraceError } from '../common/errors.js';
import { ENCRYPTED_ENTRY, archiveError, diskName, type ArchiveBudget, type ArchiveEntryFile, type ArchiveLimits } from './archive.js';
import { catalogMessage, statusOf } from './status.js';
import type { SevenZipReply, SevenZipRequest } from './archive-7z-worker.js';

const WORKER_URL = new URL('./archive-7z-worker.js', import.meta.url);
/** Given to 7-Zip so that an encrypted archive fails instead of waiting for a password on stdin. */
const NO_PASSWORD = '-ptracedoctor-no-password';

function runSevenZip(request: SevenZipRequest, signal?: AbortSignal): Promise<SevenZipReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: request });
    const onAbort = () => {
      void worker.terminate();
      reject(signal?.reason instanceof Error ? signal.reason : new TraceError(catalogMessage('archive.extraction_stopped'), ExitCode.DATA_ERR));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: SevenZipReply) => resolve(reply));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (code !== 0) reject(new TraceError(catalogMessage('archive.seven_zip_exited', { code }), ExitCode.DATA_ERR));
    });
  });
}

/** One entry of `7z l -slt`: its `Key = Value` lines. */
export type ListedEntry = Record<string, string>;

/** Parses `7z l -slt -ba` output: entries are blocks of `Key = Value` lines separated by blank lines. */
export function parseSltListing(lines: readonly string[]): ListedEntry[] {
  const entries: ListedEntry[] = [];
  let current: ListedEntry | undefined;
  for (const line of lines) {
    const m = /^([A-Za-z][A-Za-z ]*?) = ?(.*)$/.exec(line);
    if (!m) {
      if (line.trim() === '') current = undefined;
      continue;
    }
    if (m[1] === 'Path' && current?.Path !== undefined) current = undefined;
    if (!current) {
      current = {};
      entries.push(current);
    }
    current[m[1]!] = m[2]!;
  }
  return entries.filter((e) => e.Path !== undefined);
}

const AES_CODER_ID = Buffer.from([0x06, 0xf1, 0x07, 0x01]);
const ENCODED_HEADER = 0x17;

/**
 * Whether a 7z archive's names are encrypted (`7z a -mhe=on`): its end header is an encoded header whose coders
 * include 7-Zip's AES. 7-Zip cannot list such an archive without the password, so it is recognised here.
 */
export async function sevenZipNamesEncrypted(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const start = Buffer.alloc(32);
    await fh.read(start, 0, 32, 0);
    const offset = start.readBigUInt64LE(12);
    const size = Number(start.readBigUInt64LE(20));
    if (size <= 0 || offset > BigInt(Number.MAX_SAFE_INTEGER)) return false;
    const header = Buffer.alloc(Math.min(size, 4096));
    const { bytesRead } = await fh.read(header, 0, header.length, 32 + Number(offset));
    return bytesRead > 0 && header[0] === ENCODED_HEADER && header.subarray(0, bytesRead).includes(AES_CODER_ID);
  } finally {
    await fh.close();
  }
}

/** The last lines 7-Zip printed that say what went wrong (7-Zip's own words). */
function sevenZipComplaint(output: readonly string[]): MessageValue {
  const lines = output.map((l) => l.trim()).filter((l) => /error|cannot|unexpected|wrong|unsupported|not/i.test(l) && !/^7-Zip/.test(l));
  const said = lines.slice(-3).join('; ') || output.filter((l) => l.trim() !== '').slice(-1)[0];
  return said ? said.slice(0, 400) : catalogMessage('archive.unknown_error');
}

function isDirectory(e: ListedEntry): boolean {
  return e.Folder === '+' || /^D/.test(e.Attributes ?? '');
}

function isSymlink(e: ListedEntry): boolean {
  return /(^|\s)l[rwx-]{9}/.test(e.Attributes ?? '') || (e['Symbolic Link'] ?? '') !== '';
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Checks and extracts a CAB or 7z archive into `destDir`. Throws TraceError (65) naming the archive for an
 * unsafe, encrypted-header or unreadable archive; encrypted entries and links get their own `skipped:` row.
 */
export async function extractWith7z(
  path: string,
  kind: 'cab' | '7z',
  display: string,
  destDir: string,
  budget: ArchiveBudget,
  limits: ArchiveLimits,
  signal?: AbortSignal,
): Promise<ArchiveEntryFile[]> {
  const what = kind === 'cab' ? 'CAB' : '7z';
  const archiveIn = `/in/${basename(path)}`;
  const mountIn = { root: dirname(path), at: '/in' };
  if (kind === '7z' && (await sevenZipNamesEncrypted(path))) {
    throw archiveError(catalogMessage('archive.encrypted_names', { format: what }), display);
  }
  const listing = await runSevenZip({ args: ['l', '-slt', '-ba', '-bd', NO_PASSWORD, `-t${kind === 'cab' ? 'Cab' : '7z'}`, archiveIn], mounts: [mountIn] }, signal);
  if (listing.exitCode !== 0) {
    throw archiveError(catalogMessage('archive.not_readable', { format: what, reason: sevenZipComplaint(listing.output) }), display);
  }
  const entries = parseSltListing(listing.output);
  const archiveBytes = (await stat(path)).size;
  // Solid blocks: 7z gives the packed size on the first entry of each block; a CAB gives none (the whole file).
  const blockPacked = new Map<string, number>();
  const blockUnpacked = new Map<string, number>();
  for (const e of entries) {
    const block = e.Block ?? '';
    if (e['Packed Size']) blockPacked.set(block, (blockPacked.get(block) ?? 0) + Number(e['Packed Size']));
    if (!isDirectory(e)) blockUnpacked.set(block, (blockUnpacked.get(block) ?? 0) + Number(e.Size ?? 0));
  }
  let declaredTotal = budget.bytes;
  const out: ArchiveEntryFile[] = [];
  const toExtract: Array<{ name: string; size: number; file: ArchiveEntryFile }> = [];
  const excluded: string[] = [];
  for (const e of entries) {
    const name = e.Path!;
    countEntry(budget, limits, display);
    checkEntryName(name, display);
    if (isDirectory(e)) continue;
    const size = Number(e.Size ?? 0);
    const file: ArchiveEntryFile = { display: `${display}!/${name}`, size };
    out.push(file);
    if (e.Encrypted === '+') {
      Object.assign(file, ENCRYPTED_ENTRY);
      excluded.push(name);
      continue;
    }
    if (isSymlink(e)) {
      Object.assign(file, statusOf('status.symbolic_link_entry'));
      excluded.push(name);
      continue;
    }
    checkDeclaredSize(name, size, limits, display);
    const block = e.Block ?? '';
    checkRatio(name, size, blockUnpacked.get(block) ?? size, blockPacked.get(block) ?? archiveBytes, limits, display);
    declaredTotal += size;
    checkDeclaredTotal(declaredTotal, limits, display);
    toExtract.push({ name, size, file });
  }
  if (toExtract.length === 0) return out;

  const stage = await mkdtemp(join(destDir, 'stage-'));
  try {
    const args = ['x', '-y', '-bd', '-spd', NO_PASSWORD, `-t${kind === 'cab' ? 'Cab' : '7z'}`, '-o/out', archiveIn, ...excluded.map((n) => `-x!${n}`)];
    const extraction = await runSevenZip({ args, mounts: [mountIn, { root: stage, at: '/out' }] }, signal);
    for (const { name, size, file } of toExtract) {
      const staged = join(stage, name);
      const st = await lstat(staged).catch(() => undefined);
      if (!st || !st.isFile()) {
        const why = extraction.exitCode !== 0 ? sevenZipComplaint(extraction.output) : catalogMessage('archive.not_written');
        throw archiveError(catalogMessage('archive.cannot_extract', { name, reason: why }), display);
      }
      if (st.size !== size) throw archiveError(catalogMessage('archive.size_mismatch', { name, size: st.size, declared: size }), display);
      budget.bytes += st.size;
      if (budget.bytes > limits.maxTotalBytes) {
        throw archiveError(catalogMessage('archive.total_inflates', { limit: limits.maxTotalBytes }), display);
      }
      const diskPath = join(destDir, diskName(budget, name));
      await rename(staged, diskPath);
      file.diskPath = diskPath;
      file.size = st.size;
      file.sha256 = await sha256Of(diskPath);
    }
    if (extraction.exitCode !== 0) throw archiveError(catalogMessage('archive.damaged', { format: what, reason: sevenZipComplaint(extraction.output) }), display);
    return out;
  } catch (err) {
    await Promise.all(out.filter((f) => f.diskPath).map((f) => rm(f.diskPath!, { force: true })));
    throw err;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
