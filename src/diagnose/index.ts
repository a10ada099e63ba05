// Diagnosis: the finding catalog (data) applied to correlated connections.
export { diagnose, verdictOf } from './engine.js';
export type { Diagnosis } from './engine.js';
export { CATALOG } from './catalog.js';
export type { FindingCode } from './catalog.js';
export type { Rule, ConnectionRule, TraceRule, TraceMatch } from './catalog.js';
export type { TraceContext } from './context.js';
export { osLabel } from './context.js';
export { CAPTURE } from './capture.js';
export { codeText } from './codes.js';
export { certProblemMessage } from './cert-reasons.js';
export { codeMessage } from './code-glosses.js';
export type * from './types.js';
