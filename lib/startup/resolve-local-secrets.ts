// The session secret, the borrower-ID salt and the secret that encrypts co-lending pair keys.
// Production sets SESSION_SECRET, BORROWER_ID_SALT and RECONCILIATION_KEY_SECRET
// (required with an external database, see assertSecretsConfig); on embedded defaults each is
// generated once and kept under DATA_DIR (mode 0600), so restarts keep sessions and borrower links.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';

export interface PlatformSecrets {
  sessionSecret: string;
  borrowerIdSalt: string;
  reconciliationKeySecret: string;
}

export async function resolveLocalSecrets(
  config: Pick<Config, 'dataDir' | 'sessionSecret' | 'borrowerIdSalt' | 'reconciliationKeySecret'>,
): Promise<PlatformSecrets> {
  return {
    sessionSecret: config.sessionSecret ?? (await readOrCreate(config.dataDir, 'session-secret')),
    borrowerIdSalt: config.borrowerIdSalt ?? (await readOrCreate(config.dataDir, 'borrower-id-salt')),
    reconciliationKeySecret: config.reconciliationKeySecret ?? (await readOrCreate(config.dataDir, 'reconciliation-key-secret')),
  };
}

async function readOrCreate(dataDir: string, name: string): Promise<string> {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    await writeFile(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return (await readFile(file, 'utf8')).trim();
  }
}
