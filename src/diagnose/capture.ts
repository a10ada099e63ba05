// The capture commands that would answer what a trace or an error message cannot: one table, quoted word for word
// by the gap findings, the reported-error steps, `explain`, the export hints and the per-failure recipes below.

export const CAPTURE = {
  netshStart: 'netsh trace start scenario=InternetClient capture=yes maxsize=1024 tracefile=C:\\temp\\NetTrace.etl',
  /** The same capture with the DNS client's own events (query status per name). */
  netshStartDns: 'netsh trace start scenario=InternetClient capture=yes maxsize=1024 tracefile=C:\\temp\\NetTrace.etl provider=Microsoft-Windows-DNS-Client',
  netshStop: 'netsh trace stop',
  /** Vista / Server 2008-era WinHTTP text tracing; on Windows 7+ it only points at netsh trace. */
  winhttpTracing: 'netsh winhttp set tracing level=verbose format=hex output=file max-trace-file-size=512000 state=enabled',
  pktmonFull: 'pktmon start --capture --pkt-size 0',
  pktmonStop: 'pktmon stop',
  netshLarger: 'netsh trace start scenario=InternetClient capture=yes maxsize=4096 filemode=circular tracefile=C:\\temp\\NetTrace.etl',
  schannelLogging:
    'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL" /v EventLogging /t REG_DWORD /d 7 /f',
  winhttpProxyShow: 'netsh winhttp show proxy',
} as const;

/** For each family of failures: the capture that shows its cause, and what in that capture tells. */
const RECIPES = {
  tls: { start: CAPTURE.netshStart, tells: 'WebIO shows EnabledProtocols, the packets show the ClientHello version and the server reset/alert' },
  name_resolution: {
    start: CAPTURE.netshStartDns,
    tells: `also run \`${CAPTURE.winhttpProxyShow}\`: a broken WinHTTP proxy gives the same message`,
  },
  connect: { start: CAPTURE.netshStart, tells: 'TCPIP connect attempts and SYN retransmits show whether a firewall or proxy blocks the port' },
  certificate: { start: CAPTURE.netshStart, tells: 'the server Certificate message is in the packets; also export the System log Schannel events' },
  dotnet_tls: {
    start: CAPTURE.netshStart,
    tells: '.NET uses SslStream, not WinHTTP: the packets show the ClientHello version; also check SchUseStrongCrypto / SystemDefaultTlsVersions',
  },
} as const;
export type CaptureRecipe = keyof typeof RECIPES;

/** The recipe as one line: start the capture, reproduce, stop it, and what to look for. */
export function captureRecipe(recipe: CaptureRecipe): string {
  const r = RECIPES[recipe];
  return `${r.start} ; reproduce ; ${CAPTURE.netshStop} (${r.tells})`;
}
