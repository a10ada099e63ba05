// The analysis pipeline (input → events → observations → flows → connections → findings) as a library call.
export { analyzeFiles, NET_NAMING } from './analyze.js';
export type { AnalysisResult, AnalyzeOptions, InputSummary } from './analyze.js';
export { analysisExitCode } from './exit.js';
