// Facts around an error message that tell where it happened: the destination host and port, the remote server,
// the cmdlet, TLS versions named by Entra. English and Japanese renderings. Data, read by error-text/parse.ts.
import type { Fields } from '../../decode/types.js';

export interface ContextPattern {
  re: RegExp;
  fields(m: RegExpExecArray): Fields;
}

export const CONTEXT_PATTERNS: readonly ContextPattern[] = [
  {
    // WinRM 172 text: `The server certificate on the destination computer (outlook.office365.com:443) has …`
    re: /destination computer\s*\(([^()\s]*?):(\d+)\)/i,
    fields: (m) => ({ machineName: m[1]!, port: Number(m[2]) }),
  },
  {
    re: /宛先コンピューター\s*[(（]([^()（）\s]*?)[:：](\d+)[)）]/,
    fields: (m) => ({ machineName: m[1]!, port: Number(m[2]) }),
  },
  { re: /Connecting to remote server\s+(\S+?)\s+failed/i, fields: (m) => ({ RemoteServer: m[1]! }) },
  { re: /リモート\s*サーバーへの接続\s+([^\s、,]+?)[、,]/, fields: (m) => ({ RemoteServer: m[1]! }) },
  { re: /\[([^\]\s]+)\]\s+Connecting to remote server/i, fields: (m) => ({ RemoteServer: m[1]! }) },
  {
    re: /(?:^|\s)((?:New|Enter|Get|Connect|Invoke|Set|Test)-[A-Za-z]+)\s*:/,
    fields: (m) => ({ Command: m[1]! }),
  },
  { re: /FullyQualifiedErrorId\s*:\s*([^,]+)/i, fields: (m) => ({ FullyQualifiedErrorId: m[1]!.trim() }) },
  { re: /You are using TLS version ([0-9., and/or]+?)(?:\s+and\/or|\s+which)/i, fields: (m) => ({ ClientTlsVersions: m[1]!.trim() }) },
];
