// Every certificate vector of docs/vectors/ through POST /api/v1/verify: the route handler itself,
// called with real multipart Requests, on a platform (PostgreSQL, anvil) whose issuer key is the
// vectors' published test key and whose trusted TSA root is the vectors' test TSA.
// Two checks depend on the deployment, not on the certificate, and are expected to fail for every
// well-formed vector: chain-anchor (the vectors' anchor is the manifest's fake chain, which the
// platform's anvil does not hold) and revocation (this platform issued none of the vectors' serials,
// and says so). Every other check must come out as the manifest says; the anchor and revocation
// outcomes themselves are covered by lib/proof/certificate-vectors.test.ts.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../docs/vectors/certificate-vectors.json';
import { getPrisma } from '../db/client';
import { toHex } from '../proof/hex';
import { toPem } from '../proof/pem';
import { CHECK_IDS, type VerificationReport } from '../proof/verification-report';
import { startTestServices, type TestServices } from '../testing/start-test-services';

const vectorsDir = path.resolve(import.meta.dirname, '../../docs/vectors');
let services: TestServices;
let dir: string;
let POST: (request: Request) => Promise<Response>;
const savedEnv = { ...process.env };

/** The manifest's failures, plus chain-anchor and revocation for every certificate that parses. */
function expectedFailures(c: (typeof manifest.cases)[number]): string[] {
  if (c.expectedFailures.includes('certificate-format')) return c.expectedFailures;
  return CHECK_IDS.filter((id) => c.expectedFailures.includes(id) || id === 'chain-anchor' || id === 'revocation');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-verify-vectors-'));
  const tsaRootPath = path.join(dir, 'tsa-root.pem');
  await writeFile(tsaRootPath, manifest.trustedTsaRoots.map((root) => toPem('CERTIFICATE', Uint8Array.from(Buffer.from(root, 'base64')))).join(''));
  const overrides = { ISSUER_PRIVATE_KEY: manifest.signing.issuerTestPrivateKey, TSA_CA_CERTS: tsaRootPath };
  services = await startTestServices(overrides);
  // The route reads the process-wide configuration, as it does under the web server (scripts/start.ts).
  Object.assign(process.env, overrides, {
    DATA_DIR: services.config.dataDir,
    DATABASE_URL: services.databaseUrl,
    CHAIN_RPC_URL: services.chainRpcUrl,
    ANCHOR_CONTRACT_ADDRESS: services.contractAddress,
  });
  ({ POST } = await import('../../app/api/v1/verify/route'));
});

afterAll(async () => {
  // The route's process-wide client, closed before its database stops.
  if (services) await getPrisma().$disconnect();
  process.env = savedEnv;
  await services?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('POST /api/v1/verify over docs/vectors', () => {
  it('reports every vector as the manifest says (chain-anchor and revocation failing on this platform)', async () => {
    for (const c of manifest.cases) {
      const form = new FormData();
      form.set('certificate', new Blob([readFileSync(path.join(vectorsDir, c.file))]), c.file);
      form.set('fileSha256', toHex(sha256(utf8ToBytes(c.fileContentAscii))));
      const response = await POST(new Request('http://localhost/api/v1/verify', { method: 'POST', body: form }));
      const report = (await response.json()) as VerificationReport;
      const expected = expectedFailures(c);
      expect(response.status, c.file).toBe(expected.includes('certificate-format') ? 422 : 200);
      expect(report.checks.filter((check) => check.status === 'fail').map((check) => check.id), `${c.file} checked with ${c.fileContentAscii}`).toEqual(expected);
      expect(report.valid, c.file).toBe(false);
    }
  });
});
