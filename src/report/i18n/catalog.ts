// The catalogs are data of the bottom layer (src/common/i18n), which every layer renders from; batch/analysis.ts
// and batch/run.ts still import them by this path.
export * from '../../common/i18n/catalog.js';
