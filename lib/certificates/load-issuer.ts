// The platform's certificate-signing identity. ISSUER_PRIVATE_KEY in production; on embedded
// defaults a key is generated once and kept in DATA_DIR/issuer-key (mode 0600), so restarts keep
// the same published issuer address.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Wallet } from 'ethers';
import type { Config } from '../config';

export interface Issuer {
  name: string;
  /** Lowercase 0x address that certificates name and /.well-known/evident-issuer.json publishes. */
  address: string;
  wallet: Wallet;
}

const cache = new Map<string, Promise<Issuer>>();

export function loadIssuer(config: Pick<Config, 'issuerPrivateKey' | 'issuerName' | 'dataDir'>): Promise<Issuer> {
  const key = `${config.issuerPrivateKey ?? config.dataDir}|${config.issuerName}`;
  let issuer = cache.get(key);
  if (!issuer) {
    issuer = readIssuer(config);
    cache.set(key, issuer);
    issuer.catch(() => cache.delete(key));
  }
  return issuer;
}

async function readIssuer(config: Pick<Config, 'issuerPrivateKey' | 'issuerName' | 'dataDir'>): Promise<Issuer> {
  const privateKey = config.issuerPrivateKey ?? (await readOrCreateLocalKey(config.dataDir));
  const wallet = new Wallet(privateKey);
  return { name: config.issuerName, address: wallet.address.toLowerCase(), wallet };
}

async function readOrCreateLocalKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'issuer-key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const privateKey = Wallet.createRandom().privateKey;
  try {
    await writeFile(file, privateKey + '\n', { mode: 0o600, flag: 'wx' });
    return privateKey;
  } catch {
    // Another process created it first; use theirs.
    return (await readFile(file, 'utf8')).trim();
  }
}
