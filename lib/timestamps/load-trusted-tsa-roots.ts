// The TSA roots this deployment trusts, for verifying certificates' timestamps on the server:
// TSA_CA_CERTS when set, else the embedded TSA's root under DATA_DIR (once it has been created).
// Undefined when there is neither: the timestamp check then says that the root was not pinned.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { fromPem } from '../proof/pem';
import { parseTrustedTsaRoots } from './parse-trusted-tsa-roots';

export function loadTrustedTsaRoots(config: Pick<Config, 'tsaCaCerts' | 'dataDir'>): Uint8Array[] | undefined {
  if (config.tsaCaCerts) return parseTrustedTsaRoots(config.tsaCaCerts);
  const embeddedRoot = path.join(config.dataDir, 'tsa', 'root.pem');
  if (!existsSync(embeddedRoot)) return undefined;
  return fromPem(readFileSync(embeddedRoot, 'utf8')).map((block) => block.der);
}
