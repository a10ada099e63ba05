// Commands and registry paths quoted in wrapped prose stay on one line: pasted back from two lines they would
// run without their later arguments, or create the wrong key.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wrap } from '../../src/report/analyze-human.js';

const CAPTURE = 'netsh trace start scenario=InternetClient capture=yes maxsize=1024 tracefile=C:\\temp\\NetTrace.etl';

test('a capture command in a sentence is never split over lines', () => {
  const text = `the error text shows a failure. Next capture: ${CAPTURE} → reproduce the failing command → netsh trace stop`;
  for (const width of [40, 60, 80, 100, 120]) {
    const lines = wrap(text, width, '', '  ');
    assert.ok(lines.some((l) => l.includes(CAPTURE)), `width ${width}: ${JSON.stringify(lines)}`);
    assert.ok(lines.some((l) => l.includes('netsh trace stop')), `width ${width}`);
    assert.equal(lines.join(' ').replace(/\s+/g, ' '), text, 'nothing lost or reordered');
  }
});

test('backticked commands and registry paths are kept whole, other prose still wraps', () => {
  const text = 'import the browser settings with `netsh winhttp import proxy source=ie` or set HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp = 0xA80 and try again later today';
  const lines = wrap(text, 30, '', '');
  assert.ok(lines.some((l) => l.includes('`netsh winhttp import proxy source=ie`')));
  assert.ok(lines.some((l) => l.includes('Internet Settings\\WinHttp')));
  assert.ok(lines.length > 3, 'the prose around them wraps');
});

test.run();
