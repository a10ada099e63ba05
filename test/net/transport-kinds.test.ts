// The TCP kinds that formats/net_transport.ksy declares against the hand dissector: each flag bit it declares
// sets exactly the segment field that stands for it (or none, for the flags the dissector does not keep), in the
// hand path and the generated one alike; and the option grammar reads a SYN's options by their kind names.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dissectFrame } from '../../src/net/dissect.js';
import { dissectFrameGenerated } from '../../src/net/dissect-generated.js';
import { formatType, parsePartial } from '../../src/net/kaitai.js';
import { ksyEnumName } from '../../src/formats/load.js';
import { concat, ethernet, frame, ipv4, tcp, u8 } from './build.js';

const { TcpFlag, TcpOptionKind } = formatType('NetTransport') as { TcpFlag: Record<string, number>; TcpOptionKind: Record<string, number> };
const declared = (e: Record<string, number>) => Object.entries(e).filter((m): m is [string, number] => typeof m[1] === 'number');

/** The segment field the dissector keeps for each flag it reads. */
const FIELD_OF_FLAG: Record<string, 'fin' | 'syn' | 'rst' | 'psh' | 'ackFlag'> = { FIN: 'fin', SYN: 'syn', RST: 'rst', PSH: 'psh', ACK: 'ackFlag' };
const FIELDS = Object.values(FIELD_OF_FLAG);

/** An Ethernet/IPv4 frame whose TCP header has exactly `bits` in its 12-bit control field. */
function segmentWith(bits: number): Uint8Array {
  const seg = tcp(50000, 443, 1, 2, {});
  seg[12] = (seg[12]! & 0xf0) | (bits >> 8);
  seg[13] = bits & 0xff;
  return ethernet(0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, seg));
}

test('every declared TCP flag sets only its own field, by hand and generated alike', () => {
  const members = declared(TcpFlag);
  assert.ok(Object.keys(FIELD_OF_FLAG).every((name) => typeof TcpFlag[name] === 'number'), 'each flag the dissector reads is declared');
  assert.is(new Set(members.map(([, bit]) => bit)).size, members.length);
  for (const [name, bit] of members) {
    const p = frame(segmentWith(bit));
    const hand = dissectFrame(p);
    const set = FIELDS.filter((f) => hand.tcp?.[f]);
    assert.equal(set, FIELD_OF_FLAG[name] ? [FIELD_OF_FLAG[name]] : [], name);
    const gen = dissectFrameGenerated(p);
    assert.equal(FIELDS.map((f) => gen.tcp?.[f]), FIELDS.map((f) => hand.tcp?.[f]), `${name}: generated path`);
  }
  assert.equal([TcpFlag.FIN, TcpFlag.SYN, TcpFlag.ACK, TcpFlag.AE], [0x01, 0x02, 0x10, 0x100], 'RFC 9293 / IANA bit positions');
});

test('the options of a SYN read by kind name', () => {
  // MSS 1460, SACK permitted, timestamps, NOP, window scale 7: 20 option bytes.
  const options = u8(2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7);
  const base = tcp(50000, 443, 1, 0, { syn: true });
  const header = concat(base.subarray(0, 20), options);
  header[12] = (header.length / 4) << 4;
  const parsed = parsePartial(formatType('NetTransport', 'TcpHeader'), header);
  assert.is(parsed.truncated, false);
  const entries: { kind: number; body?: Uint8Array }[] = parsed.value.optionList.entries;
  assert.equal(entries.map((o) => ksyEnumName(TcpOptionKind, o.kind)), ['MSS', 'SACK_PERMITTED', 'TIMESTAMPS', 'NOP', 'WINDOW_SCALE']);
  assert.equal([...entries[0]!.body!], [0x05, 0xb4]);
  assert.equal([...entries[4]!.body!], [7]);
  assert.equal([TcpOptionKind.END_OF_LIST, TcpOptionKind.MSS, TcpOptionKind.WINDOW_SCALE, TcpOptionKind.TIMESTAMPS], [0, 2, 3, 8], 'IANA option kinds');
});

test.run();
