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

/**
 * For each family of failures, the capture that shows its cause; what in that capture tells is the report
 * catalogs' `capture.tells.<family>` message.
 */
const RECIPE_START = {
  tls: CAPTURE.netshStart,
  name_resolution: CAPTURE.netshStartDns,
  connect: CAPTURE.netshStart,
  certificate: CAPTURE.netshStart,
  dotnet_tls: CAPTURE.netshStart,
} as const;
export type CaptureRecipe = keyof typeof RECIPE_START;

/** The command that starts the capture of a family of failures (stopped with CAPTURE.netshStop). */
export function captureStart(recipe: CaptureRecipe): string {
  return RECIPE_START[recipe];
}
