// Remediation builders: exact registry values, KBs and commands, fitted to what the trace shows
// (OS build from the header, 32-bit Windows → no Wow6432Node, WinHTTP vs .NET client).
import type { DestinationClass } from '../correlate/destination.js';
import type { Remediation } from './types.js';
import { hex32 } from '../common/format.js';
import type { TraceContext } from './context.js';
import { isWindows7Family, needsKb3140245, osLabel } from './context.js';
import { msg, sentences, type Message } from './message.js';

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

function dword(path: string, name: string, value: number, why: Message): Remediation {
  const hex = hex32(value);
  return {
    text: msg('step.set_dword', { path, name, value: hex, why }),
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
    dword(SCHANNEL_TLS12_CLIENT, 'Enabled', 1, msg('why.schannel_enabled')),
    dword(SCHANNEL_TLS12_CLIENT, 'DisabledByDefault', 0, msg('why.schannel_disabled_by_default')),
    {
      text: msg('step.schannel_policy_restart'),
      command: 'shutdown /r /t 0',
    },
  ];
}

export function winhttpDefaultProtocols(ctx: TraceContext, appMask?: number): Remediation[] {
  const steps: Remediation[] = [];
  const kb = needsKb3140245(ctx);
  if (ctx.osBuild !== undefined && ctx.osBuild < 7600) {
    // Server 2008 SP2 / Vista predate KB3140245: TLS 1.1/1.2 arrive with a separate update first.
    steps.push({ text: msg('step.kb4019276', { os: osLabel(ctx.osBuild) }), kb: 'KB4019276' });
  } else if (kb !== false) {
    steps.push({ text: kb === undefined ? msg('step.kb3140245_os_unknown') : msg('step.kb3140245', { os: osLabel(ctx.osBuild) }), kb: 'KB3140245' });
  }
  steps.push(dword(WINHTTP_KEY, 'DefaultSecureProtocols', DEFAULT_SECURE_PROTOCOLS, msg('why.default_secure_protocols')));
  if (withWow(ctx)) steps.push(dword(WINHTTP_KEY_WOW, 'DefaultSecureProtocols', DEFAULT_SECURE_PROTOCOLS, msg('why.wow6432')));
  if (isWindows7Family(ctx)) {
    steps.push(...schannelTls12Client().slice(0, 2).map((s) => ({ ...s, text: msg('step.windows7_schannel_off', { step: s.text }) })));
  } else if (ctx.osBuild === undefined) {
    steps.push({ text: msg('step.windows7_only_schannel', { path: SCHANNEL_TLS12_CLIENT }) });
  }
  if (appMask !== undefined && (appMask & 0x2800) === 0) {
    // The trace cannot tell whether the mask on the request came from the default or from the application.
    steps.push({ text: msg('step.app_secure_protocols', { mask: hex32(appMask) }) });
  }
  steps.push({ text: msg('step.restart_for_winhttp'), command: 'Restart-Service WinRM' });
  return steps;
}

export function dotnetStrongCrypto(ctx: TraceContext): Remediation[] {
  const steps: Remediation[] = [
    {
      text: msg('step.session_tls12'),
      powershell: '[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12',
    },
  ];
  const roots = withWow(ctx) ? [NETFX_KEY, NETFX_KEY_WOW] : [NETFX_KEY];
  for (const root of roots) {
    for (const v of NETFX) {
      steps.push(dword(root + v, 'SchUseStrongCrypto', 1, msg('why.strong_crypto')));
      steps.push(dword(root + v, 'SystemDefaultTlsVersions', 1, msg('why.system_default_tls')));
    }
  }
  steps.push({ text: msg('step.new_session_for_dotnet') });
  return steps;
}

export function cipherSuites(ctx: TraceContext): Remediation[] {
  return [
    { text: msg('step.list_cipher_suites'), powershell: 'Get-TlsCipherSuite | Format-Table Name, Exchange, Cipher' },
    { text: msg('step.enable_cipher_suites'), powershell: "Enable-TlsCipherSuite -Name 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' -Position 0; Enable-TlsCipherSuite -Name 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' -Position 1" },
    { text: msg('step.cipher_suite_policy', { path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\\Functions' }) },
    { text: ctx.osBuild !== undefined && ctx.osBuild <= 9600 ? msg('step.cumulative_update_os', { os: osLabel(ctx.osBuild) }) : msg('step.cumulative_update') },
  ];
}

export function certificateTrust(opts: { issuer?: string; revocation: boolean; nameMismatch: boolean; untrusted: boolean; microsoft365?: boolean }): Remediation[] {
  const steps: Remediation[] = [];
  if (opts.untrusted) {
    steps.push({
      text: sentences(
        opts.issuer ? msg('step.untrusted_root_issuer', { issuer: opts.issuer }) : msg('step.untrusted_root'),
        msg(opts.microsoft365 === false ? 'step.exclude_server_from_inspection' : 'step.exclude_m365_from_inspection'),
      ),
    });
    steps.push({
      text: msg('step.import_inspection_root'),
      powershell: "Import-Certificate -FilePath 'C:\\temp\\inspection-root.cer' -CertStoreLocation Cert:\\LocalMachine\\Root",
    });
  }
  if (opts.revocation) {
    steps.push({
      text: msg('step.revocation_urls'),
      command: 'certutil -verify -urlfetch C:\\temp\\server.cer',
    });
  }
  if (opts.nameMismatch) {
    steps.push({ text: msg('step.certificate_name') });
  }
  if (steps.length === 0) {
    steps.push({ text: msg('step.check_certificate_chain'), command: 'certutil -verify -urlfetch C:\\temp\\server.cer' });
  }
  return steps;
}

export function dnsResolution(name: string | undefined): Remediation[] {
  const n = name ?? '<server name>';
  return [
    { text: msg('step.resolve_name'), powershell: `Resolve-DnsName ${n}` },
    { text: msg('step.dns_servers'), powershell: 'Get-DnsClientServerAddress; Clear-DnsClientCache' },
    { text: msg('step.dns_through_proxy'), command: 'netsh winhttp show proxy' },
  ];
}

/** The fix for a TCP connection that failed, by the kind of destination it went to. */
export function tcpConnect(host: string | undefined, port: number | undefined, destination: DestinationClass = 'microsoft365'): Remediation[] {
  const test: Remediation = { text: msg('step.test_tcp_path'), powershell: `Test-NetConnection ${host ?? '<server>'} -Port ${port ?? 443}` };
  const winhttpProxy = 'netsh winhttp show proxy';
  switch (destination) {
    case 'loopback':
      return [
        { text: msg('step.loopback_listener'), powershell: `Get-NetTCPConnection -State Listen -LocalPort ${port ?? 8080}` },
        { text: msg('step.loopback_proxy'), command: winhttpProxy },
        {
          text: msg('step.per_user_proxy'),
          powershell: "Get-ItemProperty 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings' | Select-Object ProxyEnable, ProxyServer, AutoConfigURL",
        },
      ];
    case 'private':
      return [
        test,
        { text: msg('step.private_host'), command: winhttpProxy },
      ];
    case 'internet':
      return [test, { text: msg('step.allow_outbound_host'), command: winhttpProxy }];
    case 'microsoft365':
      return [
        test,
        { text: msg('step.allow_outbound_m365'), command: winhttpProxy },
      ];
  }
}

/** HTTP 407: give PowerShell / .NET the signed-in user's credentials for the proxy. */
export function proxyCredentials(): Remediation[] {
  return [
    {
      text: msg('step.proxy_credentials'),
      powershell: '[System.Net.WebRequest]::DefaultWebProxy.Credentials = [System.Net.CredentialCache]::DefaultNetworkCredentials',
    },
    { text: msg('step.show_winhttp_proxy'), command: 'netsh winhttp show proxy' },
  ];
}

/** HTTP 401 / 500 from Microsoft 365 remote PowerShell: sign in with modern authentication through the current module. */
export function modernSignIn(): Remediation[] {
  return [
    { text: msg('step.exo_v3_module'), powershell: 'Install-Module ExchangeOnlineManagement -Scope CurrentUser; Connect-ExchangeOnline -UserPrincipalName admin@contoso.com' },
    { text: msg('step.winrm_client_auth'), command: 'winrm get winrm/config/client/auth' },
  ];
}

export function proxySettings(proxy: string | undefined, pacUrl: string | undefined): Remediation[] {
  const steps: Remediation[] = [{ text: msg('step.show_winhttp_proxy_separate'), command: 'netsh winhttp show proxy' }];
  if (pacUrl) steps.push({ text: msg('step.pac_downloads', { url: pacUrl }), powershell: `Invoke-WebRequest -UseBasicParsing '${pacUrl}'` });
  steps.push({
    text: msg('step.set_winhttp_proxy'),
    command: `netsh winhttp set proxy proxy-server="${proxy ?? 'proxy.contoso.com:8080'}" bypass-list="<local>"`,
  });
  steps.push({ text: msg('step.reset_winhttp_proxy'), command: 'netsh winhttp reset proxy' });
  steps.push({ text: msg('step.proxy_per_session'), powershell: "New-PSSessionOption -ProxyAccessType WinHttpConfig" });
  return steps;
}
