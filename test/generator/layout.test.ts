// The writer's header buffer, data buffers and EVENT_HEADER records, checked byte for byte against the offsets
// documented in shared/reference/etl-format.md (§2, §3, §5.6) — expectations are literal numbers from that text.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EtlWriter, MemorySink, TZ_PACIFIC, type SessionInfo } from '../../samples/generator/etl-writer.js';
import { manifestEvent } from '../../samples/generator/event-record.js';
import { OS, type OsProfile } from '../../samples/generator/os-profiles.js';
import { walkBuffers, walkEvents } from './walk.js';

const START_FT = 133_754_000_000_000_000n; // 2024-11-05T…
function session(os: OsProfile, extra: Partial<SessionInfo> = {}): SessionInfo {
  return {
    os,
    loggerName: 'NetTrace',
    logFileName: 'C:\\t\\NetTrace.etl',
    bufferSize: 0x2000,
    cpus: 2,
    cpuMhz: 2400,
    loggerId: 0x21,
    logFileMode: 0x1,
    maximumFileSizeMb: 512,
    startTime: START_FT,
    bootTime: START_FT - 36_000_000_000n,
    startQpc: 1_000_000_000n,
    timeZone: TZ_PACIFIC,
    headerPid: 5012,
    headerTid: 5016,
    ...extra,
  };
}

function webio728(qpc: bigint, tid = 2876): Uint8Array {
  return manifestEvent(
    'Microsoft-Windows-WebIO',
    728,
    0,
    { Connection: 0x1122334455667788n, EnabledProtocols: 0xa0, SSLClientCert: 0n, EnableRevertToSelfClientCertificate: 0, CredHandleHigh: 0n, CredHandleLow: 0n, Result: 0 },
    { pid: 3968, tid, qpc },
  );
}

function build(os: OsProfile, fill: (w: EtlWriter) => void, extra: Partial<SessionInfo> = {}): Buffer {
  const sink = new MemorySink();
  const w = new EtlWriter(sink, session(os, extra));
  fill(w);
  w.close();
  return sink.bytes();
}

test('header buffer: WMI_BUFFER_HEADER fields (§2) and the SYSTEM_TRACE_HEADER marker (§3)', () => {
  const f = build(OS.server2012, (w) => w.add(1, w.qpcAt(1000), webio728(w.qpcAt(1000))));
  assert.is(f.readUInt32LE(0x00), 0x2000, 'BufferSize');
  assert.is(f.length % 0x2000, 0, 'uncompressed file = whole buffers');
  assert.is(f.readUInt16LE(0x36), 4, 'BufferType HEADER');
  assert.is(f.readUInt16LE(0x34), 0x21, 'FLUSH_MARKER | PROC_INDEX');
  assert.is(f.readBigUInt64LE(0x18), 0n, 'header buffer SequenceNumber 0');
  assert.is(f.readUInt32LE(0x2c), 3, 'State');
  assert.is(f.readUInt32LE(0x48), 0xc0020002, 'marker: 64-bit logfile header');
  assert.is(f.readUInt16LE(0x4e), 0x0000, 'HookId');
  assert.is(f.readUInt32LE(0x50), 5016, 'ThreadId');
  assert.is(f.readUInt32LE(0x54), 5012, 'ProcessId');
  assert.is(f.readBigUInt64LE(0x58), 1_000_000_000n, 'SystemTime = sync QPC');
  const names = Buffer.from('NetTrace\0C:\\t\\NetTrace.etl\0', 'utf16le');
  assert.is(f.readUInt16LE(0x4c), 0x20 + 0x118 + names.length, 'packet size = 0x20 + 0x118 + strings');
  const filled = f.readUInt32LE(0x30);
  assert.is(filled, 0x48 + ((0x20 + 0x118 + names.length + 7) & ~7));
  assert.is(f.readUInt32LE(0x04), filled, 'SavedOffset = FilledBytes on Windows 8+');
  for (let i = filled; i < 0x2000; i++) if (f[i] !== 0xff) assert.unreachable(`fill byte at ${i}`);
});

test('TRACE_LOGFILE_HEADER (x64) fields at the documented offsets from 0x68', () => {
  const f = build(OS.server2012, (w) => w.add(0, w.qpcAt(5_000), webio728(w.qpcAt(5_000))));
  const L = 0x68;
  assert.is(f.readUInt32LE(L + 0x00), 0x2000, 'BufferSize');
  assert.equal([...f.subarray(L + 0x04, L + 0x08)], [6, 2, 1, 5], 'OS 6.2, layout 1.5');
  assert.is(f.readUInt32LE(L + 0x08), 9200, 'ProviderVersion = build');
  assert.is(f.readUInt32LE(L + 0x0c), 2, 'NumberOfProcessors');
  assert.ok(f.readBigInt64LE(L + 0x10) > START_FT, 'EndTime after StartTime');
  assert.is(f.readUInt32LE(L + 0x18), 156250, 'TimerResolution');
  assert.is(f.readUInt32LE(L + 0x20), 0x1, 'LogFileMode');
  assert.is(f.readUInt32LE(L + 0x24), f.length / 0x2000, 'BuffersWritten counts every buffer incl. the header');
  assert.is(f.readUInt32LE(L + 0x28), 1, 'StartBuffers');
  assert.is(f.readUInt32LE(L + 0x2c), 8, 'PointerSize');
  assert.is(f.readUInt32LE(L + 0x34), 2400, 'CpuSpeedInMHz');
  assert.is(f.readInt32LE(L + 0x48), 480, 'TimeZone Bias (Pacific)');
  assert.is(f.toString('utf16le', L + 0x4c, L + 0x4c + 30), '@tzres.dll,-212');
  assert.is(f.readInt32LE(L + 0x48 + 0xa8), -60, 'DaylightBias, last field of the 0xAC time-zone block');
  assert.is(f.readUInt32LE(L + 0xf4), 0, '4-byte pad before BootTime');
  assert.is(f.readBigInt64LE(L + 0xf8), START_FT - 36_000_000_000n, 'BootTime');
  assert.is(f.readBigInt64LE(L + 0x100), 2_929_685n, 'PerfFreq');
  assert.is(f.readBigInt64LE(L + 0x108), START_FT, 'StartTime');
  assert.is(f.readUInt32LE(L + 0x110), 1, 'ReservedFlags = QPC clock');
  assert.is(f.readUInt32LE(L + 0x114), 0, 'BuffersLost');
  assert.is(f.toString('utf16le', L + 0x118, L + 0x118 + 16), 'NetTrace');
  assert.is(f.readUInt16LE(L + 0x118 + 16), 0, 'LoggerName NUL');
  assert.is(f.toString('utf16le', L + 0x118 + 18, L + 0x118 + 18 + 34), 'C:\\t\\NetTrace.etl');
});

test('EVENT_HEADER64 record layout (§5.6) and payload placement', () => {
  const f = build(OS.server2012, (w) => w.add(1, w.qpcAt(2_000), webio728(w.qpcAt(2_000), 4242)));
  const b = 0x2000; // first data buffer
  assert.is(f.readUInt16LE(b + 0x36), 0, 'BufferType GENERIC');
  assert.is(f.readUInt16LE(b + 0x28), 1, 'PROC_INDEX context: CPU 1');
  assert.is(f.readUInt16LE(b + 0x2a), 0x21, 'LoggerId');
  const r = b + 0x48;
  const size = f.readUInt16LE(r);
  assert.is(size, 0x50 + 42, '728 v0 payload: 8 + 4 + 8 + 2 + 8 + 8 + 4 bytes');
  assert.is(f[r + 2], 0x13, 'HeaderType EVENT_HEADER64');
  assert.is(f[r + 3], 0xc0);
  assert.is(f.readUInt16LE(r + 4), 0, 'Flags');
  assert.is(f.readUInt32LE(r + 8), 4242, 'ThreadId');
  assert.is(f.readUInt32LE(r + 0x0c), 3968, 'ProcessId');
  assert.is(f.readBigUInt64LE(r + 0x10), 1_000_000_000n + (2_000n * 2_929_685n) / 1_000_000n, 'QPC timestamp');
  // {50b3e73c-9370-461d-bb9f-26f32d68887d} in mixed-endian order.
  assert.is(f.subarray(r + 0x18, r + 0x28).toString('hex'), '3ce7b3507093 1d46bb9f26f32d68887d'.replace(' ', ''));
  assert.is(f.readUInt16LE(r + 0x28), 728, 'Id');
  assert.is(f[r + 0x2a], 0, 'Version');
  assert.is(f[r + 0x2c], 4, 'Level Informational');
  assert.is(f[r + 0x2d], 1, 'Opcode Start');
  assert.is(f.readUInt16LE(r + 0x2e), 436, 'Task SSLAcquireCredentialsHandle');
  assert.is(f.readBigUInt64LE(r + 0x30) & 0xffffffffffffn, 0x2000000000n, 'Keyword.SECURITY');
  const p = r + 0x50;
  assert.is(f.readBigUInt64LE(p), 0x1122334455667788n, 'Connection pointer, 8 bytes');
  assert.is(f.readUInt32LE(p + 8), 0xa0, 'EnabledProtocols at payload offset 8');
  const filled = f.readUInt32LE(b + 0x30);
  assert.is(filled, 0x48 + ((size + 7) & ~7), 'FilledBytes ends after the 8-aligned record');
  assert.is(f.readUInt32LE(b + 0x04), filled, 'SavedOffset');
});

test('Windows 7 profile: byte CPU + alignment 8 context, no PROC_INDEX, header SavedOffset 0', () => {
  const f = build(OS.win7sp1, (w) => w.add(1, w.qpcAt(10), webio728(w.qpcAt(10))));
  assert.is(f.readUInt32LE(0x04), 0, 'SavedOffset 0 in the Win7 header buffer');
  assert.ok(f.readUInt32LE(0x30) > 0x48, 'FilledBytes still valid');
  assert.is(f.readUInt16LE(0x34) & 0x20, 0, 'no PROC_INDEX');
  assert.equal([...f.subarray(0x6c, 0x70)], [6, 1, 1, 5]);
  assert.is(f.readUInt32LE(0x70), 7601);
  assert.is(f[0x2000 + 0x28], 1, 'ProcessorNumber byte');
  assert.is(f[0x2000 + 0x29], 8, 'Alignment byte');
});

test('multi-CPU buffers: file order is not SequenceNumber order; per-CPU sequence order is time order', () => {
  const f = build(OS.server2022, (w) => {
    // CPU 1 opens its buffer first and keeps it; CPU 0 fills several buffers meanwhile.
    w.add(1, w.qpcAt(1), webio728(w.qpcAt(1)));
    for (let i = 0; i < 300; i++) w.add(0, w.qpcAt(10 + i * 100), webio728(w.qpcAt(10 + i * 100)));
    w.add(1, w.qpcAt(50_000), webio728(w.qpcAt(50_000)));
  });
  const bufs = walkBuffers(f);
  const seqs = bufs.map((b) => b.sequence);
  assert.is(new Set(seqs).size, seqs.length, 'SequenceNumbers unique');
  assert.is(seqs[0], 0n);
  const data = bufs.slice(1);
  assert.ok(data.some((b, i) => i > 0 && b.sequence < data[i - 1]!.sequence), 'some buffer precedes a lower sequence number');
  for (const cpu of [0, 1]) {
    const mine = data.filter((b) => b.cpu === cpu).sort((a, b) => (a.sequence < b.sequence ? -1 : 1));
    const times = walkEvents(mine).map((e) => e.time);
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! >= times[i - 1]!, `cpu ${cpu} time order`);
  }
  for (const b of data) {
    assert.is(b.tail.length, 0x2000 - b.filledBytes);
    assert.ok(b.tail.every((x) => x === 0xff), '0xFF fill after FilledBytes');
    assert.is(b.filledBytes % 8, 0);
  }
  assert.is(walkEvents(data).length, 302);
  // Build ≥ 18362 writes the hook 0x0050 event after the logfile header.
  const hdrSize = f.readUInt16LE(0x4c);
  const next = 0x48 + ((hdrSize + 7) & ~7);
  assert.is(f.readUInt16LE(next + 6), 0x0050);
  assert.is(f.readUInt16LE(next + 4), 0x50);
});

test('compressed relog: BufferSize = 0x48 + compressed length, SavedOffset = FilledBytes, XPRESS decodes', () => {
  const f = build(
    OS.server2022,
    (w) => {
      for (let i = 0; i < 40; i++) w.add(i % 2, w.qpcAt(i * 10), webio728(w.qpcAt(i * 10)));
    },
    { compress: true, loggerName: 'Relogger', logFileMode: 0x4010001 },
  );
  const bufs = walkBuffers(f);
  assert.is(bufs[0]!.bufferSize % 0x200, 0, 'header buffer shrunk to a multiple of 0x200');
  assert.equal([...f.subarray(0x6e, 0x70)], [2, 0], 'layout version 2.0');
  for (const b of bufs.slice(1)) {
    assert.is(b.flags & 0x40, 0x40, 'COMPRESSED flag');
    assert.is(b.savedOffset, b.filledBytes);
    assert.ok(b.bufferSize < b.filledBytes, 'stored smaller than it decodes');
  }
  assert.is(walkEvents(bufs.slice(1)).length, 40);
});

test.run();
