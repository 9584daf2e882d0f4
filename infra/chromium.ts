// The browser the end-to-end tests drive (tests/e2e, through playwright-core): Debian's Chromium,
// since no browser can be downloaded here. `npm test` provisions it like the other services: when
// it is missing and apt-get can install it (root, or sudo without a password), it does; otherwise
// the error says the one command to run.
import { existsSync } from 'node:fs';
import { runCommand } from './processes.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function ensureChromium(log: (line: string) => void): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const fix = `the browser tests need Debian's Chromium at ${CHROMIUM_PATH}: run "sudo apt-get install -y chromium" (or set CHROMIUM_PATH)`;
  if (!existsSync('/usr/bin/apt-get')) throw new Error(fix);
  const asRoot = process.getuid?.() === 0;
  const apt = (args: string[]) =>
    asRoot
      ? runCommand('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      : runCommand('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]);
  log('Chromium: installing Debian package chromium (apt-get)');
  try {
    await apt(['update', '-qq']);
    await apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  } catch (err) {
    throw new Error(`${fix}\n${(err as Error).message}`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(fix);
  log(`Chromium: ${CHROMIUM_PATH}`);
  return CHROMIUM_PATH;
}
