// Builds a folder of uploads as support engineers receive them, and an analysis stand-in that reads the text
// inputs back (so every value in the outputs can be traced to the input files).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, TraceError } from '../../src/common/errors.js';
import type { AnalyzeCase, CaseAnalysis } from '../../src/batch/types.js';
import { buildZip } from './zip-writer.js';

/** A netsh `trace convert` text line: sniffed as `netsh_txt` by content. */
export function netshLine(message: string): string {
  return `[0]0A1C.0B2C::08/28/17-10:00:00.123 [Microsoft-Windows-WinHttp]${message}\r\n`;
}

export function netshText(...messages: string[]): Buffer {
  return Buffer.from(messages.map(netshLine).join(''), 'utf8');
}

/** Temporary directories of one test file, removed together by `removeAll` (from `test.after`). */
export interface Scratch {
  dir(prefix: string): string;
  removeAll(): void;
}

export function createScratch(): Scratch {
  const made: string[] = [];
  return {
    dir: (prefix) => {
      const d = mkdtempSync(join(tmpdir(), prefix));
      made.push(d);
      return d;
    },
    removeAll: () => {
      for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

export interface FakeAnalyzer {
  analyze: AnalyzeCase;
  calls: string[][];
}

/**
 * Reads each text input and reports what it mentions: the first host name and IPv4 address become a connection,
 * `RESET` makes the verdict a failure, `DAMAGED` reports damage (exit 65), `CRASH` throws like a defect would.
 */
export function fakeAnalyzer(): FakeAnalyzer {
  const calls: string[][] = [];
  const analyze: AnalyzeCase = async (files) => {
    calls.push(files.map((f) => f.display));
    const texts = files.map((f) => (f.format === 'etl' ? '' : readFileSync(f.path, 'latin1')));
    const all = texts.join('\n');
    if (all.includes('CRASH')) throw new Error('analysis defect');
    if (all.includes('UNREADABLE')) throw new TraceError('cannot read input', ExitCode.NO_INPUT, files[0]!.path);
    const failure = all.includes('RESET');
    const server = /\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\.(?:com|local|net)\b/i.exec(all)?.[0];
    const ip = /\b\d{1,3}(?:\.\d{1,3}){3}\b/.exec(all)?.[0];
    const doc: CaseAnalysis['document'] = {
      verdict: failure ? 'failure' : 'ok',
      inputs: files.map((f) => ({ path: f.path, format: f.format, os_build: 9200, start: '2017-08-28T10:00:00.123Z', end: '2017-08-28T10:00:05.000Z' })),
      findings: failure
        ? [{ code: 'WINHTTP_TLS12_NOT_OFFERED', severity: 'error', title: 'TLS 1.2 not offered', evidence: all.split('\n').filter((l) => l.trim() !== '').map((text) => ({ text })) }]
        : [],
      connections: server || ip
        ? [{ id: 1, pid: 4242, process: 'powershell.exe', server_name: server, remote_ip: ip, remote_port: 443, established: !failure, outcome: failure ? 'reset' : 'established', client_offered_versions: ['TLS 1.0'], finding_codes: failure ? ['WINHTTP_TLS12_NOT_OFFERED'] : [] }]
        : [],
    };
    return {
      document: doc,
      exitCode: failure ? 1 : 0,
      ...(all.includes('DAMAGED') ? { damage: { problem: new TraceError('damaged buffer', ExitCode.DATA_ERR, files[0]!.path, 0x40).describedMessage(), exitCode: 65 } } : {}),
    };
  };
  return { analyze, calls };
}

export interface Uploads {
  root: string;
  uploads: string;
}

/** The mixed upload folder of the batch tests. */
export function buildUploads(scratch: Scratch): Uploads {
  const root = scratch.dir('tracedoctor-batch-');
  const uploads = join(root, 'uploads');
  mkdirSync(uploads);
  const trace = netshText('WinHttpSendRequest to mail.contoso.com (10.20.30.40:443) RESET by server');

  mkdirSync(join(uploads, 'case-good', 'logs'), { recursive: true });
  writeFileSync(join(uploads, 'case-good', 'logs', 'NetTrace.txt'), netshText('connected to outlook.office365.com 52.96.1.2'));
  writeFileSync(join(uploads, 'case-good', 'screenshot.png'), randomBytes(2000));
  writeFileSync(join(uploads, 'case-good', 'notes.docx'), buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]));
  writeFileSync(join(uploads, 'summary.docx'), buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }]));

  mkdirSync(join(uploads, 'case-damaged'));
  writeFileSync(join(uploads, 'case-damaged', 'NetTrace.txt'), netshText('DAMAGED buffer follows'));

  mkdirSync(join(uploads, 'case-empty'));
  writeFileSync(join(uploads, 'case-empty', 'random.bin'), randomBytes(5000));

  mkdirSync(join(uploads, 'case-crash'));
  writeFileSync(join(uploads, 'case-crash', 'NetTrace.txt'), netshText('CRASH here'));

  writeFileSync(join(uploads, 'failing.zip'), buildZip([{ name: 'NetTrace.txt', data: trace }, { name: 'readme.md', data: Buffer.from('# notes') }]));
  const inner = buildZip([{ name: 'deep/NetTrace.txt', data: trace }]);
  writeFileSync(join(uploads, 'nested.zip'), buildZip([{ name: 'inner.zip', data: inner }, { name: 'dir/', data: Buffer.alloc(0), method: 0 }]));
  writeFileSync(join(uploads, 'slip.zip'), buildZip([{ name: 'NetTrace.txt', data: trace }, { name: '../../evil.txt', data: trace }]));
  writeFileSync(join(uploads, 'bomb.zip'), buildZip([{ name: 'NetTrace.txt', data: Buffer.alloc(64 * 1024 * 1024) }]));
  writeFileSync(join(uploads, 'liar.zip'), buildZip([{ name: 'NetTrace.txt', data: Buffer.concat([trace, Buffer.alloc(200_000, 0x41)]), declaredSize: 100 }]));
  writeFileSync(join(uploads, 'locked.zip'), buildZip([{ name: 'secret.etl', data: randomBytes(300), method: 0, encrypted: true }, { name: 'NetTrace.txt', data: trace }]));
  writeFileSync(join(uploads, 'corrupt.zip'), Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(3000)]));
  writeFileSync(join(uploads, 'loose-trace.txt'), netshText('plain request to 10.0.5.6'));
  writeFileSync(join(uploads, 'random-bytes.bin'), randomBytes(4096));
  return { root, uploads };
}
