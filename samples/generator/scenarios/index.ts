// Every committed scenario, in README order.
import { cipherMismatch } from './cipher-mismatch.js';
import { dnsFailure } from './dns-failure.js';
import { exoDotnetTls10 } from './exo-dotnet-tls10.js';
import { hcw2012Tls10 } from './hcw-2012-tls10.js';
import { hcw2012NoCapture } from './hcw-2012-no-capture.js';
import { healthyTls12 } from './healthy-tls12.js';
import { proxyPacFailure } from './proxy-pac-failure.js';
import { compressedVariant } from './compressed-variant.js';
import type { Scenario } from './scenario.js';
import { teams2012MisleadingDns } from './teams-2012-misleading-dns.js';
import { tlsInspectionUntrustedRoot } from './tls-inspection-untrusted-root.js';
import { win7KbSchannelOff } from './win7-kb-schannel-off.js';

export const SCENARIOS: readonly Scenario[] = [
  hcw2012Tls10,
  teams2012MisleadingDns,
  win7KbSchannelOff,
  exoDotnetTls10,
  cipherMismatch,
  tlsInspectionUntrustedRoot,
  dnsFailure,
  proxyPacFailure,
  healthyTls12,
  compressedVariant(hcw2012Tls10, 'hcw-2012-tls10-compressed'),
  hcw2012NoCapture,
];
