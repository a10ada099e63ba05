// Kernel (SYSTEM/COMPACT/PERFINFO) records carry no GUID: the hook id's group byte selects the classic event
// class GUID. The table is data, from the kernel MOF classes (wmicore.mof): [group, class GUID, class name].

export const KERNEL_GROUPS: ReadonlyArray<readonly [number, string, string]> = [
  [0x00, '68fdd900-4a3e-11d1-84f4-0000f80464e3', 'EventTrace'],
  [0x01, '3d6fa8d4-fe05-11d0-9dda-00c04fd7ba7c', 'DiskIo'],
  [0x02, '3d6fa8d3-fe05-11d0-9dda-00c04fd7ba7c', 'PageFault'],
  [0x03, '3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c', 'Process'],
  [0x04, '90cbdc39-4a3e-11d1-84f4-0000f80464e3', 'FileIo'],
  [0x05, '3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c', 'Thread'],
  [0x06, '9a280ac0-c8e0-11d1-84e2-00c04fb998a2', 'TcpIp'],
  [0x07, '3282fc76-feed-498e-8aa7-e70f459d430e', 'Job'],
  [0x08, 'bf3a50c5-a9c9-4988-a005-2df0b7c80f80', 'UdpIp'],
  [0x09, 'ae53722e-c863-11d2-8659-00c04fa321a1', 'Registry'],
  [0x0a, '13976d09-a327-438c-950b-7f03192815c7', 'DbgPrint'],
  [0x0b, '01853a65-418f-4f36-aefc-dc0f1d2fd235', 'Config'],
  [0x0d, '42695762-ea50-497a-9068-5cbbb35e0b95', 'Wnf'],
  [0x0e, '0268a8b6-74fd-4302-9dd0-6e8f1795c0cf', 'Pool'],
  [0x0f, 'ce1dbfb4-137e-4da6-87b0-3f59aa102cbc', 'PerfInfo'],
  [0x10, '222962ab-6180-4b88-a825-346b75f2a24a', 'Heap'],
  [0x11, '89497f50-effe-4440-8cf2-ce6b1cdcaca7', 'Object'],
  [0x12, 'e43445e0-0903-48c3-b878-ff0fccebdd04', 'Power'],
  [0x13, 'a9152f00-3f58-4bee-92a1-70c7d079d5dd', 'ModBound'],
  [0x14, '2cb15d1d-5fc1-11d2-abe1-00a0c911f518', 'ImageLoad'],
  [0x15, 'b2d14872-7c5b-463d-8419-ee9bf7d23e04', 'Dpc'],
  [0x16, '7687a439-f752-45b8-b741-321aec0f8df9', 'Cc'],
  [0x17, '3ac66736-cc59-4cff-8115-8df50e39816b', 'CritSec'],
  [0x18, 'def2fe46-7bd6-4b80-bd94-f57fe20d0ce3', 'StackWalk'],
  [0x19, '9aec974b-5b8e-4118-9b92-3186d8002ce5', 'Ums'],
  [0x1a, '45d8cccd-539f-4b72-a8b7-5c683142609a', 'ALPC'],
  [0x1b, 'd837ca92-12b9-44a5-ad6a-3a65b3578aa8', 'SplitIo'],
  [0x1c, 'c861d0e2-a2c1-4d36-9f9c-970bab943a12', 'ThreadPool'],
];

/** Group byte → class GUID. */
export const KERNEL_GROUP_GUIDS: ReadonlyMap<number, string> = new Map(KERNEL_GROUPS.map(([g, guid]) => [g, guid]));
/** Class GUID → kernel class name (`Process`, `Thread`, `EventTrace`, …). */
export const KERNEL_GROUP_NAMES: ReadonlyMap<string, string> = new Map(KERNEL_GROUPS.map(([, guid, name]) => [guid, name]));

/**
 * GUID for a kernel hook id. Groups without a known class GUID get a stable synthetic one
 * (`00000000-0000-0000-0000-0000000000GG`) so that they still group and filter per kernel group.
 */
export function kernelGroupGuid(hookId: number): string {
  return BY_GROUP[(hookId >>> 8) & 0xff]!;
}

// Precomputed per group byte: this lookup runs once per kernel record.
const BY_GROUP: string[] = Array.from(
  { length: 256 },
  (_, group) => KERNEL_GROUP_GUIDS.get(group) ?? `00000000-0000-0000-0000-0000000000${group.toString(16).padStart(2, '0')}`,
);
