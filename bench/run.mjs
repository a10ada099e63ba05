// `npm run bench`: throughput (MB/s, events/s) and peak RSS of `tracedoctor info` and `tracedoctor events
// --format jsonl` over the real samples (when ../shared is present) and over a generated trace of ≥ 1 GB written
// to the temp directory (deleted afterwards); plus the record walk alone, generated parser vs hand-written; plus
// `tracedoctor analyze --format json` over a generated packet-heavy trace of ≥ 1 GB (many HTTPS connections with
// their full packet capture, WebIO/WinHttp/DNS-Client/TCPIP events mixed in; samples/generator/large.ts), and
// the packet dissection alone, generated parsers vs hand-written; plus a connection-dense trace shaped like a
// real InternetClient capture (bench/dense-trace.ts: ≥ 30,000 short HTTPS connections per 256 MB, part of the
// packets logged pktmon-style several times, a quarter of the connections failing) at 256 MB and 1 GB:
// `analyze --format json`, `info` and `events --format jsonl`, each as a ratio to a bare read of the same file
// in the same run (bench/bare-read.mjs), and `batch` cases/s with one worker and with two.
// Prints tables; asserts nothing. Options: --size-mb N (default 1100), --analyze-size-mb N (default 1100),
// --dense-mb N[,N…] (default 256,1024), --no-synthetic, --no-samples, --no-analyze, --no-dense, --no-batch, --no-queue
// (bench/batch-queue.mjs: cases/minute with 1, 2, 4 local and 2 queue workers, and the enqueue overhead per case).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readdirSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

const root = fileURLToPath(new URL('..', import.meta.url));
const measure = join(root, 'bench', 'measure.mjs');
const sharedEtl = join(root, '..', 'shared', 'samples', 'etl');
const args = process.argv.slice(2);
const sizeMb = (args.includes('--size-mb') && Number(args[args.indexOf('--size-mb') + 1])) || 1100;
const analyzeSizeMb = (args.includes('--analyze-size-mb') && Number(args[args.indexOf('--analyze-size-mb') + 1])) || 1100;
const denseMbs = args.includes('--dense-mb') ? String(args[args.indexOf('--dense-mb') + 1]).split(',').map(Number) : [256, 1024];
const work = mkdtempSync(join(tmpdir(), 'tracedoctor-bench-'));
const devnull = openSync('/dev/null', 'w');

function run(cmd) {
  const r = spawnSync(process.execPath, [measure, ...cmd], { stdio: ['ignore', devnull, 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = r.stderr.split('\n').reverse().find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`no measurement from ${cmd.join(' ')}: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(line.slice(6));
}

function eventCount(file) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'tracedoctor.js'), 'info', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (!r.stdout) throw new Error(`info ${file} (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout).events_total;
}

/** Wall time of a bare read of `file` (bench/bare-read.mjs): the best of three, so the page cache is warm. */
function bareReadMs(file) {
  const times = [0, 1, 2].map(() => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bench', 'bare-read.mjs'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`bare read of ${file} failed`);
    return performance.now() - t0;
  });
  return Math.min(...times);
}

/** The median of three runs of a command (the machine is shared: one run can be slowed by others). */
function median3(cmd) {
  const runs = [0, 1, 2].map(() => run(cmd)).sort((x, y) => x.ms - y.ms);
  return { ...runs[1], maxRssKB: Math.max(...runs.map((r) => r.maxRssKB)), codes: runs.map((r) => r.code).join('/') };
}

const rows = [];
function bench(label, file) {
  const bytes = statSync(file).size;
  const events = eventCount(file);
  const info = run(['info', file, '--format', 'json']);
  const ev = run(['events', file, '--format', 'jsonl']);
  const mb = bytes / 1e6;
  rows.push({
    file: label,
    MB: mb.toFixed(1),
    events,
    'info s': (info.ms / 1000).toFixed(2),
    'info cpu s': (info.cpuMs / 1000).toFixed(2),
    'info MB/s': (mb / (info.ms / 1000)).toFixed(0),
    'info MB/cpu-s': (mb / (info.cpuMs / 1000)).toFixed(0),
    'info RSS MB': (info.maxRssKB / 1024).toFixed(0),
    'events s': (ev.ms / 1000).toFixed(2),
    'events cpu s': (ev.cpuMs / 1000).toFixed(2),
    'events ev/s': Math.round(events / (ev.ms / 1000)),
    'events ev/cpu-s': Math.round(events / (ev.cpuMs / 1000)),
    'events MB/s': (mb / (ev.ms / 1000)).toFixed(1),
    'events RSS MB': (ev.maxRssKB / 1024).toFixed(0),
    exit: `${info.code}/${ev.code}`,
  });
}

/** Events per provider of a trace, from `info --format json`. */
function providerEvents(file) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'tracedoctor.js'), 'info', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (!r.stdout) throw new Error(`info ${file} (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  const info = JSON.parse(r.stdout);
  return { total: info.events_total, byProvider: new Map(info.providers.map((p) => [p.name ?? p.guid, p.events])) };
}

const PACKET_PROVIDER = 'Microsoft-Windows-NDIS-PacketCapture';

async function benchAnalyze(analyzeRows, dissectRows) {
  const { writeLargeTrace } = await import('../dist/samples/generator/large.js');
  const path = join(work, 'packet-heavy.etl');
  try {
    const t0 = performance.now();
    const g = await writeLargeTrace(path, analyzeSizeMb * 1e6);
    const genS = (performance.now() - t0) / 1000;
    const bytes = statSync(path).size;
    const { total, byProvider } = providerEvents(path);
    const packets = byProvider.get(PACKET_PROVIDER) ?? 0;
    const others = [...byProvider].filter(([name]) => name !== PACKET_PROVIDER).map(([name, n]) => `${name.replace(/^Microsoft-Windows-/, '')} ${n}`);
    console.log(
      `\ngenerated ${path}: ${(bytes / 1e6).toFixed(0)} MB, ${total} events (${packets} packet events = ${((100 * packets) / total).toFixed(1)} %; ` +
        `${others.join(', ')}), ${g.connections} connections in ${genS.toFixed(1)} s`,
    );
    // Three runs (the machine is shared: one run can be slowed by others); the median is the figure.
    const runs = [0, 1, 2].map(() => run(['analyze', path, '--format', 'json'])).sort((x, y) => x.ms - y.ms);
    const a = runs[1];
    const mb = bytes / 1e6;
    const bare = bareReadMs(path);
    analyzeRows.push({
      file: `packet-heavy ${(bytes / 1e9).toFixed(2)} GB`,
      MB: mb.toFixed(1),
      events: total,
      connections: g.connections,
      's (median of 3)': (a.ms / 1000).toFixed(2),
      'cpu s': (a.cpuMs / 1000).toFixed(2),
      'MB/s': (mb / (a.ms / 1000)).toFixed(0),
      'MB/s range': `${(mb / (runs[2].ms / 1000)).toFixed(0)}–${(mb / (runs[0].ms / 1000)).toFixed(0)}`,
      'MB/cpu-s': (mb / (a.cpuMs / 1000)).toFixed(0),
      'ev/s': Math.round(total / (a.ms / 1000)),
      '÷ bare read (≤ 8×)': (a.ms / bare).toFixed(1) + '×',
      'peak RSS MB (max)': (Math.max(...runs.map((r) => r.maxRssKB)) / 1024).toFixed(0),
      exit: runs.map((r) => r.code).join('/'),
    });

    // Dissection alone: the hand-written path (src/net/dissect.ts) against the generated parsers it replaces.
    const { openPacketTrace } = await import('../dist/src/providers/packets/trace.js');
    const { dissectFrame } = await import('../dist/src/net/dissect.js');
    const { dissectFrameGenerated } = await import('../dist/src/net/dissect-generated.js');
    const trace = openPacketTrace(path);
    const frames = [];
    try {
      for (const p of trace.packets()) {
        frames.push(p);
        if (frames.length >= 200_000) break;
      }
    } finally {
      trace.close();
    }
    const fmb = frames.reduce((n, p) => n + p.data.length, 0) / 1e6;
    for (const [label, fn] of [['hand-written (src/net/dissect.ts)', dissectFrame], ['generated (formats/net_*.ksy)', dissectFrameGenerated]]) {
      for (const p of frames.slice(0, 20_000)) fn(p); // warm-up
      const s = performance.now();
      let tcp = 0;
      for (const p of frames) if (fn(p).tcp) tcp++;
      const secs = (performance.now() - s) / 1000;
      dissectRows.push({ 'packet dissection': label, frames: frames.length, tcp, s: secs.toFixed(2), 'MB/s': (fmb / secs).toFixed(0), 'frames/s': Math.round(frames.length / secs) });
    }
  } finally {
    rmSync(path, { force: true });
  }
}

async function benchDense(denseRows) {
  const { writeDenseTrace } = await import('../dist/bench/dense-trace.js');
  for (const mbTarget of denseMbs) {
    const path = join(work, `dense-${mbTarget}.etl`);
    try {
      const t0 = performance.now();
      const g = await writeDenseTrace(path, mbTarget * 1e6);
      const bytes = statSync(path).size;
      const mb = bytes / 1e6;
      const { total } = providerEvents(path);
      console.log(
        `\ngenerated ${path}: ${mb.toFixed(0)} MB, ${total} events, ${g.connections} connections (${g.failing} failing, ` +
          `${Math.round((g.connections * 256e6) / bytes)} per 256 MB), ${g.pktmonPackets} packets logged pktmon-style, in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const bare = bareReadMs(path);
      // The 1 GB trace is there for memory: one run of analyze; the smaller one gets the medians of three.
      const full = mbTarget === denseMbs[0];
      const a = full ? median3(['analyze', path, '--format', 'json']) : run(['analyze', path, '--format', 'json']);
      const info = full ? median3(['info', path, '--format', 'json']) : undefined;
      const ev = full ? median3(['events', path, '--format', 'jsonl']) : undefined;
      const ratio = (ms) => (ms / bare).toFixed(1) + '×';
      denseRows.push({
        file: `dense ${mb.toFixed(0)} MB`,
        connections: g.connections,
        events: total,
        'bare read s': (bare / 1000).toFixed(2),
        'analyze s': (a.ms / 1000).toFixed(2),
        'analyze ÷ bare (≤ 8×)': ratio(a.ms),
        'analyze MB/s': (mb / (a.ms / 1000)).toFixed(0),
        'analyze MB/cpu-s': (mb / (a.cpuMs / 1000)).toFixed(0),
        'analyze ev/s': Math.round(total / (a.ms / 1000)),
        'analyze RSS MB (≤ 300)': (a.maxRssKB / 1024).toFixed(0),
        'info ÷ bare (≤ 3×)': info ? ratio(info.ms) : '–',
        'events ev/s (≥ 300k)': ev ? Math.round(total / (ev.ms / 1000)) : '–',
        'events RSS MB': ev ? (ev.maxRssKB / 1024).toFixed(0) : '–',
        exit: [a.codes ?? a.code, info?.codes, ev?.codes].filter(Boolean).join(' '),
      });
    } finally {
      rmSync(path, { force: true });
    }
  }
}

/** `batch` over eight copies of a 16 MB dense trace (one case each), with one worker and with two (medians of 3). */
async function benchBatch(batchRows, threadRows) {
  const { writeDenseTrace } = await import('../dist/bench/dense-trace.js');
  const dir = join(work, 'cases');
  const { mkdirSync, copyFileSync } = await import('node:fs');
  mkdirSync(dir);
  const first = join(dir, 'case-1.etl');
  await writeDenseTrace(first, 16e6);
  const cases = 8;
  for (let i = 2; i <= cases; i++) copyFileSync(first, join(dir, `case-${i}.etl`));
  const perWorkers = [];
  for (const workers of [1, 2]) {
    const out = join(work, `batch-out-${workers}`);
    const r = median3(['batch', dir, '--out-dir', out, '--concurrency', String(workers), '--force']);
    rmSync(out, { recursive: true, force: true });
    const perS = cases / (r.ms / 1000);
    perWorkers.push(perS);
    batchRows.push({
      workers,
      cases,
      's': (r.ms / 1000).toFixed(2),
      'cpu s': (r.cpuMs / 1000).toFixed(2),
      'cpu s/case': (r.cpuMs / 1000 / cases).toFixed(2),
      'cases/s': perS.toFixed(2),
      'vs one worker (≥ 1.7×)': (perS / perWorkers[0]).toFixed(2) + '×',
      'peak RSS MB (main process)': (r.maxRssKB / 1024).toFixed(0),
      exit: r.codes,
    });
  }
  await benchAnalysisThreads(dir, cases, threadRows);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * CPU time of each case analysed one after the other by the batch analysis threads: a fresh thread per case
 * (module loading and JIT warm-up every time) against one thread taking case after case. Process CPU, so the
 * V8 helper threads (GC, compilation) are counted.
 */
async function benchAnalysisThreads(dir, cases, threadRows) {
  const { createWorkerAnalyzer } = await import('../dist/src/batch/analysis.js');
  for (const [label, casesPerThread] of [['fresh thread per case', 1], ['one thread, case after case', undefined]]) {
    const pool = createWorkerAnalyzer(casesPerThread ? { casesPerThread } : {});
    const cpu = [];
    const wall = [];
    try {
      for (let i = 1; i <= cases; i++) {
        const file = join(dir, `case-${i}.etl`);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await pool([{ path: file, format: 'etl', display: file }], { render: { caseId: `case-${i}`, rename: [], format: 'csv' } });
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1e6);
        wall.push((performance.now() - t0) / 1000);
      }
    } finally {
      await pool.close();
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    threadRows.push({
      'analysis threads': label,
      'first case cpu s': cpu[0].toFixed(2),
      'later cases cpu s (median)': median(cpu.slice(1)).toFixed(2),
      'later cases s (median)': median(wall.slice(1)).toFixed(2),
      'threads started': pool.threadsStarted,
    });
  }
}

async function unzipEtl(zipPath) {
  const zip = await new Promise((res, rej) => yauzl.open(zipPath, { lazyEntries: true }, (e, z) => (e ? rej(e) : res(z))));
  const out = [];
  await new Promise((resolve, reject) => {
    zip.on('entry', (entry) => {
      if (!entry.fileName.endsWith('.etl')) return zip.readEntry();
      const target = join(work, basename(entry.fileName));
      zip.openReadStream(entry, (err, s) => {
        if (err) return reject(err);
        pipeline(s, createWriteStream(target)).then(() => (out.push(target), zip.readEntry()), reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

function table(title, list) {
  if (list.length === 0) return;
  const cols = Object.keys(list[0]);
  const width = cols.map((c) => Math.max(c.length, ...list.map((r) => String(r[c]).length)));
  console.log(`\n${title}`);
  console.log(cols.map((c, i) => c.padStart(width[i])).join('  '));
  for (const r of list) console.log(cols.map((c, i) => String(r[c]).padStart(width[i])).join('  '));
}

try {
  if (!args.includes('--no-samples') && existsSync(sharedEtl)) {
    const files = readdirSync(sharedEtl).filter((f) => f.endsWith('.etl')).sort();
    for (const f of files) bench(f, join(sharedEtl, f));
    for (const z of readdirSync(sharedEtl).filter((f) => f === 'perfview_net.4.5.2.x64.etl.zip')) {
      for (const etl of await unzipEtl(join(sharedEtl, z))) bench(`${basename(etl)} (from zip)`, etl);
    }
  } else if (!existsSync(sharedEtl)) console.log('note: ../shared/samples/etl absent — real samples not measured');

  const walkRows = [];
  if (!args.includes('--no-synthetic')) {
    const { SyntheticEtlWriter, eventHeaderRecord, systemRecord, traceLoggingExt } = await import('../dist/bench/synthetic-etl.js');
    const path = join(work, 'synthetic.etl');
    const t0 = performance.now();
    const cpus = 4;
    const w = new SyntheticEtlWriter(path, { bufferSize: 64 * 1024, cpus, loggerName: 'BenchSession' });
    const tl = traceLoggingExt('Bench-Http', 'Request', [['Url', 2], ['Status', 8], ['Bytes', 10], ['Client', 15]]);
    const url = Buffer.from('https://outlook.office365.com/EWS/Exchange.asmx\0', 'latin1');
    const tlPayload = new Uint8Array(url.length + 4 + 8 + 16);
    tlPayload.set(url, 0);
    new DataView(tlPayload.buffer).setUint32(url.length, 200, true);
    const templates = [
      eventHeaderRecord({ tid: 1200, pid: 4400, time: 0n, provider: '9c1d0e1a-4a2b-5c3d-8e4f-0a1b2c3d4e5f', id: 1, level: 4, keyword: 0x8000000000000000n, ext: tl, payload: tlPayload }),
      eventHeaderRecord({ tid: 1300, pid: 4400, time: 0n, provider: '7dd42a49-5329-4832-8dfd-43d979153a88', id: 10, level: 4, keyword: 0x8000000000000010n, payload: new Uint8Array(36).fill(7) }),
      systemRecord({ hookId: 0x0524, version: 2, tid: 0, pid: 0, time: 0n, payload: new Uint8Array(24).fill(3) }),
    ];
    const limit = sizeMb * 1e6;
    let t = w.syncQpc + 1000n;
    let events = 0;
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    while (w.size < limit) {
      for (let i = 0; i < 4096; i++) {
        t += BigInt(1 + ((rnd() * 20) | 0));
        const x = rnd();
        const rec = templates[x < 0.7 ? 0 : x < 0.9 ? 1 : 2];
        new DataView(rec.buffer, rec.byteOffset).setBigUint64(0x10, t, true);
        w.add((rnd() * cpus) | 0, rec, t);
        events++;
      }
    }
    w.finish();
    const genS = (performance.now() - t0) / 1000;
    console.log(`\ngenerated ${path}: ${(statSync(path).size / 1e6).toFixed(0)} MB, ${events} events, ${cpus} CPUs, 64 KiB buffers in ${genS.toFixed(1)} s`);
    bench(`synthetic ${(statSync(path).size / 1e9).toFixed(2)} GB`, path);

    // The record walk alone over the first 2,000 buffers: generated parser vs the hand-written path.
    const { openEtl } = await import('../dist/src/etl/index.js');
    const { BufferLoader } = await import('../dist/src/etl/buffer-loader.js');
    const { RecordCursor } = await import('../dist/src/etl/records.js');
    const { GuidCache } = await import('../dist/src/etl/guid-cache.js');
    const { generatedRecords } = await import('../dist/src/etl/records-generated.js');
    const f = openEtl(path);
    const fd = openSync(path, 'r');
    const loader = new BufferLoader(fd, path, 0, () => {});
    const buffers = f.buffers.slice(1, 2001).map((b) => ({ b, bytes: loader.load(b) }));
    const mb = buffers.reduce((n, x) => n + x.bytes.length, 0) / 1e6;
    const time = (fn) => {
      const s = performance.now();
      const n = fn();
      return { n, s: (performance.now() - s) / 1000 };
    };
    const hand = time(() => {
      let n = 0;
      const c = new RecordCursor(new GuidCache(), 8, () => {});
      for (const { b, bytes } of buffers) {
        c.reset(bytes, 0x48, bytes.length, b.cpu, b.offset);
        while (c.next()) {
          const raw = c.rawTime();
          c.toRawEvent(raw, raw);
          n++;
        }
      }
      return n;
    });
    const gen = time(() => {
      let n = 0;
      for (const { b, bytes } of buffers) for (const _ of generatedRecords(bytes, 0x48, bytes.length, { cpu: b.cpu, bufferOffset: b.offset, defaultPointerSize: 8, toFiletime: (r) => r })) n++;
      return n;
    });
    for (const [label, r] of [['hand-written (src/etl/records.ts)', hand], ['generated (formats/etl.ksy)', gen]]) {
      walkRows.push({ 'record walk → RawEvent': label, records: r.n, s: r.s.toFixed(2), 'MB/s': (mb / r.s).toFixed(0), 'records/s': Math.round(r.n / r.s) });
    }
    closeSync(fd);
    f.close();
    rmSync(path, { force: true });
  }
  const analyzeRows = [];
  const dissectRows = [];
  if (!args.includes('--no-analyze')) await benchAnalyze(analyzeRows, dissectRows);
  const denseRows = [];
  if (!args.includes('--no-dense')) await benchDense(denseRows);
  const batchRows = [];
  const threadRows = [];
  if (!args.includes('--no-batch')) await benchBatch(batchRows, threadRows);
  const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ');
  table(`tracedoctor info / events --format jsonl — wall and CPU time incl. module loading, peak RSS (load average ${load})`, rows);
  table('record walk only, 2,000 buffers of the synthetic trace already in memory', walkRows);
  table(`tracedoctor analyze --format json — wall and CPU time incl. module loading and report, peak RSS (target ≥ 150 MB/s, < 300 MB)`, analyzeRows);
  table('packet dissection only, the first 200,000 frames of the analyze trace already in memory', dissectRows);
  table(`connection-dense trace (load average ${load}) — wall time as a ratio to a bare read of the same file (medians of 3 at ${denseMbs[0]} MB; one analyze run at the larger sizes)`, denseRows);
  table('tracedoctor batch — eight 16 MB dense cases, --force (medians of 3)', batchRows);
  table('batch analysis threads — the same eight cases one after the other, CPU s per case incl. V8 helper threads', threadRows);
  // Batch in cases/minute (1, 2, 4 local workers; 2 queue workers) and the enqueue overhead: bench/batch-queue.mjs.
  if (!args.includes('--no-queue')) spawnSync(process.execPath, [join(root, 'bench', 'batch-queue.mjs')], { stdio: 'inherit' });
} finally {
  closeSync(devnull);
  rmSync(work, { recursive: true, force: true });
}
