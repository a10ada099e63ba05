// Per-Windows-version facts the writer reproduces: version numbers, QPC frequency, buffer-context layout.

export interface OsProfile {
  /** Human label used in the README and CLI listing. */
  label: string;
  major: number;
  minor: number;
  build: number;
  /** Windows 7 / 2008 R2 writers use the old buffer context (u8 CPU, u8 alignment 8) and no PROC_INDEX flag. */
  legacyBufferContext: boolean;
  /** Windows 7 leaves SavedOffset = 0 in the header buffer. */
  headerSavedOffsetZero: boolean;
  /** QPC frequency in Hz (10 MHz since Windows 10 1607; TSC/HPET-derived values before). */
  perfFreq: bigint;
  timerResolution: number;
  /** The two small integers found in the logfile header's LoggerName/LogFileName pointer slots. */
  headerSlots: readonly [number, number];
  /** Builds ≥ 18362 add an undocumented hook 0x0050 event after the logfile header. */
  hook0050: boolean;
  /** NDIS-PacketCapture 1001 carries GftFlowEntryId/GftOffloadInformation (Windows 10 and later). */
  ndisGftFields: boolean;
  /** WebIO 728-730 are logged with template version 1 (CipherConfig) on newer Windows 10/11 builds. */
  webioAchVersion: 0 | 1;
}

export const OS = {
  win7sp1: {
    label: 'Windows 7 SP1 (6.1.7601)',
    major: 6,
    minor: 1,
    build: 7601,
    legacyBufferContext: true,
    headerSavedOffsetZero: true,
    perfFreq: 2_337_919n,
    timerResolution: 156001,
    headerSlots: [5, 6],
    hook0050: false,
    ndisGftFields: false,
    webioAchVersion: 0,
  },
  server2012: {
    label: 'Windows Server 2012 (6.2.9200)',
    major: 6,
    minor: 2,
    build: 9200,
    legacyBufferContext: false,
    headerSavedOffsetZero: false,
    perfFreq: 2_929_685n,
    timerResolution: 156250,
    headerSlots: [5, 6],
    hook0050: false,
    ndisGftFields: false,
    webioAchVersion: 0,
  },
  server2012r2: {
    label: 'Windows Server 2012 R2 (6.3.9600)',
    major: 6,
    minor: 3,
    build: 9600,
    legacyBufferContext: false,
    headerSavedOffsetZero: false,
    perfFreq: 2_531_250n,
    timerResolution: 156250,
    headerSlots: [5, 6],
    hook0050: false,
    ndisGftFields: false,
    webioAchVersion: 0,
  },
  server2016: {
    label: 'Windows Server 2016 (10.0.14393)',
    major: 10,
    minor: 0,
    build: 14393,
    legacyBufferContext: false,
    headerSavedOffsetZero: false,
    perfFreq: 10_000_000n,
    timerResolution: 156250,
    headerSlots: [9, 7],
    hook0050: false,
    ndisGftFields: true,
    webioAchVersion: 0,
  },
  server2019: {
    label: 'Windows Server 2019 (10.0.17763)',
    major: 10,
    minor: 0,
    build: 17763,
    legacyBufferContext: false,
    headerSavedOffsetZero: false,
    perfFreq: 10_000_000n,
    timerResolution: 156250,
    headerSlots: [10, 7],
    hook0050: false,
    ndisGftFields: true,
    webioAchVersion: 1,
  },
  win10_22h2: {
    label: 'Windows 10 22H2 (10.0.19045)',
    major: 10,
    minor: 0,
    build: 19045,
    legacyBufferContext: false,
    headerSavedOffsetZero: false,
    perfFreq: 10_000_000n,
    timerResolution: 156250,
    headerSlots: [10, 7],
    hook0050: true,
    ndisGftFields: true,
    webioAchVersion: 1,
  },
  server2022: {
    label: 'Windows Server 2022 (10.0.20348)',
    major: 10,
    minor: 0,
    build: 20348,
    legacyBufferContext: false,
    headerSavedOffsetZero: false,
    perfFreq: 10_000_000n,
    timerResolution: 156250,
    headerSlots: [10, 7],
    hook0050: true,
    ndisGftFields: true,
    webioAchVersion: 1,
  },
} as const satisfies Record<string, OsProfile>;
