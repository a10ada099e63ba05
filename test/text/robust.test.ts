// Bad input is normal: arbitrary text after a recognisable start never throws, never hangs, and whatever is
// not an event is counted or reported.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openInput } from '../../src/ingest/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'td-robust-'));
let n = 0;

function parse(content: string | Uint8Array) {
  const p = join(tmp, `f${n++}`);
  writeFileSync(p, content);
  const input = openInput(p);
  try {
    const events = [...input.events()];
    return { format: input.format, events, issues: input.issues };
  } finally {
    input.close();
  }
}

const START = {
  netsh: '[0]0A1C.0B2C::2024/06/11-08:02:10.000000000 [Microsoft-Windows-WebIO]0x1: SSL AcquireCredentialsHandle - (EnabledProtocols 160) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0)\n',
  winhttp: '09:40:12.010 ::*0000001* :: WinHttpSendRequest(0x5a2e80, "", 0, 0x0, 0, 0, 0)\n',
  csv: 'Event Name, Type, Event ID, Version, Channel, Level, Opcode, Task, Keyword, PID, TID, Processor Number, Instance ID, Parent Instance ID, Activity ID, Related Activity ID, Clock-Time, Kernel(ms), User(ms), User Data\n',
  xml: '<Events><Event><System><Provider Name="Microsoft-Windows-WinHttp"/><EventID>14</EventID></System></Event>\n',
  error: 'Encountered an internal error in the SSL library.\n\n',
};

const junk = fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('[', ']', '<Event>', '</Event>', '<Event ', '[]***', '[Unknown]', '%n', '\r\n', '\u0000')), { maxLength: 60 });

for (const [name, start] of Object.entries(START)) {
  test(`${name}: arbitrary text after a valid start is read, or rejected as binary with exit code 65`, () => {
    fc.assert(
      fc.property(junk, (parts) => {
        const content = start + parts.join('\n');
        try {
          const r = parse(content);
          assert.ok(r.events.length >= 1 || r.issues.length >= 1, 'something read or reported');
        } catch (err) {
          // Only a head full of NUL/control bytes may turn the file into "not text".
          assert.is((err as { exitCode?: number }).exitCode, 65, String(err));
          assert.ok((content.slice(0, 512).match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length > 2, 'rejected only for control bytes');
        }
      }),
      { numRuns: 40 },
    );
  });
}

test('random bytes are either recognised and read, or rejected with a TraceError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), (bytes) => {
      try {
        parse(bytes);
      } catch (err) {
        assert.ok((err as { exitCode?: number }).exitCode === 65, String(err));
      }
    }),
    { numRuns: 100 },
  );
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
