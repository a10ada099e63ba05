// Reads our pcapng exports back with Wireshark's tshark (when installed) and compares its TLS view per frame.
import { spawnSync } from 'node:child_process';

export const hasTshark = spawnSync('tshark', ['--version'], { encoding: 'utf8' }).status === 0;

export interface TsharkFrame {
  frame: number;
  handshakeTypes: number[];
  recordVersions: number[];
  tcpSeq?: number;
  tcpLen?: number;
}

export interface TsharkRead {
  status: number;
  stderr: string;
  frames: TsharkFrame[];
}

const list = (s: string | undefined, radix: number) => (s ? s.split(',').filter(Boolean).map((x) => parseInt(x, radix)) : []);

/** `tshark -r FILE -T fields -e frame.number -e tls.handshake.type -e tls.record.version` (+ TCP seq/len). */
export function tsharkFields(file: string): TsharkRead {
  const r = spawnSync(
    'tshark',
    ['-r', file, '-T', 'fields', '-e', 'frame.number', '-e', 'tls.handshake.type', '-e', 'tls.record.version', '-e', 'tcp.seq', '-e', 'tcp.len'],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const frames: TsharkFrame[] = [];
  for (const line of (r.stdout ?? '').split('\n')) {
    if (!line.trim()) continue;
    const [n, hs, rv, seq, len] = line.split('\t');
    const f: TsharkFrame = { frame: Number(n), handshakeTypes: list(hs, 10), recordVersions: list(rv, 16) };
    if (seq) f.tcpSeq = Number(seq);
    if (len) f.tcpLen = Number(len);
    frames.push(f);
  }
  // tshark warns on stderr when run as root; only real read problems matter.
  const stderr = (r.stderr ?? '')
    .split('\n')
    .filter((l) => l.trim() && !/Running as user "root"/.test(l))
    .join('\n');
  return { status: r.status ?? -1, stderr, frames };
}

export interface OurRecordNote {
  packet: number;
  version: number;
  handshakeTypes: number[];
  partial: boolean;
}

/**
 * Agreement rules, per frame:
 * - where tshark shows TLS records in a frame we analysed (not a repeated appearance) within the reassembly
 *   window, we show records with the same versions and at least tshark's handshake types;
 * - every record we saw complete is shown by tshark in the same frame with the same version and handshake types;
 * - records we saw only in part (cut by the capture) may be missing from tshark, which cannot reassemble them.
 * Returns the disagreements (empty when all agree) and how many frames were compared.
 */
export function compareTls(
  ours: OurRecordNote[],
  theirs: TsharkFrame[],
  opts: { repeated: ReadonlySet<number>; window: number },
): { compared: number; problems: string[] } {
  const byFrame = new Map<number, OurRecordNote[]>();
  for (const n of ours) byFrame.set(n.packet, [...(byFrame.get(n.packet) ?? []), n]);
  const tsharkByFrame = new Map(theirs.map((f) => [f.frame, f]));
  const problems: string[] = [];
  let compared = 0;
  const set = (xs: number[]) => JSON.stringify([...new Set(xs)].sort((a, b) => a - b));
  for (const t of theirs) {
    if (t.recordVersions.length === 0 || opts.repeated.has(t.frame)) continue;
    if (t.tcpSeq !== undefined && t.tcpLen !== undefined && t.tcpSeq - 1 + t.tcpLen > opts.window) continue;
    compared++;
    const o = byFrame.get(t.frame) ?? [];
    if (set(o.map((x) => x.version)) !== set(t.recordVersions)) {
      problems.push(`frame ${t.frame}: tshark record versions ${set(t.recordVersions)}, ours ${set(o.map((x) => x.version))}`);
    } else if (!t.handshakeTypes.every((h) => o.some((x) => x.handshakeTypes.includes(h)))) {
      problems.push(`frame ${t.frame}: tshark handshake types ${set(t.handshakeTypes)}, ours ${set(o.flatMap((x) => x.handshakeTypes))}`);
    }
  }
  for (const [frame, notes] of byFrame) {
    const t = tsharkByFrame.get(frame);
    for (const n of notes) {
      if (n.partial) {
        if (t && t.recordVersions.length > 0 && !t.recordVersions.includes(n.version)) {
          problems.push(`frame ${frame}: partial record version 0x${n.version.toString(16)} not what tshark shows`);
        }
        continue;
      }
      compared++;
      if (!t || !t.recordVersions.includes(n.version)) {
        problems.push(`frame ${frame}: our complete record 0x${n.version.toString(16)} missing in tshark`);
      } else if (set(n.handshakeTypes.filter((h) => !t.handshakeTypes.includes(h))) !== '[]') {
        problems.push(`frame ${frame}: our handshake types ${set(n.handshakeTypes)}, tshark ${set(t.handshakeTypes)}`);
      }
    }
  }
  return { compared, problems };
}
