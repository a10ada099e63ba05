// Remediation builders: exact registry values, KBs and commands, fitted to what the trace shows
// (OS build from the header, 32-bit Windows → no Wow6432Node, WinHTTP vs .NET client).
import type { DestinationClass } from '../correlate/destination.js';
import type { Remediation } from './types.js';
import { hex32 } from '../common/format.js';
import type { TraceContext } from './context.js';
import { isWindows7Family, needsKb3140245, osLabel } from './context.js';

const WINHTTP_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp';
const WINHTTP_KEY_WOW = 'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp';
const SCHANNEL_TLS12_CLIENT = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client';
const NETFX = ['v4.0.30319', 'v2.0.50727'];
const NETFX_KEY = 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\';
const NETFX_KEY_WOW = 'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\\';

/** DefaultSecureProtocols = TLS 1.0 + 1.1 + 1.2 (the Hybrid Configuration Wizard article's value). */
export const DEFAULT_SECURE_PROTOCOLS = 0x00000a80;

function psPath(regPath: string): string {
  return regPath.replace(/^HKLM\\/, 'HKLM:\\');
}

function dword(path: string, name: string, value: number, why: string): Remediation {
  const hex = hex32(value);
  return {
    text: `Set ${path}\\${name} = ${hex} (REG_DWORD)${why ? ` — ${why}` : ''}`,
    registry: { path, name, type: 'REG_DWORD', value },
    powershell: `New-Item -Path '${psPath(path)}' -Force | Out-Null; New-ItemProperty -Path '${psPath(path)}' -Name ${name} -PropertyType DWord -Value ${hex} -Force`,
  };
}

/** A 32-bit Windows has no Wow6432Node; otherwise 32-bit processes read it, so set both. */
function withWow(ctx: TraceContext): boolean {
  return ctx.pointerSize !== 4;
}

export function schannelTls12Client(): Remediation[] {
  return [
    dword(SCHANNEL_TLS12_CLIENT, 'Enabled', 1, 'lets Schannel offer TLS 1.2 as a client'),
    dword(SCHANNEL_TLS12_CLIENT, 'DisabledByDefault', 0, 'lets applications that ask for the default get TLS 1.2'),
    {
      text: 'Check that no Group Policy or hardening tool sets these values back (gpresult /h C:\\temp\\gp.html), then restart the computer: Schannel reads them at boot.',
      command: 'shutdown /r /t 0',
    },
  ];
}

export function winhttpDefaultProtocols(ctx: TraceContext, appMask?: number): Remediation[] {
  const steps: Remediation[] = [];
  const kb = needsKb3140245(ctx);
  if (ctx.osBuild !== undefined && ctx.osBuild < 7600) {
    // Server 2008 SP2 / Vista predate KB3140245: TLS 1.1/1.2 arrive with a separate update first.
    steps.push({
      text: `${osLabel(ctx.osBuild)}: install KB4019276 (TLS 1.1/1.2 for Windows Server 2008 SP2) and the WinHTTP update that adds DefaultSecureProtocols there, or move the workload to a supported Windows version.`,
      kb: 'KB4019276',
    });
  } else if (kb !== false) {
    steps.push({
      text:
        `Install KB3140245 (WinHTTP: TLS 1.1/1.2 as default secure protocols) — needed on Windows 7 SP1, Server 2008 R2 SP1 and Server 2012` +
        (kb === undefined ? ' (the trace does not say which Windows this is)' : `; this trace is from ${osLabel(ctx.osBuild)}`) +
        '. Current cumulative updates include it.',
      kb: 'KB3140245',
    });
  }
  steps.push(dword(WINHTTP_KEY, 'DefaultSecureProtocols', DEFAULT_SECURE_PROTOCOLS, 'TLS 1.0 + 1.1 + 1.2 (0x00000800 = TLS 1.2 only)'));
  if (withWow(ctx)) steps.push(dword(WINHTTP_KEY_WOW, 'DefaultSecureProtocols', DEFAULT_SECURE_PROTOCOLS, 'the same for 32-bit processes'));
  if (isWindows7Family(ctx)) {
    steps.push(...schannelTls12Client().slice(0, 2).map((s) => ({ ...s, text: s.text + ' (TLS 1.2 is off in Schannel by default on Windows 7 / 2008 R2)' })));
  } else if (ctx.osBuild === undefined) {
    steps.push({
      text: `On Windows 7 / Server 2008 R2 only: also set ${SCHANNEL_TLS12_CLIENT} Enabled = 1 and DisabledByDefault = 0 (REG_DWORD).`,
    });
  }
  if (appMask !== undefined && (appMask & 0x2800) === 0) {
    // The trace cannot tell whether the mask on the request came from the default or from the application.
    steps.push({
      text:
        'If the application sets WINHTTP_OPTION_SECURE_PROTOCOLS itself (the request here carried ' +
        `${hex32(appMask)}, no TLS 1.2), DefaultSecureProtocols does not override it: update or reconfigure that application.`,
    });
  }
  steps.push({ text: 'Restart the computer (or at least the WinRM service and the application) so WinHTTP reads the new default, then retry.', command: 'Restart-Service WinRM' });
  return steps;
}

export function dotnetStrongCrypto(ctx: TraceContext): Remediation[] {
  const steps: Remediation[] = [
    {
      text: 'In the PowerShell session, before Connect-ExchangeOnline / Connect-MsolService / Connect-AzureAD:',
      powershell: '[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12',
    },
  ];
  const roots = withWow(ctx) ? [NETFX_KEY, NETFX_KEY_WOW] : [NETFX_KEY];
  for (const root of roots) {
    for (const v of NETFX) {
      steps.push(dword(root + v, 'SchUseStrongCrypto', 1, 'strong crypto: TLS 1.1/1.2 for .NET apps'));
      steps.push(dword(root + v, 'SystemDefaultTlsVersions', 1, 'let the OS (Schannel) choose the TLS version'));
    }
  }
  steps.push({ text: 'Start a new PowerShell session (or restart the service) so .NET reads the keys; .NET 4.6.2 or later is needed for TLS 1.2 by default.' });
  return steps;
}

export function cipherSuites(ctx: TraceContext): Remediation[] {
  return [
    { text: 'List the cipher suites this machine offers and compare them with what Microsoft 365 accepts (ECDHE with AES-GCM).', powershell: 'Get-TlsCipherSuite | Format-Table Name, Exchange, Cipher' },
    { text: 'Enable the suites Microsoft 365 requires:', powershell: "Enable-TlsCipherSuite -Name 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' -Position 0; Enable-TlsCipherSuite -Name 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' -Position 1" },
    {
      text:
        'If a Group Policy sets the order (Computer Configuration > Administrative Templates > Network > SSL Configuration Settings > SSL Cipher Suite Order), ' +
        'add TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 and TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 there; the policy value is HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\\Functions.',
    },
    {
      text:
        `Install the current cumulative update${ctx.osBuild !== undefined && ctx.osBuild <= 9600 ? ` (${osLabel(ctx.osBuild)} needs it for the ECDHE AES-GCM suites)` : ''}, then restart the computer.`,
    },
  ];
}

export function certificateTrust(opts: { issuer?: string; revocation: boolean; nameMismatch: boolean; untrusted: boolean; microsoft365?: boolean }): Remediation[] {
  const steps: Remediation[] = [];
  if (opts.untrusted) {
    steps.push({
      text:
        `The server certificate${opts.issuer ? ` (issued by "${opts.issuer}")` : ''} chains to a root this machine does not trust — typical of a TLS-inspecting proxy or firewall. ` +
        (opts.microsoft365 === false
          ? 'Exclude that server from TLS inspection …'
          : 'Exclude the Microsoft 365 endpoints from TLS inspection (Microsoft recommends no inspection for them: https://aka.ms/o365ip) …'),
    });
    steps.push({
      text: '… or, if inspection must stay, import the inspection root CA into the computer\'s Trusted Root store:',
      powershell: "Import-Certificate -FilePath 'C:\\temp\\inspection-root.cer' -CertStoreLocation Cert:\\LocalMachine\\Root",
    });
  }
  if (opts.revocation) {
    steps.push({
      text: 'Revocation could not be checked: allow the certificate\'s CRL and OCSP URLs (HTTP, port 80) through the proxy/firewall for the SYSTEM and service accounts; test with certutil:',
      command: 'certutil -verify -urlfetch C:\\temp\\server.cer',
    });
  }
  if (opts.nameMismatch) {
    steps.push({ text: 'The certificate does not carry the name that was used: connect with a name the certificate lists (its subject/SAN), or fix the name the proxy presents.' });
  }
  if (steps.length === 0) {
    steps.push({ text: 'Check the server certificate chain from this machine:', command: 'certutil -verify -urlfetch C:\\temp\\server.cer' });
  }
  return steps;
}

export function dnsResolution(name: string | undefined): Remediation[] {
  const n = name ?? '<server name>';
  return [
    { text: `Resolve the name from this machine and see which DNS server answers:`, powershell: `Resolve-DnsName ${n}` },
    { text: 'Check the configured DNS servers and flush the cache:', powershell: 'Get-DnsClientServerAddress; Clear-DnsClientCache' },
    { text: 'If the network only resolves external names through a proxy, WinHTTP must be given that proxy:', command: 'netsh winhttp show proxy' },
  ];
}

/** The fix for a TCP connection that failed, by the kind of destination it went to. */
export function tcpConnect(host: string | undefined, port: number | undefined, destination: DestinationClass = 'microsoft365'): Remediation[] {
  const test: Remediation = { text: 'Test the TCP path from this machine:', powershell: `Test-NetConnection ${host ?? '<server>'} -Port ${port ?? 443}` };
  const winhttpProxy = 'netsh winhttp show proxy';
  switch (destination) {
    case 'loopback':
      return [
        { text: 'See whether any program listens on that port on this machine:', powershell: `Get-NetTCPConnection -State Listen -LocalPort ${port ?? 8080}` },
        { text: 'If it is the configured proxy, start the proxy program, or correct the proxy WinHTTP uses:', command: winhttpProxy },
        {
          text: 'and the per-user proxy (Internet Options) that browsers and .NET use:',
          powershell: "Get-ItemProperty 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings' | Select-Object ProxyEnable, ProxyServer, AutoConfigURL",
        },
      ];
    case 'private':
      return [
        test,
        { text: 'Check that the service on that host is running and its firewall allows the port; if the host is the proxy, check the proxy setting:', command: winhttpProxy },
      ];
    case 'internet':
      return [test, { text: 'Allow outbound TCP to that host on the firewall, or send the traffic through the proxy the network requires:', command: winhttpProxy }];
    case 'microsoft365':
      return [
        test,
        { text: 'Allow outbound TCP to the Microsoft 365 endpoints (https://aka.ms/o365ip) on the firewall, or send the traffic through the proxy the network requires:', command: winhttpProxy },
      ];
  }
}

/** HTTP 407: give PowerShell / .NET the signed-in user's credentials for the proxy. */
export function proxyCredentials(): Remediation[] {
  return [
    {
      text: 'Send the signed-in user\'s credentials to the proxy in this PowerShell session, then retry the command:',
      powershell: '[System.Net.WebRequest]::DefaultWebProxy.Credentials = [System.Net.CredentialCache]::DefaultNetworkCredentials',
    },
    { text: 'Show the proxy WinHTTP (WinRM, PowerShell remoting) uses:', command: 'netsh winhttp show proxy' },
  ];
}

/** HTTP 401 / 500 from Microsoft 365 remote PowerShell: sign in with modern authentication through the current module. */
export function modernSignIn(): Remediation[] {
  return [
    { text: 'Use the Exchange Online PowerShell V3 module (modern authentication, MFA, no WinRM Basic):', powershell: 'Install-Module ExchangeOnlineManagement -Scope CurrentUser; Connect-ExchangeOnline -UserPrincipalName admin@contoso.com' },
    { text: 'For on-premises remoting, show which authentication methods the WinRM client allows:', command: 'winrm get winrm/config/client/auth' },
  ];
}

export function proxySettings(proxy: string | undefined, pacUrl: string | undefined): Remediation[] {
  const steps: Remediation[] = [{ text: 'Show the proxy WinHTTP (WinRM, PowerShell remoting, services) uses — it is separate from the browser\'s:', command: 'netsh winhttp show proxy' }];
  if (pacUrl) steps.push({ text: `Check that the PAC file downloads from this machine and account (${pacUrl}):`, powershell: `Invoke-WebRequest -UseBasicParsing '${pacUrl}'` });
  steps.push({
    text: 'Set the proxy WinHTTP should use (or import the browser\'s settings with `netsh winhttp import proxy source=ie`):',
    command: `netsh winhttp set proxy proxy-server="${proxy ?? 'proxy.contoso.com:8080'}" bypass-list="<local>"`,
  });
  steps.push({ text: 'If no proxy is needed, remove a stale WinHTTP proxy:', command: 'netsh winhttp reset proxy' });
  steps.push({ text: 'For PowerShell remoting also possible per session:', powershell: "New-PSSessionOption -ProxyAccessType WinHttpConfig" });
  return steps;
}
