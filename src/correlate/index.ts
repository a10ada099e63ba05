// Correlation: observations + TCP flows → one record per connection attempt.
export { Correlator, TICKS_PER_SECOND } from './correlator.js';
export type { CorrelatorOptions } from './correlator.js';
export type { TlsNaming } from './naming.js';

export { decideOutcome, FAILED_OUTCOMES, HEALTHY_OUTCOMES, TLS_WINHTTP_ERRORS, PROXY_WINHTTP_ERRORS, hasCertProblem } from './outcome.js';
export { CERT_WINHTTP_ERRORS, CERT_STATUS_CODES, CERT_ALERTS, certProblem } from './cert-flags.js';
export { classifyDestination, destinationClassName, isMicrosoft365Address, DESTINATION_RANK } from './destination.js';
export type { DestinationClass } from './destination.js';
export { connectionRelevance, isRelevantName, M365_NAME_SUFFIXES, RELEVANT_PORTS, WINRM_NAME_ERROR_EVENTS } from './relevance.js';
export { parseEndpoint } from './endpoint.js';
export type * from './types.js';
