// Capture commands that would answer what a trace cannot (quoted by the gap findings).

export const CAPTURE = {
  netshStart: 'netsh trace start scenario=InternetClient capture=yes maxsize=1024 tracefile=C:\\temp\\NetTrace.etl',
  netshStop: 'netsh trace stop',
  /** Vista / Server 2008-era WinHTTP text tracing; on Windows 7+ it only points at netsh trace. */
  winhttpTracing: 'netsh winhttp set tracing level=verbose format=hex output=file max-trace-file-size=512000 state=enabled',
  pktmonFull: 'pktmon start --capture --pkt-size 0',
  pktmonStop: 'pktmon stop',
  netshLarger: 'netsh trace start scenario=InternetClient capture=yes maxsize=4096 filemode=circular tracefile=C:\\temp\\NetTrace.etl',
  schannelLogging:
    'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL" /v EventLogging /t REG_DWORD /d 7 /f',
} as const;
