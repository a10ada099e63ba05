// The real, published text exports in ../shared/samples/exports (skipped cleanly when ../shared is absent).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { hasShared, sharedExportsDir } from '../helpers/paths.js';
import { filetimeToIso } from '../../src/common/time.js';
import { byId, readAll } from './fixtures.js';
import { captureStart } from '../../src/diagnose/capture.js';
import { kindCapture } from '../../src/diagnose/error-meanings.js';
import { skipped } from '../helpers/when.js';

const sample = (name: string) => join(sharedExportsDir, name);

if (!hasShared) {
  skipped('real text-export samples', '../shared is absent');
} else {
  test('netsh TCPIP dump (current timestamp style) + pktmon etl2txt lines', () => {
    const { input, events } = readAll(sample('netsh-trace-convert_txt_tcpip_and_pktmon-etl2txt_example.txt'));
    assert.is(input.format, 'netsh_txt');
    assert.is(events.length, 8);
    const drop = byId(events, 'Microsoft-Windows-TCPIP', 1215)[0]!;
    assert.is(filetimeToIso(drop.time), '2025-03-27T16:12:13.9660038Z');
    assert.is(drop.cpu, 30);
    assert.is(drop.fields.SourceAddress, '192.168.5.68');
    assert.is(drop.fields.DestAddress, '192.168.5.88');
    assert.is(drop.fields.Reason, 9);
    const send = byId(events, 'Microsoft-Windows-TCPIP', 1332)[0]!;
    assert.is(send.fields.LocalAddress, '192.168.5.68:55330');
    assert.is(send.fields.RemoteAddress, '6.6.0.27:443');
    assert.is(send.fields.Tcb, '0xFFFFE189BD811AA0');
    assert.is(send.fields.BytesSent, 1460);
    const pkt = byId(events, 'Microsoft-Windows-PktMon', 170)[0]!;
    assert.is(filetimeToIso(pkt.time), '2025-03-27T16:10:34.9340205Z');
    assert.is(pkt.fields.DirTag, 3, 'Rx');
    assert.is(pkt.fields.DropReason, 'INET: transport endpoint was not found');
    assert.is(pkt.fields.SourceAddress, '192.168.5.88');
    assert.is(pkt.fields.DestinationPort, 50005);
    assert.is(pkt.fields.Protocol, 'UDP');
    assert.is(pkt.fields.Length, 374);
    // 6 of 7 TCPIP lines match a manifest template; the rexmit-tracker text is from a newer build.
    assert.is(input.meta.textStats?.unmatchedMessages, 1);
  });

  test('netsh WLAN dump (older timestamp style, continuation lines, 7-digit fractions)', () => {
    const { input, events } = readAll(sample('netsh-trace-convert_txt_wlan-autoconfig_example.txt'));
    assert.is(input.format, 'netsh_txt');
    assert.is(events.length, 9);
    assert.is(events[0]!.message, 'FSM Transition from State:\nReset to State: Ihv_Configuring');
    assert.is(filetimeToIso(events[0]!.time), '2017-08-28T13:24:28.6930000Z');
    assert.is(filetimeToIso(events[8]!.time), '2017-08-28T13:24:29.7512788Z');
    assert.is(events[7]!.provider, 'Microsoft-Windows-NWiFi');
    assert.is(events[6]!.pid, 0x0ef8, 'no blank after ]');
    assert.is(input.meta.textStats?.skippedLines, 11, 'comment and console lines before the dump');
  });

  test('pasted WinRM / HCW / CimSession / AADSTS / KB5017811 errors', () => {
    const { input, events } = readAll(sample('winrm-winhttp-tls-error-messages_real_examples.txt'));
    assert.is(input.format, 'error_text');
    assert.equal(
      events.map((e) => `${e.provider}/${e.id}`),
      [
        'Microsoft-Windows-WinRM/172',
        'Microsoft-Windows-WinRM/172',
        'Microsoft-Windows-WinRM/137',
        'Microsoft-Windows-WinRM/172',
        'Microsoft-Windows-WinRM/172',
        'Microsoft-Windows-WinRM/172',
        'ErrorText/0',
        'Microsoft-Windows-WinHttp/14',
      ],
    );
    const [en, ja, dns, cim, , expired, aad, kb] = events;
    assert.equal([en!.fields.machineName, en!.fields.port, en!.fields.WinHttpError], ['outlook.office365.com', 443, 12175]);
    assert.equal([ja!.fields.machineName, ja!.fields.port, ja!.fields.error1], ['outlook.office365.com', 443, 'Encountered an internal error in the SSL library.']);
    assert.is(dns!.fields.RemoteServer, 'outlook.office365.com');
    assert.is(dns!.fields.WinHttpError, 12007);
    assert.equal([cim!.fields.machineName, cim!.fields.port, cim!.fields.Command], ['10.0.0.6', 5986, 'New-CimSession']);
    assert.is(expired!.fields.SecureFailureFlags, 0x20);
    assert.is(expired!.fields.error1, 'The SSL certificate is expired.');
    assert.is(aad!.fields.Aadsts, 'AADSTS1002016');
    assert.is(aad!.fields.ClientTlsVersions, '1.0, 1.1');
    assert.equal([kb!.fields.Api, kb!.fields.Result], ['WinHttpSendRequest', 12175]);
    for (const e of events) assert.match(captureStart(kindCapture(String(e.fields.ErrorKind).split(',')[0]!)), /^netsh trace start /);
  });

  test('tracerpt XML excerpt (WinINet, Vista era)', () => {
    const { input, events } = readAll(sample('tracerpt-xml_wininet_event_excerpt.xml'));
    assert.is(input.format, 'tracerpt_xml');
    assert.is(events.length, 1);
    const e = events[0]!;
    assert.equal([e.id, e.level, e.pid, e.tid, e.cpu], [103, 4, 2480, 3396, 1]);
    assert.is(filetimeToIso(e.time), '2006-08-21T13:00:35.6149576Z');
    assert.match(e.message ?? '', /^Handle 0xCC0010 created by InternetConnect/);
  });

  test('legacy WinHTTP text trace (WSDAPI)', () => {
    const { input, events } = readAll(sample('winhttp-legacy-text-trace_wsdapi_example.log'));
    assert.is(input.format, 'winhttp_log');
    assert.is(events.length, 37);
    const calls = byId(events, 'Microsoft-Windows-WinHttp', 9).map((e) => e.fields.Api);
    assert.equal(calls, ['WinHttpSendRequest', 'WinHttpWriteData', 'WinHttpReceiveResponse']);
    assert.is(byId(events, 'Microsoft-Windows-WinHttp', 10).length, 3);
    assert.is(byId(events, 'Microsoft-Windows-WinHttp', 11).length, 0, 'nothing failed in this log');
    assert.is(byId(events, 'Microsoft-Windows-WinHttp', 9)[0]!.fields.ApiHandle, '0x36aae0');
  });

  test('SOURCES.md (plain Markdown) is rejected with exit code 65', () => {
    try {
      readAll(sample('SOURCES.md'));
      assert.unreachable();
    } catch (err) {
      assert.is((err as { exitCode?: number }).exitCode, 65);
    }
  });
}

test.run();
