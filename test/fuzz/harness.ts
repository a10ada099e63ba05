// The fuzz loop: fast-check draws plans (seed, target, one to three mutations), a worker thread runs each mutated
// input with a watchdog, and every input that crashes or hangs is saved with the command line that reproduces it.
// Many inputs per process: the worker is replaced only after a hang or a crash of the thread itself.
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { mapSeed, type SeedMap } from './seed-map.js';
import { MUTATIONS, effectiveKind, mutate, type Mutation } from './mutations.js';
import { TARGETS, commandFor, type Target } from './targets.js';
import type { WorkRequest, WorkResult } from './worker.js';

export interface Seed {
  name: string;
  bytes: Uint8Array;
  map: SeedMap;
}

export interface FuzzOptions {
  seeds: Seed[];
  /** fast-check seed of the first batch (batch k uses seed + k). */
  seed: number;
  /** Stop after this many inputs... */
  inputs: number;
  /** ...or after this many seconds, whichever comes first. */
  seconds: number;
  /** Per-input watchdog. */
  timeoutMs: number;
  /** Where crashing and hanging inputs are saved. */
  outDir: string;
  /** Progress line every this many ms (0: none). */
  reportEveryMs?: number;
  log?: (line: string) => void;
  /** The worker script (default: worker.js); the harness's own test plants a hanging and a crashing one. */
  workerUrl?: URL;
}

export interface Finding {
  kind: 'crash' | 'hang';
  target: Target;
  file: string;
  error: string;
}

export interface FuzzSummary {
  inputs: number;
  seconds: number;
  crashes: number;
  hangs: number;
  byTarget: Record<string, number>;
  byMutation: Record<string, number>;
  /** Inputs read to the end (`read`) and inputs refused with a typed error (`refused`, exit 65/66). */
  byOutcome: { read: number; refused: number };
  maxRssMb: number;
  findings: Finding[];
}

interface Plan {
  seed: number;
  target: Target;
  mutations: Mutation[];
}

const word = fc.nat({ max: 0x7fffffff });
const planArb: fc.Arbitrary<Plan> = fc.record({
  seed: fc.nat(),
  target: fc.constantFrom(...TARGETS),
  mutations: fc.array(fc.record({ kind: fc.constantFrom(...MUTATIONS), a: word, b: word, c: fc.nat({ max: 0xffffffff }) }), { minLength: 1, maxLength: 3 }),
});

/** Largest seed kept whole; bigger ones are cut (a cut trace is a valid input too) so throughput stays high. */
const MAX_SEED_BYTES = 128 * 1024;
/** Distinct findings saved at most (the count goes on). */
const MAX_SAVED = 200;
const BATCH = 500;

/** Loads seeds from files and directories (non-recursive); mapping needs a path, so each is written once to scratch. */
export function loadSeeds(paths: string[]): Seed[] {
  const scratch = mkdtempSync(join(tmpdir(), 'tracedoctor-fuzz-seed-'));
  const seeds: Seed[] = [];
  try {
    const files: string[] = [];
    for (const p of paths) {
      if (!existsSync(p)) continue;
      if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) files.push(join(p, f));
      else files.push(p);
    }
    for (const f of files) {
      if (!statSync(f).isFile() || /\.(md|zip|ts|json)$/i.test(f)) continue;
      const bytes = new Uint8Array(readFileSync(f)).subarray(0, MAX_SEED_BYTES);
      const tmp = join(scratch, `seed-${seeds.length}`);
      writeFileSync(tmp, bytes);
      seeds.push({ name: basename(f), bytes, map: mapSeed(tmp, bytes) });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return seeds;
}

class Runner {
  private worker!: Worker;
  /** Settles once the thread runs: the watchdog times an input, not the start of a fresh thread on a busy machine. */
  private online!: Promise<unknown>;
  private pending: { id: number; resolve: (r: WorkResult | 'hang' | { threadError: string }) => void; timer: NodeJS.Timeout } | undefined;

  constructor(
    private readonly scratch: string,
    private readonly timeoutMs: number,
    private readonly workerUrl: URL,
  ) {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(this.workerUrl, {
      workerData: { scratch: this.scratch },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    this.online = new Promise((resolve) => {
      this.worker.once('online', resolve);
      this.worker.once('exit', resolve);
    });
    this.worker.on('message', (r: WorkResult) => this.settle(r));
    this.worker.on('error', (err) => this.settle({ threadError: err.stack ?? String(err) }));
    this.worker.on('exit', (code) => this.settle({ threadError: `worker exited with code ${code}` }));
    this.worker.unref();
  }

  private settle(r: WorkResult | 'hang' | { threadError: string }): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.resolve(r);
  }

  async run(req: WorkRequest): Promise<WorkResult | 'hang' | { threadError: string }> {
    // The thread is unreferenced between inputs; while it starts, nothing else keeps the process alive.
    this.worker.ref();
    await this.online;
    this.worker.unref();
    const r = await new Promise<WorkResult | 'hang' | { threadError: string }>((resolve) => {
      const timer = setTimeout(() => this.settle('hang'), this.timeoutMs);
      this.pending = { id: req.id, resolve, timer };
      this.worker.postMessage(req);
    });
    if (r === 'hang' || 'threadError' in r) await this.restart();
    return r;
  }

  private async restart(): Promise<void> {
    const w = this.worker;
    w.removeAllListeners();
    await w.terminate();
    this.start();
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners();
    await this.worker.terminate();
  }
}

/** The plan's seed, or the next one that has the structure its first mutation aims at. */
function seedFor(seeds: Seed[], plan: Plan): Seed {
  const first = plan.mutations[0]!.kind;
  for (let i = 0; i < seeds.length; i++) {
    const s = seeds[(plan.seed + i) % seeds.length]!;
    if (effectiveKind(first, s.map) === first) return s;
  }
  return seeds[plan.seed % seeds.length]!;
}

function describePlan(plan: Plan, seed: Seed): string {
  return `seed ${seed.name} (${seed.bytes.length} bytes), target ${plan.target}, mutations ${plan.mutations.map((m) => `${m.kind}(${m.a},${m.b},${m.c})`).join(' → ')}`;
}

/** Runs the loop; resolves with the tally. Findings are saved as they happen. */
export async function fuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  if (opts.seeds.length === 0) throw new Error('no seeds');
  const log = opts.log ?? (() => {});
  const scratchDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tracedoctor-fuzz-'));
  const runner = new Runner(join(scratchDir, 'input'), opts.timeoutMs, opts.workerUrl ?? new URL('./worker.js', import.meta.url));
  const summary: FuzzSummary = { inputs: 0, seconds: 0, crashes: 0, hangs: 0, byTarget: {}, byMutation: {}, byOutcome: { read: 0, refused: 0 }, maxRssMb: 0, findings: [] };
  const signatures = new Set<string>();
  const t0 = Date.now();
  let lastReport = t0;
  const deadline = t0 + opts.seconds * 1000;
  try {
    for (let batch = 0; summary.inputs < opts.inputs && Date.now() < deadline; batch++) {
      const plans = fc.sample(planArb, { seed: opts.seed + batch, numRuns: BATCH });
      for (const plan of plans) {
        if (summary.inputs >= opts.inputs || Date.now() >= deadline) break;
        const seed = seedFor(opts.seeds, plan);
        let bytes = seed.bytes;
        for (const m of plan.mutations) {
          bytes = mutate(bytes, seed.map, m);
          const kind = effectiveKind(m.kind, seed.map);
          summary.byMutation[kind] = (summary.byMutation[kind] ?? 0) + 1;
        }
        summary.inputs++;
        summary.byTarget[plan.target] = (summary.byTarget[plan.target] ?? 0) + 1;
        const r = await runner.run({ id: summary.inputs, target: plan.target, bytes });
        if (r !== 'hang' && 'ok' in r && r.ok) {
          summary.byOutcome[r.outcome!]++;
          continue;
        }
        const kind = r === 'hang' ? 'hang' : 'crash';
        const error = r === 'hang' ? `no answer within ${opts.timeoutMs} ms` : 'threadError' in r ? r.threadError : r.error!;
        if (kind === 'hang') summary.hangs++;
        else summary.crashes++;
        const finding = save(opts.outDir, kind, plan, seed, bytes, error, signatures, summary.findings.length);
        if (finding) {
          summary.findings.push(finding);
          log(`${kind}: ${finding.file}: ${error.split('\n')[0]}`);
        }
      }
      const now = Date.now();
      if (opts.reportEveryMs && now - lastReport >= opts.reportEveryMs) {
        lastReport = now;
        summary.maxRssMb = Math.max(summary.maxRssMb, Math.round(process.resourceUsage().maxRSS / 1024));
        log(progressLine(summary, (now - t0) / 1000));
      }
    }
  } finally {
    await runner.stop();
    rmSync(scratchDir, { recursive: true, force: true });
  }
  summary.seconds = (Date.now() - t0) / 1000;
  summary.maxRssMb = Math.max(summary.maxRssMb, Math.round(process.resourceUsage().maxRSS / 1024));
  return summary;
}

export function progressLine(s: FuzzSummary, seconds: number): string {
  return `${s.inputs} inputs in ${seconds.toFixed(0)} s (${(s.inputs / Math.max(seconds, 0.001)).toFixed(0)}/s), ${s.crashes} crashes, ${s.hangs} hangs, max RSS ${s.maxRssMb} MB`;
}

/** Saves a finding (input bytes + a .txt with the command line, the plan and the error); undefined for a repeat. */
function save(outDir: string, kind: Finding['kind'], plan: Plan, seed: Seed, bytes: Uint8Array, error: string, signatures: Set<string>, saved: number): Finding | undefined {
  // One saved crash per distinct error location (the first stack frame in the project); hangs have no stack, so
  // every hanging input is kept.
  const sha = createHash('sha1').update(bytes).digest('hex').slice(0, 12);
  const frame = error.split('\n').find((l) => l.includes('/dist/src/')) ?? error.split('\n')[0]!;
  const signature = kind === 'hang' ? `hang:${sha}` : `${kind}:${plan.target}:${frame.trim()}`;
  if (signatures.has(signature) || saved >= MAX_SAVED) return undefined;
  signatures.add(signature);
  mkdirSync(outDir, { recursive: true });
  const name = `${kind}-${plan.target}-${sha}`;
  const file = join(outDir, `${name}.bin`);
  writeFileSync(file, bytes);
  writeFileSync(join(outDir, `${name}.txt`), `${commandFor(plan.target, file)}\n\n${describePlan(plan, seed)}\n\n${error}\n`);
  return { kind, target: plan.target, file, error };
}
