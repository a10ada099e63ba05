import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { codeField, maskField, numberField, pointerField, toMask, toNumber, bytesField } from '../../src/providers/fields.js';
import { tcpCloseReasons } from '../../src/providers/manifest-maps.js';
import { SP_PROT_NAMES } from '../../src/windows/sp-prot.js';
import { ipsInText, normalizeIp, sockaddrToText, toEndpoint } from '../../src/providers/address.js';
import { sockaddr4 } from './events.js';

const mask = (v: string | number | bigint) => toMask(v, SP_PROT_NAMES, ['SP_PROT_']);

test('EnabledProtocols in every rendering: 160, 0xA0, flag names, number, bigint', () => {
  assert.is(mask('160'), 0xa0);
  assert.is(mask('0xA0'), 0xa0);
  assert.is(mask('0x000000a0'), 0xa0);
  assert.is(mask('SSL3_CLIENT|TLS1_0_CLIENT'), 0xa0);
  assert.is(mask('SP_PROT_SSL3_CLIENT | SP_PROT_TLS1_CLIENT'), 0xa0);
  assert.is(mask('TLS1_2_CLIENT|TLS1_1_CLIENT|TLS1_0_CLIENT'), 0xa80);
  assert.is(mask('2688'), 0xa80);
  assert.is(mask(2688), 0xa80);
  assert.is(mask(2688n), 0xa80);
  assert.is(mask('0x800|SSL3_CLIENT'), 0x820);
  assert.is(mask('UNI_CLIENT'), 0x80000000);
  assert.is(mask('0'), 0);
});

test('unknown flag names and empty text give no mask rather than a wrong one', () => {
  assert.is(mask('TLS9_CLIENT'), undefined);
  assert.is(mask(''), undefined);
  assert.is(maskField({}, 'EnabledProtocols', SP_PROT_NAMES), undefined);
});

test('numbers: decimal, hex, negative codes, value-map names, bigint, boolean', () => {
  assert.is(toNumber('12175'), 12175);
  assert.is(toNumber('0x2F8F'), 12175);
  assert.is(toNumber(' 42 '), 42);
  assert.is(toNumber('3 (Remote Reset)'), 3);
  assert.is(toNumber('Remote Reset', tcpCloseReasons()), 3);
  assert.is(toNumber('remote reset', tcpCloseReasons()), 3);
  assert.is(toNumber('Remote Reset (3)'), 3);
  assert.is(toNumber(7n), 7);
  assert.is(toNumber(true), 1);
  assert.is(toNumber('abc'), undefined);
  assert.is(codeField({ Result: '-2146893018' }, 'Result'), 0x80090326);
  assert.is(codeField({ Result: -2146893018 }, 'Result'), 0x80090326);
  assert.is(codeField({ Result: '0x80090326' }, 'Result'), 0x80090326);
  assert.is(numberField({ error: '12007' }, 'Error'), 12007, 'case-insensitive field name');
});

test('pointers normalise to upper-case hex without leading zeros', () => {
  assert.is(pointerField({ p: '0x0000000002a3f1b0' }, 'p'), '0x2A3F1B0');
  assert.is(pointerField({ p: '0x2A3F1B0' }, 'p'), '0x2A3F1B0');
  assert.is(pointerField({ p: 0x2a3f1b0 }, 'p'), '0x2A3F1B0');
  assert.is(pointerField({ p: 0xffffe189bd811aa0n }, 'p'), '0xFFFFE189BD811AA0');
  assert.is(pointerField({ p: '0x0' }, 'p'), '0x0');
  assert.is(pointerField({ p: 'none' }, 'p'), undefined);
});

test('binary from bytes or hex text', () => {
  assert.equal(Array.from(bytesField({ v: '0x000A0000' }, 'v')!), [0, 0x0a, 0, 0]);
  assert.equal(Array.from(bytesField({ v: '00 08 00 00' }, 'v')!), [0, 8, 0, 0]);
  assert.is(bytesField({ v: 'xyz' }, 'v'), undefined);
});

test('endpoints: SOCKADDR bytes, IPv4 text, bracketed IPv6, IPv4-mapped reduced', () => {
  assert.is(sockaddrToText(sockaddr4('52.97.1.2', 443)), '52.97.1.2:443');
  assert.is(toEndpoint(sockaddr4('10.0.0.6', 5986)), '10.0.0.6:5986');
  assert.is(toEndpoint('52.97.1.2:443'), '52.97.1.2:443');
  assert.is(toEndpoint('[2603:1026:0:0::1]:443'), '[2603:1026::1]:443');
  assert.is(toEndpoint('[::ffff:52.97.1.2]:443'), '52.97.1.2:443');
  assert.is(toEndpoint('[2603:1026::1]:443'), '[2603:1026::1]:443');
  assert.is(toEndpoint('host.example:443'), undefined);
  const v6 = new Uint8Array(28);
  v6[0] = 23;
  v6[2] = 0x01;
  v6[3] = 0xbb;
  v6.set([0x26, 0x03, 0x10, 0x26], 8);
  v6[23] = 1;
  assert.is(toEndpoint(v6), '[2603:1026::1]:443');
  assert.is(normalizeIp('::FFFF:1.2.3.4'), '1.2.3.4');
  assert.is(normalizeIp('999.1.1.1'), undefined);
  assert.equal(ipsInText('::ffff:1.2.3.4;2603:1026::1; 1.2.3.4'), ['1.2.3.4', '2603:1026::1']);
});

test.run();
