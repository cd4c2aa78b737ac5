// The embedded TSA over real HTTP: its credentials are made once and reused after a restart, so a
// token issued before still verifies against the root trusted after.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requestTimestamp } from './request-timestamp';
import { LOCAL_TSA_POLICY_OID, startLocalTsa } from './start-local-tsa';
import { verifyTimestampToken } from '../proof/verify-timestamp-token';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('startLocalTsa', () => {
  it('ends with one set of credentials when two processes start it at once', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'evident-local-tsa-race-'));
    dirs.push(parent);
    const dir = path.join(parent, 'tsa');
    const both = await Promise.all([startLocalTsa({ dir }), startLocalTsa({ dir }), startLocalTsa({ dir })]);
    try {
      const root = new Uint8Array(32).fill(4);
      for (const tsa of both) {
        const stamped = await requestTimestamp({ root, settings: { url: tsa.url, trustedRoots: [both[0].rootCertificate], timeoutMs: 5000 } });
        expect(stamped.chain.at(-1)).toEqual(both[0].rootCertificate);
      }
      expect((await readdir(parent)).sort()).toEqual(['tsa']);
    } finally {
      await Promise.all(both.map((tsa) => tsa.stop()));
    }
  });

  it('keeps its credentials across restarts, private key readable by its owner only', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-local-tsa-'));
    dirs.push(dir);
    const root = new Uint8Array(32).fill(3);
    const first = await startLocalTsa({ dir });
    const stamped = await requestTimestamp({ root, settings: { url: first.url, trustedRoots: [first.rootCertificate], timeoutMs: 5000 } });
    await first.stop();
    expect(stamped.policy).toBe(LOCAL_TSA_POLICY_OID);
    expect((await stat(path.join(dir, 'tsa-key.pem'))).mode & 0o777).toBe(0o600);

    const second = await startLocalTsa({ dir });
    try {
      expect(second.rootCertificate).toEqual(first.rootCertificate);
      const again = await verifyTimestampToken({ token: stamped.token, root, trustedRoots: [second.rootCertificate] });
      expect(again.ok).toBe(true);
      expect(await readFile(path.join(dir, 'root.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
      const refused = await fetch(second.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
      expect(refused.status).toBe(415);
    } finally {
      await second.stop();
    }
  });
});
