// SP_PROT_* masks: one naming function, the reading of every rendering, versions and the TLS 1.2/1.3 test.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { maskOffersModernTls, spProtocolBit, spProtocolNames } from '../../src/windows/sp-prot.js';

test('spProtocolNames: highest first, schannel.h names incl. TLS 1.3 and DTLS, 0 is the Schannel default', () => {
  assert.equal(spProtocolNames(0xa0), ['TLS1_0_CLIENT', 'SSL3_CLIENT']);
  assert.equal(spProtocolNames(2688), ['TLS1_2_CLIENT', 'TLS1_1_CLIENT', 'TLS1_0_CLIENT']);
  assert.equal(spProtocolNames(0x2800), ['TLS1_3_CLIENT', 'TLS1_2_CLIENT']);
  assert.equal(spProtocolNames(0x80000 | 0x20000), ['DTLS1_2_CLIENT', 'DTLS1_0_CLIENT']);
  assert.equal(spProtocolNames(0x80000000 | 0x4000), ['0x4000', 'UNI_CLIENT']);
  assert.equal(spProtocolNames(0), ['SCHANNEL_DEFAULT']);
});

test('spProtocolBit reads schannel.h names, their aliases and WINHTTP_FLAG_SECURE_PROTOCOL_* names', () => {
  assert.is(spProtocolBit('SP_PROT_TLS1_CLIENT'), 0x80);
  assert.is(spProtocolBit('TLS1_0_CLIENT'), 0x80);
  assert.is(spProtocolBit('tls1_2_client'), 0x800);
  assert.is(spProtocolBit('WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2'), 0x800);
  assert.is(spProtocolBit('WINHTTP_FLAG_SECURE_PROTOCOL_ALL'), 0xa8);
  assert.is(spProtocolBit('SCHANNEL_DEFAULT'), 0);
  assert.is(spProtocolBit('TLS9_CLIENT'), undefined);
  for (const mask of [0xa0, 0xa80, 0x2800, (0x40000 | 0x80000000) >>> 0]) {
    const back = spProtocolNames(mask).reduce((m, n) => (m | spProtocolBit(n)!) >>> 0, 0);
    assert.is(back, mask, `names of 0x${mask.toString(16)} read back`);
  }
});

test('TLS 1.2/1.3 detection (0, the Schannel default, is not known from the mask)', () => {
  assert.ok(maskOffersModernTls(0x800));
  assert.ok(maskOffersModernTls(0x2000));
  assert.not.ok(maskOffersModernTls(0xa0));
  assert.not.ok(maskOffersModernTls(0));
});

test.run();
