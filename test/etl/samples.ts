// The real .etl samples in ../shared (through test/helpers/paths.ts), with the .etl.zip members extracted to a
// temporary directory, and the expected contents from ../shared/samples/etl/SOURCES.md.
import { mkdtempSync, readdirSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { hasShared, sharedEtlDir } from '../helpers/paths.js';

export interface Expected {
  /** "Header types" column of SOURCES.md (kind abbreviation + payload pointer width). */
  headers: string;
  buffers: number;
  compressed: number;
}

/** SOURCES.md "What is inside" table. Zip members are keyed `zip-name:member-base-name`. */
export const EXPECTED: Record<string, Expected> = {
  'attackhost_netsh_ndis_trace.etl': { headers: 'EH64:1 FULL64:98 SYS64:3', buffers: 3, compressed: 0 },
  'pktmon_paul90317_Gobang.etl': { headers: 'EH64:1096 FULL64:96 SYS64:3', buffers: 3, compressed: 2 },
  'pktmon_dolphin2410_gdn.etl': { headers: 'EH64:846 FULL64:90 SYS64:3', buffers: 3, compressed: 2 },
  'pktmon_nathaniel_vpn_7119f51.etl': { headers: 'EH64:4514 FULL64:84 SYS64:3', buffers: 5, compressed: 4 },
  'perfview_net.4.5.2.x64.etl.zip:net.4.5.2.x64.etl': {
    headers: 'EH32:33378 EH64:34765 FULL32:27 FULL64:7956 PI64:100157 SYS32:2 SYS64:3189',
    buffers: 360,
    compressed: 359,
  },
  'perfview_smallEtlFile.etl': { headers: 'EH32:1 SYS32:1', buffers: 2, compressed: 1 },
  'perfview_SelfDescribingSingleEvent.etl': { headers: 'EH64:1 FULL64:18 SYS64:4', buffers: 3, compressed: 2 },
  'perfview_primitive-types.etl': { headers: 'EH64:5 SYS64:2', buffers: 2, compressed: 0 },
  'perfview_primitive-types.etl.zip:primitive-types.etl': { headers: 'EH64:5 SYS64:2', buffers: 2, compressed: 0 },
  'perfview_gcevents_PerfViewData.etl': { headers: 'EH64:69 SYS64:2', buffers: 5, compressed: 0 },
  'perfview_gcevents.etl.zip:PerfViewData.etl': { headers: 'EH64:69 SYS64:2', buffers: 5, compressed: 0 },
  'perfview_gcrundownevents_PerfViewData.clrRundown.etl': { headers: 'EH64:110 SYS64:2', buffers: 2, compressed: 0 },
  'perfview_gcrundownevents.etl.zip:PerfViewData.clrRundown.etl': { headers: 'EH64:110 SYS64:2', buffers: 2, compressed: 0 },
  'airbus_AMSITrace.etl': { headers: 'EH64:19 SYS64:2', buffers: 6, compressed: 0 },
  'airbus_ShutdownPerfDiagLogger.etl': { headers: 'PI64:8645 SYS64:8433', buffers: 49, compressed: 0 },
  'airbus_lxcore_kernel.etl': { headers: 'EH64:2 SYS64:2', buffers: 3, compressed: 0 },
  'tx_HTTP_Server.etl': { headers: 'EH64:2041 SYS64:1', buffers: 36, compressed: 0 },
  'tx_KernelNetwork.etl': { headers: 'EH64:8923 SYS64:1', buffers: 129, compressed: 0 },
  'tx_Process.etl': { headers: 'EH64:10343 SYS64:1', buffers: 182, compressed: 0 },
  'tx_BondEtwSample.etl': { headers: 'EH64:12 SYS64:1', buffers: 3, compressed: 0 },
  'krabsetw_powershell.etl': { headers: 'EH64:112 SYS64:2', buffers: 26, compressed: 0 },
  'sonde_test.etl': { headers: 'EH64:9 FULL64:97 PI64:2 SYS64:4', buffers: 9, compressed: 0 },
  'hw3d_trace.etl': { headers: 'EH64:1 SYS64:2', buffers: 2, compressed: 0 },
};

export interface Sample {
  /** Key into EXPECTED. */
  name: string;
  path: string;
}

let extracted: { dir: string; samples: Sample[] } | undefined;

async function extractEtlMembers(zipPath: string, dir: string): Promise<Sample[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))),
  );
  const out: Sample[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.toLowerCase().endsWith('.etl')) return zip.readEntry();
      const target = join(dir, `${basename(zipPath)}-${basename(entry.fileName)}`);
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        pipeline(stream!, createWriteStream(target))
          .then(() => {
            out.push({ name: `${basename(zipPath)}:${basename(entry.fileName)}`, path: target });
            zip.readEntry();
          })
          .catch(reject);
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return out;
}

/** Every real sample: the plain .etl files and the .etl members of the .etl.zip files (extracted once). */
export async function realSamples(): Promise<Sample[]> {
  if (!hasShared) return [];
  if (extracted) return extracted.samples;
  const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-etl-'));
  const samples: Sample[] = [];
  for (const f of readdirSync(sharedEtlDir).sort()) {
    if (f.endsWith('.etl')) samples.push({ name: f, path: join(sharedEtlDir, f) });
    else if (f.endsWith('.etl.zip')) samples.push(...(await extractEtlMembers(join(sharedEtlDir, f), dir)));
  }
  extracted = { dir, samples };
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return samples;
}

/** SOURCES.md notation of a record: SYS / PI / FULL / EH (+ INST, COMPACT, MSG) with the pointer width. */
export function headerLabel(kind: string, pointerSize: number): string {
  const abbr: Record<string, string> = { system: 'SYS', compact: 'COMPACT', perfinfo: 'PI', full: 'FULL', instance: 'INST', event_header: 'EH', message: 'MSG' };
  return `${abbr[kind]}${pointerSize * 8}`;
}
