// Public API of the ETL reader.
export { openEtl } from './reader.js';
export type { EtlFile, ReadStats, RecordFilter, RecordView } from './reader.js';
export type { TraceHeader } from './logfile-header.js';
export type { BufferInfo } from './buffer-index.js';
export type { ExtendedItem, HeaderKind, RawEvent, ReadIssue } from './types.js';
export { logFileModeNames, type ClockType } from './constants.js';
export { kernelGroupGuid, KERNEL_GROUP_GUIDS, KERNEL_GROUP_NAMES } from './kernel-groups.js';
