// netsh TXT from a Japanese Windows: the Schannel messages in the words of the ja-JP message resources (the
// texts below are the ones quoted from Japanese systems, src/text/netsh/templates-ja.ts) are read into the same
// fields as their English forms.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byId, readAll } from './fixtures.js';
import { matchMessage } from '../../src/text/netsh/templates.js';

const QUOTED: readonly [id: number, message: string, fields: Record<string, string | number>][] = [
  [36871, 'TLS クライアント 資格情報を作成しているときに致命的なエラーが発生しました。内部エラーの状態は 10013 です。', { Type: 'クライアント', ErrorState: 10013 }],
  [36887, '次の致命的な警告を受け取りました: 20。', { AlertDesc: 20 }],
  [36887, 'リモート エンドポイントから致命的な警告を受け取りました。TLS プロトコルで定義されているこの致命的な警告のコードは 20 です。', { AlertDesc: 20 }],
  [36888, '次の致命的な警告が生成されました: 40。内部エラーの状態は 1205 です。', { AlertDesc: 40, ErrorState: 1205 }],
  [
    36888,
    '致命的な警告が生成され、リモート エンドポイントに送信されました。これにより、接続が終了される可能性があります。TLS プロトコルで定義されているこの致命的な警告のコードは 10 です。Windows SChannel エラーの状態は 1203 です。',
    { AlertDesc: 10, ErrorState: 1203 },
  ],
];

test('each quoted Japanese Schannel message is read into its event id and fields', () => {
  for (const [id, message, fields] of QUOTED) {
    const m = matchMessage('Schannel', message);
    assert.ok(m, message);
    assert.is(m!.template.id, id, message);
    assert.is(m!.rest, undefined, `${message}: nothing left over`);
    for (const [name, value] of Object.entries(fields)) assert.is(m!.fields[name], value, `${id} ${name}`);
  }
});

test('a Japanese netsh TXT: Schannel lines next to English ones give the same fields', () => {
  const dir = mkdtempSync(join(tmpdir(), 'td-netsh-ja-'));
  try {
    const path = join(dir, 'NetTrace-ja.txt');
    const line = (i: number, message: string) => `[0]0290.0F3C::11/14/24-18:03:5${i}.${100 + i} [Schannel]${message}`;
    const lines = [
      line(0, 'A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 20.'),
      ...QUOTED.map(([, message], i) => line(i + 1, message)),
    ];
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    const { input, events } = readAll(path);
    assert.is(input.format, 'netsh_txt');
    const received = byId(events, 'Schannel', 36887);
    assert.is(received.length, 3, 'the English and both Japanese 36887 lines');
    for (const e of received) assert.is(e.fields.AlertDesc, 20);
    const sent = byId(events, 'Schannel', 36888);
    assert.equal(sent.map((e) => [e.fields.AlertDesc, e.fields.ErrorState]), [[40, 1205], [10, 1203]]);
    assert.is(byId(events, 'Schannel', 36871)[0]?.fields.ErrorState, 10013);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
