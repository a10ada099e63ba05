// Microsoft 365 and Microsoft Entra ID address ranges (worldwide instance) as published by the Microsoft 365 IP
// address and URL web service (endpoints.office.com, service areas Exchange, SharePoint, Skype/Teams, Common;
// the Entra ID sign-in ranges are in Common). Used only where no server name is known: a name decides first.

/** Published IPv4 prefixes (address/length). */
export const M365_IPV4_PREFIXES: readonly string[] = [
  // Exchange Online
  '13.107.6.152/31',
  '13.107.18.10/31',
  '13.107.128.0/22',
  '23.103.160.0/20',
  '40.96.0.0/13',
  '40.104.0.0/15',
  '52.96.0.0/14',
  '131.253.33.215/32',
  '132.245.0.0/16',
  '150.171.32.0/22',
  '204.79.197.215/32',
  // SharePoint Online and OneDrive
  '13.107.136.0/22',
  '40.108.128.0/17',
  '52.104.0.0/14',
  '104.146.128.0/17',
  '150.171.40.0/22',
  // Skype for Business Online and Microsoft Teams
  '13.107.64.0/18',
  '52.112.0.0/14',
  '52.122.0.0/15',
  // Common: Microsoft Entra ID sign-in, Office clients
  '13.107.6.171/32',
  '13.107.18.15/32',
  '13.107.140.6/32',
  '20.20.32.0/19',
  '20.190.128.0/18',
  '20.231.128.0/19',
  '40.126.0.0/18',
  '52.108.0.0/14',
  '52.244.37.168/32',
];

/** Published IPv6 prefixes (address/length). */
export const M365_IPV6_PREFIXES: readonly string[] = [
  // Exchange Online
  '2603:1006::/40',
  '2603:1016::/36',
  '2603:1026::/36',
  '2603:1036::/36',
  '2603:1046::/36',
  '2603:1056::/36',
  '2620:1ec:4::152/127',
  '2620:1ec:c::10/127',
  '2620:1ec:d::10/127',
  '2620:1ec:a92::152/127',
  '2a01:111:f400::/48',
  '2a01:111:f403::/48',
  // SharePoint Online and OneDrive
  '2620:1ec:8f8::/46',
  '2620:1ec:908::/46',
  '2a01:111:f402::/48',
  // Skype for Business Online and Microsoft Teams
  '2603:1027::/48',
  '2603:1037::/48',
  '2603:1047::/48',
  '2603:1057::/48',
  '2620:1ec:6::/48',
  '2620:1ec:40::/42',
  // Common: Microsoft Entra ID sign-in, Office clients
  '2603:1006:2000::/48',
  '2603:1007:200::/48',
  '2603:1016:1400::/48',
  '2603:1017::/48',
  '2603:1026:3000::/48',
  '2603:1027:1::/48',
  '2603:1036:3000::/48',
  '2603:1037:1::/48',
  '2603:1046:2000::/48',
  '2603:1047:1::/48',
  '2603:1056:2000::/48',
  '2603:1057:2::/48',
  '2620:1ec:c::15/128',
  '2620:1ec:8fc::6/128',
  '2620:1ec:a92::171/128',
];
