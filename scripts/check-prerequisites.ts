// What `npm test` needs from the system besides node_modules: Debian's Chromium for the browser
// tests, poppler (pdftotext, pdftoppm) and zbar (zbarimg) to read rendered PDFs and QR codes. Checked
// before anything is built, so a fresh machine learns in one line what to install instead of seeing
// browser tests fail one by one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Prerequisite {
  command: string;
  /** The Debian package that provides it. */
  debianPackage: string;
}

export const PREREQUISITES: Prerequisite[] = [
  { command: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', debianPackage: 'chromium' },
  { command: 'pdftotext', debianPackage: 'poppler-utils' },
  { command: 'pdftoppm', debianPackage: 'poppler-utils' },
  { command: 'zbarimg', debianPackage: 'zbar-tools' },
];

function available(command: string): boolean {
  if (command.includes('/')) return existsSync(command);
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Null when everything is there; otherwise the one message naming what is missing and how to install it. */
export function missingPrerequisites(prerequisites = PREREQUISITES, isAvailable = available): string | null {
  const missing = prerequisites.filter((p) => !isAvailable(p.command));
  if (missing.length === 0) return null;
  const packages = [...new Set(missing.map((p) => p.debianPackage))];
  return (
    `npm test needs ${missing.map((p) => p.command).join(', ')}, which this machine does not have. Install them with:\n` +
    `  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n` +
    '(or set CHROMIUM_PATH to another Chromium).'
  );
}
