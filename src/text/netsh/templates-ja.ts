// Message forms a Japanese Windows prints for the same events: the providers' ja-JP message resources, as
// Japanese Windows shows them (Event Viewer, netsh trace convert and tracerpt render with the same resources).
// Only forms quoted in full from a real Japanese system are here, with where they were seen; field lists are
// those of the English form with the same meaning (templates-legacy.ts, the bundled manifests).
//   36871        pkiwithadcs.com/details_about_36871 (System log, "TLS クライアント 資格情報…状態は 10013 です")
//   36887 Win7   masayoshi-9a7ee.hatenablog.com/entry/20150620/1434797336 ("次の致命的な警告を受け取りました: 20。")
//   36887        tksoft.work/archives/1364 (Windows Server, event 36887, alert code 20)
//   36888 Win7   qiita.com/sengoku/items/f4d27527bd6c98617606 (IIS server, "…: 40。内部エラーの状態は 1205 です。")
//   36888 8.1+   tksoft.work/archives/1364 (Windows Server, alert code 10, SChannel error state 1203)
// No Japanese form of the WebIO, WinHttp, DNS-Client, TCPIP or WinRM messages has been found quoted in full, so
// none is here: a guessed translation would read fields wrongly rather than not at all.
import type { TemplateRow } from './templates-source.js';

export const JAPANESE_TEMPLATES: Readonly<Record<string, readonly TemplateRow[]>> = {
  Schannel: [
    [36871, 0, 'Type,ErrorState', 'UnicodeString,UInt32', 'TLS %1 資格情報を作成しているときに致命的なエラーが発生しました。内部エラーの状態は %2 です。'],
    [36887, 0, 'AlertDesc', 'UInt32', '次の致命的な警告を受け取りました: %1。'],
    [36887, 0, 'AlertDesc', 'UInt32', 'リモート エンドポイントから致命的な警告を受け取りました。TLS プロトコルで定義されているこの致命的な警告のコードは %1 です。'],
    [36888, 0, 'AlertDesc,ErrorState', 'UInt32,UInt32', '次の致命的な警告が生成されました: %1。内部エラーの状態は %2 です。'],
    [
      36888,
      0,
      'AlertDesc,ErrorState',
      'UInt32,UInt32',
      '致命的な警告が生成され、リモート エンドポイントに送信されました。これにより、接続が終了される可能性があります。TLS プロトコルで定義されているこの致命的な警告のコードは %1 です。Windows SChannel エラーの状態は %2 です。',
    ],
  ],
};
