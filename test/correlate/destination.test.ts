// Destination classes from addresses alone: the published Microsoft 365 ranges, loopback, private networks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyDestination, isMicrosoft365Address } from '../../src/correlate/destination.js';
import { M365_IPV4_PREFIXES, M365_IPV6_PREFIXES } from '../../src/correlate/m365-ranges.js';
import { addressBytes } from '../../src/net/address-class.js';

test('every published prefix is a valid address/length with no host bits set', () => {
  for (const p of [...M365_IPV4_PREFIXES, ...M365_IPV6_PREFIXES]) {
    const [addr, len] = p.split('/') as [string, string];
    const bytes = addressBytes(addr);
    assert.ok(bytes, `${p}: address`);
    const length = Number(len);
    assert.ok(Number.isInteger(length) && length > 0 && length <= bytes!.length * 8, `${p}: length`);
    for (let bit = length; bit < bytes!.length * 8; bit++) assert.is(bytes![bit >> 3]! & (0x80 >> (bit & 7)), 0, `${p}: host bit ${bit}`);
  }
});

test('addresses inside and at the edges of published ranges are Microsoft 365; neighbours are not', () => {
  for (const ip of ['52.96.0.1', '52.100.7.9', '52.111.255.254', '40.92.0.1', '40.107.3.4', '104.47.12.1', '20.190.128.1', '13.107.6.152', '13.107.6.153', '2603:1063:6000::1', '2a01:111:f403::25', '::ffff:40.97.1.2'])
    assert.ok(isMicrosoft365Address(ip), ip);
  for (const ip of ['52.112.0.0', '52.115.255.255']) assert.ok(isMicrosoft365Address(ip), ip);
  for (const ip of ['52.95.255.255', '52.116.0.0', '13.107.6.154', '8.8.8.8', '40.91.255.255', '2603:1064::1', 'not-an-address'])
    assert.not.ok(isMicrosoft365Address(ip), ip);
});

test('class order: loopback, then a Microsoft 365 name, then the ranges, then private, else internet', () => {
  assert.is(classifyDestination('outlook.office365.com', '127.0.0.1'), 'loopback');
  assert.is(classifyDestination('outlook.office365.com', '10.1.2.3'), 'microsoft365');
  assert.is(classifyDestination(undefined, '52.97.146.210'), 'microsoft365');
  assert.is(classifyDestination('proxy.contoso.local', '10.1.2.3'), 'private');
  assert.is(classifyDestination('www.example.org', '93.184.216.34'), 'internet');
});

test.run();
