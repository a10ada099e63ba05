// `ip:port` / `[v6]:port` text (the canonical form the providers layer writes) split into its parts.

export interface IpPort {
  ip: string;
  port: number;
}

/** Parses `a.b.c.d:port` or `[v6]:port`; a bare address gives port 0; anything else gives undefined. */
export function parseEndpoint(text: string | undefined): IpPort | undefined {
  if (!text) return undefined;
  const t = text.trim();
  const v6 = /^\[([0-9a-fA-F:.]+)(?:%[^\]]*)?\]:(\d{1,5})$/.exec(t);
  if (v6) return { ip: v6[1]!.toLowerCase(), port: Number(v6[2]) };
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(t);
  if (v4) return { ip: v4[1]!, port: Number(v4[2]) };
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(t)) return { ip: t, port: 0 };
  if (/^[0-9a-fA-F:]+$/.test(t) && t.includes(':')) return { ip: t.toLowerCase(), port: 0 };
  return undefined;
}

export function endpointKey(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
