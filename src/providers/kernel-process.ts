// Process id → image name: the classic kernel Process events (start/end and the rundown at trace start/stop),
// Microsoft-Windows-Kernel-Process, and hints from other providers that name the process they ran in.
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation, ProcessInfo } from './observations.js';
import { base, type ProviderModule } from './module.js';
import { numberField, stringField } from './fields.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

/** Classic kernel Process event types (opcode): 1 start, 2 end, 3 DCStart, 4 DCEnd, 39 defunct. */
const CLASSIC_PHASE: Readonly<Record<number, ProcessInfo['phase']>> = { 1: 'start', 2: 'end', 3: 'rundown', 4: 'rundown', 39: 'end' };
/** Microsoft-Windows-Kernel-Process: 1 ProcessStart, 2 ProcessStop. */
const MANIFEST_PHASE: Readonly<Record<number, ProcessInfo['phase']>> = { 1: 'start', 2: 'end' };

/** `\Device\HarddiskVolume2\Windows\System32\foo.exe` → `foo.exe`. */
export function imageBaseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** A process observation for the event's own process, from a name another provider reports. */
export function processHint(ev: TraceEvent, ref: EvidenceRef, image: string | undefined, path?: string, pid = ev.pid): ProcessInfo | undefined {
  if (image === undefined || image === '' || pid <= 0) return undefined;
  return {
    kind: 'process',
    ...base(ev, ref),
    processId: pid,
    image: imageBaseName(image),
    phase: 'hint',
    ...(path !== undefined && /[\\/]/.test(path) ? { path } : {}),
  };
}

function fromFields(ev: TraceEvent, ref: EvidenceRef, phase: ProcessInfo['phase']): Observation[] {
  const pid = numberField(ev.fields, ['ProcessId', 'ProcessID']);
  const image = stringField(ev.fields, 'ImageFileName', 'ImageName');
  if (pid === undefined || image === undefined) return [];
  const path = /[\\/]/.test(image) ? image : undefined;
  return [
    {
      kind: 'process',
      ...base(ev, ref),
      processId: pid,
      image: imageBaseName(image),
      ...(phase !== undefined ? { phase } : {}),
      ...(path !== undefined ? { path } : {}),
    },
  ];
}

export const kernelProcess: ProviderModule = {
  name: 'MSNT_SystemTrace/Process',
  guids: [PROVIDER_GUIDS.kernelProcessClassic],
  aliases: ['Process', 'Windows Kernel/Process'],
  create() {
    return (ev, ref) => {
      // Classic records carry the event type in the opcode; the reader may also put it in the id.
      const phase = CLASSIC_PHASE[ev.opcode] ?? CLASSIC_PHASE[ev.id];
      return phase === undefined ? [] : fromFields(ev, ref, phase);
    };
  },
};

export const kernelProcessManifest: ProviderModule = {
  name: 'Microsoft-Windows-Kernel-Process',
  guids: [PROVIDER_GUIDS.kernelProcess],
  ids: new Set([1, 2]),
  create() {
    return (ev, ref) => {
      const phase = MANIFEST_PHASE[ev.id];
      return phase === undefined ? [] : fromFields(ev, ref, phase);
    };
  },
};
