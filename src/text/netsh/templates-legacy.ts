// Message forms older Windows builds print for the same events, which the newest manifests no longer carry.
// Schannel System-log events (providers-and-exports.md §4.1): Windows 7 / Server 2008 R2 said "SSL" and used
// different sentences; Windows 8.1–10 1511 had an intermediate 36888 text. Field names follow the Win7 manifest.
import type { TemplateRow } from './templates-source.js';

export const LEGACY_TEMPLATES: Readonly<Record<string, readonly TemplateRow[]>> = {
  Schannel: [
    [36871, 0, 'Type,ErrorState', 'UnicodeString,UInt32', 'A fatal error occurred while creating an SSL %1 credential. The internal error state is %2.'],
    [36874, 0, 'Protocol', 'UnicodeString', 'An %1 connection request was received from a remote client application, but none of the cipher suites supported by the client application are supported by the server. The SSL connection request has failed.'],
    [36887, 0, 'AlertDesc', 'UInt32', 'The following fatal alert was received: %1.'],
    [36888, 0, 'AlertDesc,ErrorState', 'UInt32,UInt32', 'The following fatal alert was generated: %1. The internal error state is %2.'],
    [36888, 0, 'AlertDesc,ErrorState', 'UInt32,UInt32', 'A fatal alert was generated and sent to the remote endpoint. This may result in termination of the connection. The TLS protocol defined fatal error code is %1. The Windows SChannel error state is %2.'],
  ],
};

/** Win7 field lists by position, for event-log XML whose <Data> elements carry no Name attribute. */
export const LEGACY_POSITIONAL_FIELDS: Readonly<Record<string, Readonly<Record<number, readonly string[]>>>> = {
  Schannel: {
    36871: ['Type', 'ErrorState'],
    36874: ['Protocol'],
    36887: ['AlertDesc'],
    36888: ['AlertDesc', 'ErrorState'],
  },
};
