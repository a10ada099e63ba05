// tracerpt -of XML and Event Viewer XML exports of System-log Schannel events, streamed element by element.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filetimeToIso } from '../../src/common/time.js';
import { byId, fixture, readAll } from './fixtures.js';

test('tracerpt XML: System, EventData by name, RenderingInfo message; header event fills meta', () => {
  const { input, events } = readAll(fixture('tracerpt-win7-winrm-tls.xml'));
  assert.is(input.format, 'tracerpt_xml');
  assert.is(events.length, 7);
  assert.is(input.meta.osBuild, 7601);
  assert.is(input.meta.osVersion, '6.1.7601');
  assert.is(input.meta.cpus, 4);
  assert.is(input.meta.pointerSize, 8);
  assert.is(input.meta.eventsLost, 2);
  assert.is(input.meta.loggerName, 'NetTrace');
  const ach = byId(events, 'Microsoft-Windows-WebIO', 728)[0]!;
  assert.is(ach.providerGuid, '50b3e73c-9370-461d-bb9f-26f32d68887d');
  assert.is(ach.fields.EnabledProtocols, 0xa0, 'hex rendering');
  assert.is(ach.fields.Connection, '0x1F4A8B0');
  assert.is(ach.pid, 2588);
  assert.is(ach.tid, 2860);
  assert.is(ach.level, 4);
  assert.is(ach.keyword, 0x8000000000000000n);
  assert.is(filetimeToIso(ach.time), '2023-11-02T09:15:01.1620000Z');
  assert.match(ach.message ?? '', /EnabledProtocols 160/);
  assert.is(byId(events, 'Microsoft-Windows-WebIO', 729)[0]!.fields.EnabledProtocols, 0xa0, 'flag-name rendering');
  const tcp = byId(events, 'Microsoft-Windows-TCPIP', 1039)[0]!;
  assert.is(tcp.fields.RemoteAddress, '52.97.146.162:443');
  assert.is(tcp.fields.Status, 0);
  assert.is(byId(events, 'Microsoft-Windows-WinHttp', 14)[0]!.fields.Result, 12175);
  const cert = byId(events, 'Microsoft-Windows-WinRM', 172)[0]!;
  assert.is(cert.fields.error1, 'Encountered an internal error in the SSL library.');
  // No RenderingInfo: the message is rendered from the WinRM template, as netsh prints it.
  assert.match(cert.message ?? '', /^The server certificate on the destination computer \(outlook\.office365\.com:443\) has the following errors: Encountered an internal error in the SSL library\./);
  // No EventData: the message is read back with the DNS-Client template.
  const dns = byId(events, 'Microsoft-Windows-DNS-Client', 3008)[0]!;
  assert.is(dns.fields.QueryName, 'outlook.office365.com');
  assert.is(dns.fields.QueryStatus, 0);
});

test('netsh TXT and tracerpt XML of the same events give the same fields', () => {
  const txt = readAll(fixture('netsh-win7-winrm-tls.txt')).events;
  const xml = readAll(fixture('tracerpt-win7-winrm-tls.xml')).events;
  const pick = (evs: typeof txt, p: string, id: number, names: string[]) => {
    const e = byId(evs, p, id)[0]!;
    return Object.fromEntries(names.map((n) => [n, e.fields[n]]));
  };
  const cases: [string, number, string[]][] = [
    ['Microsoft-Windows-WebIO', 728, ['Connection', 'EnabledProtocols', 'SSLClientCert']],
    ['Microsoft-Windows-WebIO', 729, ['Connection', 'EnabledProtocols', 'CredHandleHigh', 'Result']],
    ['Microsoft-Windows-TCPIP', 1039, ['Tcb', 'LocalAddress', 'RemoteAddress']],
    ['Microsoft-Windows-WinHttp', 14, ['Api', 'ApiHandle', 'Result']],
    ['Microsoft-Windows-WinRM', 172, ['machineName', 'port', 'error1']],
    ['Microsoft-Windows-DNS-Client', 3008, ['QueryName', 'QueryType', 'QueryOptions', 'QueryStatus', 'QueryResults']],
  ];
  for (const [p, id, names] of cases) assert.equal(pick(xml, p, id, names), pick(txt, p, id, names), `${p} ${id}`);
});

test('Schannel System-log export, Windows 7 form: single <Event>, unnamed Data, Win7 message', () => {
  const { input, events } = readAll(fixture('schannel-system-win7.xml'));
  assert.is(input.format, 'schannel_event_xml');
  assert.is(events.length, 1);
  const e = events[0]!;
  assert.is(e.provider, 'Schannel');
  assert.is(e.providerGuid, '1f678132-5938-4686-9fdc-c8ff68f15c85');
  assert.is(e.id, 36887);
  assert.is(e.fields.AlertDesc, 40);
  assert.is(e.fields.Computer, 'EX2010.contoso.local');
});

test('Schannel System-log export, Windows 10 form: <Events>, named Data, message-only events', () => {
  const { events } = readAll(fixture('schannel-system-win10.xml'));
  assert.equal(
    events.map((e) => e.id),
    [36871, 36888, 36887, 36874],
  );
  assert.is(events[0]!.fields.ErrorState, 10013);
  assert.is(events[0]!.fields.Type, 'client');
  assert.is(events[1]!.fields.AlertDesc, 70);
  assert.is(events[1]!.fields.ErrorState, 105);
  assert.is(events[1]!.fields.TargetName, 'outlook.office365.com');
  assert.is(events[1]!.activityId, undefined);
  assert.is(events[0]!.activityId, '5b1a2c3d-0001-0002-0003-000000000004');
  assert.is(events[2]!.fields.AlertDesc, 40, 'read back from the Win8+ message text');
  assert.is(events[3]!.fields.Protocol, 'TLS 1.0');
});

const tmp = mkdtempSync(join(tmpdir(), 'td-xml-'));

test('Win7 message text without any Data is read back with the legacy Schannel forms', () => {
  const p = join(tmp, 'win7-message-only.xml');
  writeFileSync(
    p,
    `<Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Schannel'/><EventID Qualifiers='49152'>36888</EventID><TimeCreated SystemTime='2014-03-01T10:00:00.000000000Z'/><Channel>System</Channel><Computer>w7</Computer></System><RenderingInfo Culture='en-US'><Message>The following fatal alert was generated: 10. The internal error state is 1203.</Message></RenderingInfo></Event>` +
      `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Schannel'/><EventID Qualifiers='49152'>36871</EventID><TimeCreated SystemTime='2014-03-01T10:00:01.000000000Z'/><Channel>System</Channel><Computer>w7</Computer></System><RenderingInfo Culture='en-US'><Message>A fatal error occurred while creating an SSL client credential. The internal error state is 10013.</Message></RenderingInfo></Event></Events>`,
  );
  const { events } = readAll(p);
  assert.is(events[0]!.fields.AlertDesc, 10);
  assert.is(events[0]!.fields.ErrorState, 1203);
  assert.is(events[1]!.fields.Type, 'client');
  assert.is(events[1]!.fields.ErrorState, 10013);
});

test('UserData values are read by element name like EventData', () => {
  const p = join(tmp, 'userdata.xml');
  writeFileSync(
    p,
    `<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-WinHttp" Guid="{7D44233D-3055-4B9C-BA64-0D47CA40A232}"/><EventID>11</EventID><Version>0</Version><TimeCreated SystemTime="2024-01-01T00:00:00.000000000Z"/></System>` +
      `<UserData><ApiStop xmlns="http://manifests.microsoft.com/win/2006/windows/winhttp"><ApiHandle>0x10</ApiHandle><Api>WinHttpSendRequest</Api><Result>12175</Result></ApiStop></UserData></Event></Events>`,
  );
  const { events } = readAll(p);
  assert.equal(events[0]!.fields, { ApiHandle: 16n, Api: 'WinHttpSendRequest', Result: 12175 });
  assert.is(events[0]!.message, 'WinHttpSendRequest(16) API failed with an error = 12175.');
});

test('map names in EventData (as TDH renders them) become the numbers the trace carries', () => {
  const p = join(tmp, 'maps.xml');
  writeFileSync(
    p,
    `<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-WebIO" Guid="{50B3E73C-9370-461D-BB9F-26F32D68887D}"/><EventID>204</EventID><Version>0</Version><TimeCreated SystemTime="2024-01-01T00:00:00.000000000Z"/></System>` +
      `<EventData><Data Name="Endpoint">0x1F4A8B0</Data><Data Name="Socket">708</Data><Data Name="Reason">Remote Reset</Data><Data Name="Result">10054</Data></EventData></Event>` +
      `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-WebIO" Guid="{50B3E73C-9370-461D-BB9F-26F32D68887D}"/><EventID>729</EventID><Version>0</Version><TimeCreated SystemTime="2024-01-01T00:00:00.000000000Z"/></System>` +
      `<EventData><Data Name="Connection">0x1F4A8B0</Data><Data Name="EnabledProtocols">SP_PROT_TLS1_2_CLIENT|SP_PROT_TLS1_1_CLIENT</Data></EventData></Event></Events>`,
  );
  const { events } = readAll(p);
  assert.is(events[0]!.fields.Reason, 3);
  assert.is(events[0]!.fields.Result, 10054);
  assert.is(events[1]!.fields.EnabledProtocols, 0xa00);
});

test('a file cut inside an <Event> keeps the complete events and reports the truncation', () => {
  const full = readFileSync(fixture('tracerpt-win7-winrm-tls.xml'), 'utf8');
  const p = join(tmp, 'cut.xml');
  writeFileSync(p, full.slice(0, full.indexOf('<EventID>14</EventID>')));
  const { input, events } = readAll(p);
  assert.is(events.length, 4);
  assert.is(input.issues.length, 1);
  assert.is(input.issues[0]!.kind, 'truncated');
  assert.is(input.issues[0]!.offset, Buffer.byteLength(full.slice(0, full.lastIndexOf('<Event xmlns', full.indexOf('<EventID>14</EventID>')))));
});

test('a malformed <Event> is reported with its line and skipped; the next one is read', () => {
  const p = join(tmp, 'bad.xml');
  writeFileSync(
    p,
    `<Events>\n<Event><System><Provider Name="Microsoft-Windows-WinHttp"/><EventID>14</EventID></Sys></Event>\n` +
      `<Event><System><Provider Name="Microsoft-Windows-WinHttp"/><EventID>14</EventID><TimeCreated SystemTime="2024-01-01T00:00:00Z"/></System><EventData><Data Name="Api">WinHttpSendRequest</Data><Data Name="Result">12029</Data></EventData></Event>\n</Events>\n`,
  );
  const { input, events } = readAll(p);
  assert.is(events.length, 1);
  assert.is(events[0]!.fields.Result, 12029);
  assert.is(input.issues.length, 1);
  assert.match(input.issues[0]!.message, /^line 2: malformed <Event>: .*Sys/);
  assert.is(input.issues[0]!.offset, '<Events>\n'.length, 'byte offset of the bad <Event>');
  assert.is(events[0]!.source.line, 3);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
