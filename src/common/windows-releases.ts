// Windows client and server releases by build number (the build in an ETL header and in `ver`): the one table the
// reports and the diagnosis name an OS from.

/** Release names by build; client and server releases that share a build share a line. */
export const WINDOWS_RELEASES: Readonly<Record<number, string>> = {
  6000: 'Windows Vista',
  6001: 'Windows Vista SP1 / Server 2008',
  6002: 'Windows Vista SP2 / Server 2008 SP2',
  6003: 'Windows Server 2008 SP2',
  7600: 'Windows 7 / Server 2008 R2',
  7601: 'Windows 7 SP1 / Server 2008 R2 SP1',
  9200: 'Windows 8 / Server 2012',
  9600: 'Windows 8.1 / Server 2012 R2',
  10240: 'Windows 10 1507',
  10586: 'Windows 10 1511',
  14393: 'Windows Server 2016 / Windows 10 1607',
  15063: 'Windows 10 1703',
  16299: 'Windows 10 1709 / Server 1709',
  17134: 'Windows 10 1803 / Server 1803',
  17763: 'Windows Server 2019 / Windows 10 1809',
  18362: 'Windows 10 1903 / Server 1903',
  18363: 'Windows 10 1909 / Server 1909',
  19041: 'Windows 10 2004 / Server 2004',
  19042: 'Windows 10 20H2 / Server 20H2',
  19043: 'Windows 10 21H1',
  19044: 'Windows 10 21H2',
  19045: 'Windows 10 22H2',
  20348: 'Windows Server 2022',
  22000: 'Windows 11 21H2',
  22621: 'Windows 11 22H2',
  22631: 'Windows 11 23H2',
  25398: 'Windows Server 23H2',
  26100: 'Windows 11 24H2 / Server 2025',
  26200: 'Windows 11 25H2',
};

/** The release a build belongs to, undefined for a build not in the table (an Insider build, a future release). */
export function windowsReleaseName(build: number | undefined): string | undefined {
  return build === undefined ? undefined : WINDOWS_RELEASES[build];
}

/** `Windows 11 24H2 / Server 2025 (build 26100)`; builds outside the table are named by their family. */
export function windowsReleaseLabel(build: number | undefined): string {
  if (build === undefined) return 'an unknown Windows build';
  const name = windowsReleaseName(build);
  if (name) return `${name} (build ${build})`;
  if (build > 26200) return `Windows 11 / Server, a release after 25H2 (build ${build})`;
  if (build >= 22000) return `Windows 11 (build ${build})`;
  if (build >= 10240) return `Windows 10 (build ${build})`;
  if (build < 6000) return `Windows XP / Server 2003 or older (build ${build})`;
  return `Windows build ${build}`;
}
