// Every reconciliation certificate vector (docs/vectors/reconciliation/certificates.json) through
// POST /api/v1/verify: the route handler itself, with real multipart and JSON Requests, on a platform
// (PostgreSQL, anvil) whose issuer key is the vectors' published test key. A reconciliation
// certificate asks nothing of the chain or the revocation records, so the manifest's outcome is the
// route's outcome exactly: 200 for a certificate that parses, 422 for a malformed one, 400 for a file
// that is not JSON at all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../docs/vectors/reconciliation/certificates.json';
import { getPrisma } from '../db/client';
import type { VerificationReport } from '../proof/verification-report';
import { startTestServices, type TestServices } from '../testing/start-test-services';

const vectorsDir = path.resolve(import.meta.dirname, '../../docs/vectors/reconciliation');
let services: TestServices;
let POST: (request: Request) => Promise<Response>;
const savedEnv = { ...process.env };

const failuresOf = (report: VerificationReport) =>
  Object.fromEntries(report.checks.filter((check) => check.status === 'fail').map((check) => [check.id, check.code]));

beforeAll(async () => {
  const overrides = { ISSUER_PRIVATE_KEY: manifest.signing.issuerTestPrivateKey };
  services = await startTestServices(overrides);
  Object.assign(process.env, overrides, {
    DATA_DIR: services.config.dataDir,
    DATABASE_URL: services.databaseUrl,
    CHAIN_RPC_URL: services.chainRpcUrl,
    ANCHOR_CONTRACT_ADDRESS: services.contractAddress,
  });
  ({ POST } = await import('../../app/api/v1/verify/route'));
});

afterAll(async () => {
  if (services) await getPrisma().$disconnect();
  process.env = savedEnv;
  await services?.stop();
});

describe('POST /api/v1/verify over the reconciliation certificate vectors', () => {
  it('reports every vector as the manifest says, pinned to this platform\'s issuer', async () => {
    for (const c of manifest.cases as { file: string; failures: Record<string, string>; unreadable?: boolean }[]) {
      const form = new FormData();
      form.set('certificate', new Blob([readFileSync(path.join(vectorsDir, c.file))]), c.file);
      const response = await POST(new Request('http://localhost/api/v1/verify', { method: 'POST', body: form }));
      if (c.unreadable) {
        expect(response.status, c.file).toBe(400);
        expect((await response.json()).detail, c.file).toContain('not valid JSON');
        continue;
      }
      const report = (await response.json()) as VerificationReport;
      expect(response.status, c.file).toBe(c.failures['certificate-format'] ? 422 : 200);
      expect(failuresOf(report), c.file).toEqual(c.failures);
      expect(report.valid, c.file).toBe(Object.keys(c.failures).length === 0);
    }
  });

  it('takes a reconciliation certificate in a JSON body too, and refuses a duplicate member inside it as malformed', async () => {
    const text = readFileSync(path.join(vectorsDir, 'certificate.valid.only-a.absence.json'), 'utf8');
    const post = (body: string) =>
      POST(new Request('http://localhost/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    const good = await post(`{"certificate": ${text}}`);
    expect(good.status).toBe(200);
    const report = (await good.json()) as VerificationReport;
    expect(report.valid).toBe(true);
    expect(report.checks.find((check) => check.id === 'signature')?.code).toBe('signature.trusted');
    const duplicated = await post(`{"certificate": ${text.replace('"class": "only-a",', '"class": "matched", "class": "only-a",')}}`);
    expect(duplicated.status).toBe(422);
    expect(((await duplicated.json()) as VerificationReport).checks[0].code).toBe('certificate-format.invalid');
  });
});
