// The tables behind redaction (redact.ts): which names stay readable and which words are never learned as names.
// Kept as data so adding a Microsoft service domain or a public suffix is a one-line change.

/** Domains (and their subdomains) of Microsoft services and public infrastructure that stay readable. */
export const READABLE_DOMAINS: readonly string[] = [
  'microsoft.com', 'microsoftonline.com', 'microsoftonline-p.com', 'microsoftonline-p.net', 'office365.com',
  'office.com', 'office.net', 'outlook.com', 'live.com', 'live.net', 'lync.com', 'skype.com',
  'skypeforbusiness.com', 'teams.microsoft.com', 'windows.net', 'windows.com', 'windowsupdate.com', 'azure.com',
  'azure.net', 'azureedge.net', 'azurefd.net', 'msedge.net', 'msftauth.net', 'msauth.net', 'msft.net',
  'msocsp.com', 'msecnd.net', 'trafficmanager.net', 'cloudapp.net', 'dynamics.com', 'powerbi.com',
  'visualstudio.com', 'bing.com', 'gfx.ms', 'aka.ms', 'sharepointonline.com', 'exchangelabs.com',
  'outlook.office365.com', 'digicert.com', 'globalsign.com', 'globalsign.net', 'entrust.net', 'verisign.com',
  'symcd.com', 'symcb.com', 'letsencrypt.org', 'lencr.org', 'w3.org', 'xmlsoap.org', 'openxmlformats.org',
  'example.com', 'example.net', 'example.org', 'localhost',
];

/**
 * Microsoft domains whose first label names the customer's tenant (contoso.sharepoint.com,
 * contoso-com.mail.protection.outlook.com): that label is replaced, the service suffix stays readable.
 */
export const TENANT_BEARING_SUFFIXES: readonly string[] = [
  'mail.protection.outlook.com', 'sharepoint.com', 'sharepoint-df.com', 'msappproxy.net',
];

/** `<tenant>.onmicrosoft.com` and `<tenant>.mail.onmicrosoft.com` become `tenant-N.example` as a whole. */
export const TENANT_DOMAINS: readonly string[] = ['mail.onmicrosoft.com', 'onmicrosoft.com'];

/** Top-level domains recognised as host names; file extensions such as `.exe`, `.etl`, `.dll` are not TLDs. */
export const HOST_TLDS = new Set(
  ('com net org edu gov mil int info biz io co local lan corp internal intra intranet home arpa cloud app dev ' +
    'online site tech xyz eu asia us uk de fr jp cn au ca nl be ch at se no dk fi es it pl ru br in kr tw hk sg ' +
    'nz za ie pt cz hu gr tr il mx ar cl ae sa my th vn id ph ms ad').split(' '),
);

/** Top-level domains only used inside organisations: their second-level label names the customer. */
export const INTERNAL_TLDS = new Set('local lan corp internal intra intranet home'.split(' '));

/** Second-level labels under a country TLD that are public suffixes (contoso.co.jp → registrable contoso.co.jp). */
export const PUBLIC_SECOND_LEVEL = new Set('co com net org ac ne or go gov edu ltd plc gr lg ad'.split(' '));

/** Host labels that name a well-known role, kept readable because they matter to the diagnosis. */
export const READABLE_HOST_LABELS = new Set(
  ('autodiscover lyncdiscover sip www mail owa adfs sts proxy wpad enterpriseregistration ' +
    'enterpriseenrollment').split(' '),
);

/** Profile folders and accounts that identify nobody. */
export const READABLE_USERS = new Set(
  ['public', 'default', 'default user', 'all users', 'defaultuser0', 'administrator', 'system',
    'local service', 'network service', 'localsystem'],
);

/** Account domains and registry roots that look like `DOMAIN\name` but identify nobody. */
export const READABLE_ACCOUNT_DOMAINS = new Set(
  ['nt authority', 'authority', 'builtin', 'nt service', 'service', 'iis apppool', 'apppool', 'window manager',
    'font driver host', 'nt virtual machine', 'hklm', 'hkcu', 'hku', 'hkcr', 'hkcc', 'hkey_local_machine',
    'hkey_current_user', 'hkey_users', 'hkey_classes_root', 'hkey_current_config', 'system32', 'syswow64',
    'windows', 'software', 'system', 'program files', 'programdata', 'users', 'temp', 'localhost'],
);

/** Words that are never learned as names to replace everywhere. */
export const NEVER_LEARNED = new Set(
  ('localhost unknown none null true false test mail corp local home office cloud online group global example ' +
    'internal server client domain windows microsoft public default host user tenant ip admin support service ' +
    'winhttp webio schannel tcpip winrm wininet dns http https tls ssl powershell exchange outlook teams lync ' +
    'skype azure proxy wpad system network').split(' '),
);

/**
 * Words that mark a certificate name as a public certificate authority's (kept readable: the diagnosis names the
 * CA, and it identifies no customer). Any other distinguished name is the customer's (a TLS-inspecting proxy's
 * root, an internal CA) and its components are replaced.
 */
export const PUBLIC_CA_WORDS: readonly string[] = [
  'digicert', 'globalsign', 'entrust', 'verisign', 'symantec', 'geotrust', 'thawte', 'baltimore', 'cybertrust',
  'microsoft', 'let\'s encrypt', 'isrg', 'sectigo', 'comodo', 'usertrust', 'godaddy', 'go daddy', 'starfield',
  'amazon', 'google trust services', 'gts root', 'quovadis', 'identrust', 'certum', 'buypass', 'actalis',
  'certigna', 'secom', 'cybertrust japan', 'japan certification', 'swisssign', 'trustwave', 'network solutions',
];

/** Directories of paths that identify nobody (a capture command's `C:\temp`, system folders). */
export const READABLE_DIRS = new Set(
  ['windows', 'program files', 'program files (x86)', 'programdata', 'temp', 'tmp', 'system32', 'syswow64',
    'users', 'home', 'desktop', 'documents', 'downloads', 'appdata', 'local', 'locallow', 'roaming', 'var', '.', '..'],
);
