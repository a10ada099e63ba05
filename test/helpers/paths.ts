// Where the project's own samples and the optional ../shared reference material live.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** dist/test/helpers/paths.js → project root is three levels up. */
export const projectRoot = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const samplesDir = join(projectRoot, 'samples');
export const sharedDir = resolve(projectRoot, '..', 'shared');
export const sharedEtlDir = join(sharedDir, 'samples', 'etl');
export const sharedExportsDir = join(sharedDir, 'samples', 'exports');
/** True when ../shared is present (it is not in a fresh clone): real-sample tests skip cleanly without it. */
export const hasShared = existsSync(sharedEtlDir);
export const cliPath = join(projectRoot, 'bin', 'tracedoctor.js');
