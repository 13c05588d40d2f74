/**
 * Debian's Chromium driven by playwright-core (STACK.md): a test tool's own browser download fails on
 * these machines. A machine without it skips the browser tests, loudly; with CI set (.ci/run, which
 * installs `chromium` and `fonts-noto-cjk` first) a missing browser fails instead.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI)
  throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH`);
if (!hasBrowser)
  console.warn(`[e2e] browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);

/** Launch flags that work as root in a container. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  // A UTF-8 locale, as any user's desktop has: CI runs in a bare environment (no LANG), where Chromium on Linux
  // cannot write a Chinese download name in the C locale's encoding and names the file "download".
  const utf8 = /utf-?8/i.test(process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || '');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    ...(utf8 ? {} : { env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } }),
  });
}
