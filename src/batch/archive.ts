// Reads ZIP uploads safely. Customers' archives are untrusted: entry names may try to escape the extraction
// directory (zip-slip), sizes may be forged or explode (zip bombs), entries may be encrypted, the file may be cut
// short. Everything that makes the archive unusable is one clear error for its case; an entry we cannot read
// (encrypted, unknown compression) is reported on its own row and the rest of the case goes on.
//
// Entries are streamed (yauzl) into a private temporary directory because the ETL reader needs a seekable file.
// Extracted files get flat, generated names there, so no entry name is ever used as a path on disk.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ExitCode, TraceError } from '../common/errors.js';
import type { Message, MessageValue } from '../common/message.js';
import { nonZipArchiveFormat, type ArchiveFormat } from './archive-detect.js';
import { catalogMessage, statusOf, type RowStatus } from './status.js';

export interface ArchiveLimits {
  /** Entries per case, all nesting levels together. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries of a case, all nesting levels together. */
  maxTotalBytes: number;
  /** Largest accepted uncompressed:compressed ratio of an entry larger than `ratioAppliesAbove`. */
  maxRatio: number;
  /** Entries up to this size are exempt from the ratio limit (small, highly compressible text files are normal). */
  ratioAppliesAbove: number;
  /** Archives inside archives, counting the uploaded archive as level 1. */
  maxDepth: number;
}

// ETL files are often mostly zero padding (measured on real samples: up to 600:1 with DEFLATE for a trace with
// nearly empty 1 MiB buffers), and DEFLATE itself cannot exceed about 1032:1. So the ratio limit only rejects
// large entries that are essentially one repeated byte (the classic bomb); the size limits bound everything else.
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = {
  maxEntries: 10_000,
  maxEntryBytes: 8 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 1000,
  ratioAppliesAbove: 16 * 1024 ** 2,
  maxDepth: 4,
};

/** Counts shared by all archives of one case, so nesting cannot multiply the limits. */
export interface ArchiveBudget {
  entries: number;
  bytes: number;
  /** Gives extracted files unique names inside the case's temporary directory. */
  nextFileNumber: number;
}

export function newArchiveBudget(): ArchiveBudget {
  return { entries: 0, bytes: 0, nextFileNumber: 1 };
}

/** A file entry of an archive: extracted to `diskPath`, or not extracted with the reason in `status`. */
export interface ArchiveEntryFile {
  /** `upload.zip!/logs/NetTrace.etl`; nested archives add another `!/`. */
  display: string;
  size: number;
  diskPath?: string;
  sha256?: string;
  /** Why the entry was not extracted (`skipped: encrypted entry (password-protected)`), with its message. */
  status?: string;
  statusMessage?: Message;
}

/** The row status of an entry that is password-protected: it is not extracted, the rest of the case goes on. */
export const ENCRYPTED_ENTRY: RowStatus = statusOf('status.encrypted_entry');

/** What an error says, for a message that quotes it: its catalog message, else its text (a library's words). */
export function errorReason(err: unknown): MessageValue {
  if (err instanceof TraceError) return err.detail ?? err.message;
  return (err as Error)?.message ?? String(err);
}

/** Why an archive entry name is unsafe to use as a path, or undefined when it stays inside its directory. */
export function unsafeEntryName(name: string): Message | undefined {
  if (name.includes('\0')) return catalogMessage('archive.name_nul');
  if (name.includes('\\')) return catalogMessage('archive.name_backslash');
  if (/^[A-Za-z]:/.test(name)) return catalogMessage('archive.name_drive_letter');
  if (name.startsWith('/')) return catalogMessage('archive.name_absolute');
  if (name.split('/').includes('..')) return catalogMessage('archive.name_climbs_out');
  return undefined;
}

export function archiveError(what: Message, archive: string, offset?: number): TraceError {
  return new TraceError(what, ExitCode.DATA_ERR, archive, offset);
}

/** The error of an entry-level limit or stream, before it is wrapped in `cannot extract entry …` with the archive. */
function limitError(what: Message): TraceError {
  return new TraceError(what, ExitCode.DATA_ERR);
}

/** The ZIP local-file or empty-archive signature: how archives are recognised by content. */
export function looksLikeZip(head: Uint8Array): boolean {
  return (
    head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b &&
    ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))
  );
}

/**
 * Office documents, OpenDocument files and Java archives are ZIP files too, but they are documents a customer
 * attached, not a bundle of traces. Their first entry gives them away: `[Content_Types].xml`, `mimetype` or
 * `META-INF/`.
 */
export function looksLikePackagedDocument(head: Uint8Array): boolean {
  if (head.length < 30 || head[2] !== 0x03) return false;
  const nameLength = head[26]! | (head[27]! << 8);
  const name = Buffer.from(head.buffer, head.byteOffset + 30, Math.min(nameLength, head.length - 30)).toString('latin1');
  return name === '[Content_Types].xml' || name === 'mimetype' || name.startsWith('META-INF/') || name.startsWith('_rels/');
}

/** The format of an archive of uploads (a ZIP that is not a packaged document, CAB, 7z, tar, gzip), if it is one. */
export function uploadArchiveFormat(head: Uint8Array): ArchiveFormat | undefined {
  if (looksLikeZip(head)) return looksLikePackagedDocument(head) ? undefined : 'zip';
  return nonZipArchiveFormat(head);
}

/** An archive of uploads: expanded and its files analysed. */
export function isUploadArchive(head: Uint8Array): boolean {
  return uploadArchiveFormat(head) !== undefined;
}

function openZip(path: string, display: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(archiveError(catalogMessage('archive.not_readable', { format: 'ZIP', reason: err?.message ?? catalogMessage('archive.unknown_error') }), display));
      else resolve(zip);
    });
  });
}

/** Reads the whole central directory (bounded by `maxEntries`) before anything is extracted. */
function readEntries(zip: yauzl.ZipFile, display: string): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(archiveError(catalogMessage('archive.damaged_zip_directory', { reason: err.message }), display)));
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream)));
  });
}

/** Passes bytes through while counting them against the entry and case limits and hashing them. */
export class LimitedCounter extends Transform {
  readonly hash = createHash('sha256');
  count = 0;
  constructor(
    private readonly budget: ArchiveBudget,
    private readonly limits: ArchiveLimits,
    private readonly entryName: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.count += chunk.length;
    this.budget.bytes += chunk.length;
    if (this.count > this.limits.maxEntryBytes) {
      done(limitError(catalogMessage('archive.entry_inflates', { name: this.entryName, limit: this.limits.maxEntryBytes })));
      return;
    }
    if (this.budget.bytes > this.limits.maxTotalBytes) {
      done(limitError(catalogMessage('archive.total_inflates', { limit: this.limits.maxTotalBytes })));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** File name for an extracted entry: a counter plus the entry's base name reduced to safe characters. */
export function diskName(budget: ArchiveBudget, entryName: string): string {
  const base = basename(entryName).replace(/[^A-Za-z0-9._-]/g, '_').slice(-80) || 'entry';
  return `${budget.nextFileNumber++}-${base}`;
}

/**
 * Checks every entry of the archive against the limits and the path rules before extracting any, then streams
 * the file entries into `destDir`. Throws TraceError (65) naming the archive for an unsafe or unreadable archive.
 */
export async function extractZip(
  zipPath: string,
  display: string,
  destDir: string,
  budget: ArchiveBudget,
  limits: ArchiveLimits,
): Promise<ArchiveEntryFile[]> {
  const zip = await openZip(zipPath, display);
  try {
    if (budget.entries + zip.entryCount > limits.maxEntries) {
      throw archiveError(catalogMessage('archive.too_many_entries', { count: zip.entryCount, limit: limits.maxEntries }), display);
    }
    const entries = await readEntries(zip, display);
    budget.entries += entries.length;
    const named = entries.map((entry) => ({
      entry,
      name: yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true),
    }));
    let declaredTotal = budget.bytes;
    for (const { entry, name } of named) {
      const unsafe = unsafeEntryName(name);
      if (unsafe) throw archiveError(catalogMessage('archive.unsafe_name', { name, why: unsafe }), display, entry.relativeOffsetOfLocalHeader);
      if (name.endsWith('/')) continue;
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        throw archiveError(
          catalogMessage('archive.entry_too_large', { name, size: entry.uncompressedSize, limit: limits.maxEntryBytes }),
          display,
          entry.relativeOffsetOfLocalHeader,
        );
      }
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > limits.ratioAppliesAbove && ratio > limits.maxRatio) {
        throw archiveError(
          catalogMessage('archive.ratio', {
            name, ratio: Math.round(ratio), compressed: entry.compressedSize, uncompressed: entry.uncompressedSize, limit: limits.maxRatio,
          }),
          display,
          entry.relativeOffsetOfLocalHeader,
        );
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) {
        throw archiveError(catalogMessage('archive.total_declared', { limit: limits.maxTotalBytes }), display);
      }
    }
    const out: ArchiveEntryFile[] = [];
    for (const { entry, name } of named) {
      if (name.endsWith('/')) continue;
      const file: ArchiveEntryFile = { display: `${display}!/${name}`, size: entry.uncompressedSize };
      out.push(file);
      if (entry.isEncrypted()) {
        Object.assign(file, ENCRYPTED_ENTRY);
        continue;
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        Object.assign(file, statusOf('status.unsupported_compression', { method: entry.compressionMethod }));
        continue;
      }
      const diskPath = join(destDir, diskName(budget, name));
      const counter = new LimitedCounter(budget, limits, name);
      try {
        const stream = await openEntry(zip, entry);
        await pipeline(stream, counter, createWriteStream(diskPath, { mode: 0o600 }));
      } catch (err) {
        await rm(diskPath, { force: true });
        throw archiveError(catalogMessage('archive.cannot_extract', { name, reason: errorReason(err) }), display, entry.relativeOffsetOfLocalHeader);
      }
      file.diskPath = diskPath;
      file.size = counter.count;
      file.sha256 = counter.hash.digest('hex');
    }
    return out;
  } finally {
    zip.close();
  }
}
