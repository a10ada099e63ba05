// Tests that need a component which may be absent (../shared, tshark, Chromium, redis-server): registered with
// uvu's own skip when it is missing, so the runner's "skipped" count is the number of tests that did not run.
import { test } from 'uvu';
import { hasShared } from './paths.js';

export type TestBody = () => void | Promise<void>;
export type Register = (name: string, body: TestBody) => void;

/** Registers a test uvu counts as skipped; uvu does not name skips, so say which test did not run and why. */
export function skipped(name: string, reason: string): void {
  console.log(`  skipped: ${name} (${reason})`);
  test.skip(name, () => {});
}

/** `test` when `ready`, otherwise a skipped registration printed with its reason. */
export function testWhen(ready: boolean, reason: string): Register {
  return ready ? (name, body) => test(name, body) : (name) => skipped(name, reason);
}

/** Tests over the real traces and exports in ../shared, which a fresh clone does not have. */
export const sharedTest = testWhen(hasShared, '../shared is absent');
