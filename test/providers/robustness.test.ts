// Bad input is normal: every provider module must read any field values (wrong types, garbage text, huge
// numbers, truncated bytes) without throwing, and give only well-formed observations.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { PROVIDER_MODULES } from '../../src/providers/index.js';
import { evidenceRef } from '../../src/providers/module.js';
import type { FieldValue } from '../../src/decode/types.js';
import { etlEvent } from './events.js';

const FIELD_NAMES = [
  'Connection', 'EnabledProtocols', 'Result', 'CipherConfig', 'SSLClientCert', 'Address', 'Error', 'SocketHandle', 'Endpoint',
  'Socket', 'Reason', 'HostName', 'Data', 'ServerCertErrors', 'Request', 'Option', 'Value', 'Method', 'URI', 'Context',
  'DnsQuery', 'FQDN', 'SockAddr', 'AddressCount', 'ResolveName', 'CacheEntry', 'ReferenceContext', 'ApiHandle', 'Api',
  'Host', 'ProcessName', 'ProcessPath', 'URL', 'ProxyString', 'ConfigurationURL', 'AddressName', 'error', 'connection',
  'errorCode', 'machineName', 'port', 'error1', 'operationName', 'QueryName', 'QueryType', 'QueryStatus', 'QueryResults',
  'Status', 'ClientPID', 'LocalAddress', 'RemoteAddress', 'ProcessId', 'Tcb', 'AlertDesc', 'ErrorState', 'TargetName',
  'Protocol', 'CipherSuite', 'CallerProcessId', 'CallerProcessImageName', 'EventWriteData', 'ImageFileName', 'ImageName',
  'ProcessID', 'RulesCount', 'RuleId', 'Directive', 'FilterId', 'FilterName', 'Aborted', 'Name', 'Type', 'ErrorCode',
];

const IDS = [
  1, 2, 3, 4, 9, 11, 14, 15, 17, 39, 100, 104, 110, 135, 137, 142, 172, 200, 202, 204, 205, 206, 207, 210, 212, 700, 703,
  704, 705, 712, 713, 728, 729, 730, 801, 808, 811, 814, 815, 1000, 1002, 1011, 1016, 1017, 1018, 1033, 1034, 1039, 1051,
  1052, 1053, 1793, 2005, 2114, 3006, 3008, 3011, 3020, 30, 11, 36871, 36880, 36884, 36887, 36888,
];

const value: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.integer({ min: -2147483648, max: 4294967295 }),
  fc.double(),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.string(),
  fc.constantFrom('0x', '0xZZ', '160', '0xA0', 'SSL3_CLIENT|TLS1_0_CLIENT', '[::1]:443', '1.2.3.4:99999', '::ffff:1.2.3.4;type: 5 x;', '0x' + 'f'.repeat(300), '9'.repeat(400), '<Result value="800B0109">x</Result>'),
  fc.uint8Array({ maxLength: 64 }),
  fc.boolean(),
  fc.constant(null),
);

test('no provider module throws on arbitrary field values, and every observation has a kind and a ref', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: PROVIDER_MODULES.length - 1 }),
      fc.constantFrom(...IDS),
      fc.dictionary(fc.constantFrom(...FIELD_NAMES), value, { maxKeys: 12 }),
      fc.option(fc.string(), { nil: undefined }),
      (m, id, fields, message) => {
        const module = PROVIDER_MODULES[m]!;
        const handler = module.create();
        const ev = etlEvent('webio', id, fields, { opcode: id % 5, ...(message !== undefined ? { message } : {}) });
        const obs = handler(ev, evidenceRef(ev, module.name));
        for (const o of obs) {
          assert.type(o.kind, 'string');
          assert.is(o.ref.source, `${module.name}/${id}`);
        }
      },
    ),
    { numRuns: 3000, seed: 20261123 },
  );
});

test.run();
