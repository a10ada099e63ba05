// Pasted error text through the provider layer: each recognised message becomes one error-message observation,
// whatever provider the error-text reader gave its event, beside what that provider's module reads from it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixture, readAll } from '../text/fixtures.js';
import { extract, etlEvent } from './events.js';
import type { ErrorMessage } from '../../src/providers/observations.js';

const messages = (obs: { kind: string }[]) => obs.filter((o): o is ErrorMessage => o.kind === 'error_message');

test('Japanese paste: one error message per recognised message, with kind, code, host, cmdlet and line', () => {
  const { events } = readAll(fixture('error-text-ja.txt'));
  const obs = extract(...events);
  const found = messages(obs);
  assert.is(found.length, events.length, 'every event of the reader is a message');
  const ssl = found.find((m) => m.kinds.includes('ssl_internal_error'))!;
  assert.equal([ssl.winHttpError, ssl.host, ssl.port, ssl.command, ssl.line], [12175, 'outlook.office365.com', 443, 'New-PSSession', 3]);
  assert.is(ssl.ref.source, 'error-text-ja.txt line 3');
  assert.is(ssl.text, ssl.ref.text);
  // The WinRM module still reads the same event.
  assert.ok(obs.some((o) => o.kind === 'winrm'), 'WinRM observation beside the message');
});

test('events of a trace carry no pasted message', () => {
  const obs = extract(etlEvent('webio', 728, { Connection: '0x1', EnabledProtocols: 160, ErrorKind: 'ssl_internal_error', MatchedText: 'x' }));
  assert.equal(messages(obs), []);
});

test.run();
