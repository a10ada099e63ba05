// Ports that name a service (the listening end of a TCP connection), used to tell client from server when the
// capture began after the SYN. IANA system ports (0–1023) are all services; above them, the registered ports
// Windows clients commonly connect to. Windows gives outgoing connections ports from 49152–65535.

/** Registered (1024–49151) ports of services a Windows client connects to. */
const REGISTERED_SERVICE_PORTS: ReadonlySet<number> = new Set([
  1080, // SOCKS proxy
  1433, // SQL Server
  1723, // PPTP
  3128, // HTTP proxy (Squid)
  3268, // Global Catalog
  3269, // Global Catalog over TLS
  3389, // RDP
  5061, // SIP over TLS (Skype for Business / Teams SBC)
  5222, // XMPP
  5985, // WinRM over HTTP
  5986, // WinRM over HTTPS
  8080, // HTTP alternate / proxy
  8443, // HTTPS alternate
  8530, // WSUS
  8531, // WSUS over TLS
  8888, // HTTP alternate / proxy
  9443, // HTTPS alternate
]);

/** First port of the dynamic range Windows (and IANA) assigns to outgoing connections. */
export const EPHEMERAL_PORT_START = 49152;

/** True for a port a service listens on (system port or a registered service port). */
export function isServicePort(port: number): boolean {
  return port < 1024 || REGISTERED_SERVICE_PORTS.has(port);
}

/**
 * Which of two ports is the server's when only the ports can tell: 'a', 'b', or undefined (both or neither look
 * like a service). A service port beats any other; otherwise a port below the dynamic range beats one inside it.
 */
export function serverPortOf(a: number, b: number): 'a' | 'b' | undefined {
  const sa = isServicePort(a);
  const sb = isServicePort(b);
  if (sa !== sb) return sa ? 'a' : 'b';
  if (sa && sb) return a < b ? 'a' : b < a ? 'b' : undefined;
  const ea = a >= EPHEMERAL_PORT_START;
  const eb = b >= EPHEMERAL_PORT_START;
  if (ea !== eb) return ea ? 'b' : 'a';
  return undefined;
}
