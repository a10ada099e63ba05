// ETW provider GUIDs (lower case, no braces) of the providers this project reads or names, each written once.
// Manifest GUIDs as registered on Windows (`logman query providers`); the classic kernel Process GUID is the
// SYSTEM trace hook group's.

export const PROVIDER_GUIDS = {
  webio: '50b3e73c-9370-461d-bb9f-26f32d68887d',
  winhttp: '7d44233d-3055-4b9c-ba64-0d47ca40a232',
  winrm: 'a7975c8f-ac13-49f1-87da-5a984a4ab417',
  dnsClient: '1c95126e-7eea-49a9-a3fe-a378b03ddb4d',
  tcpip: '2f07e2ee-15db-40f1-90ef-9d7ba282188a',
  winsockAfd: 'e53c6823-7bb8-44bb-90dc-3f86090d48a6',
  winsockNameResolution: '55404e71-4db9-4deb-a5f5-8f86e46dde56',
  schannelWpp: '1f678132-5938-4686-9fdc-c8ff68f15c85',
  schannelEvents: '91cc1150-71aa-47e2-ae18-c96e61736b6f',
  capi2: '5bbca4a8-b209-48dc-a8c7-b23d3e5216fb',
  kernelProcessClassic: '3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c',
  kernelProcess: '22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716',
  ndisPacketCapture: '2ed6006e-4729-4609-b423-3ee7bcd678ef',
  pktmon: '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac',
  rasNdisWanPacketCapture: 'd84521f7-2235-4237-a7c0-14e3a9676286',
  wininet: '43d1a55c-76d6-4f7e-995c-64c711e5cafe',
  wininetCapture: 'a70ff94f-570b-4979-ba5c-e59c9feab61b',
  networkingCorrelation: '83ed54f0-4d48-4e45-b16e-726ffd1fa4af',
  wlanAutoconfig: '9580d7dd-0379-4658-9870-d5be7d52d6de',
} as const;
