// Runs every certificate vector in docs/vectors/ through the verifier, as a third-party verifier would.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import manifestJson from '../../docs/vectors/certificate-vectors.json';
import { makeCertificateVectors } from './__fixtures__/generate-certificate-vectors';
import { inMemoryAnchorLookup, type FakeChain } from './__fixtures__/in-memory-anchor-lookup';
import type { RevocationLookup } from './revocation-status';
import { CHECK_IDS } from './verification-report';
import { verifyCertificate } from './verify-certificate';

interface VectorManifest {
  chain: FakeChain;
  trustedIssuers: string[];
  trustedTsaRoots: string[];
  revocations: Array<{ serial: string; revoked: boolean; reason?: string; revokedAt?: string }>;
  cases: Array<{
    file: string;
    description: string;
    fileContentAscii: string | null;
    expectedFailures: string[];
    expectedFailureFields?: string[];
  }>;
}

const manifest: VectorManifest = manifestJson;
const vectorsDir = path.resolve(__dirname, '../../docs/vectors');
const chain = inMemoryAnchorLookup(manifest.chain);
const revocation: RevocationLookup = async (serial) => manifest.revocations.find((r) => r.serial === serial) ?? { revoked: false };

describe('docs/vectors certificate vectors', () => {
  it('are exactly what the generator makes today', () => {
    const regenerate = 'regenerate them with `npx tsx lib/proof/__fixtures__/generate-certificate-vectors.ts` and commit the result';
    const made = makeCertificateVectors();
    const onDisk = readdirSync(vectorsDir).filter((name) => name.endsWith('.json'));
    expect(onDisk.sort(), `docs/vectors differs from the generator's file list: ${regenerate}`).toEqual([...made.keys()].sort());
    for (const [file, text] of made) {
      expect(readFileSync(path.join(vectorsDir, file), 'utf8'), `docs/vectors/${file} is stale: ${regenerate}`).toBe(text);
    }
  });

  it('names every certificate file after a check it must fail', () => {
    for (const c of manifest.cases) {
      if (c.file.startsWith('valid.')) continue;
      expect(c.expectedFailures).toContain(c.file.split('.')[1]);
    }
  });

  it('lists expected failures in report order', () => {
    for (const c of manifest.cases) {
      const ordered = CHECK_IDS.filter((id) => c.expectedFailures.includes(id));
      expect(c.expectedFailures).toEqual(ordered);
    }
  });

  it('has a vector file for every case and a case for every vector file', () => {
    const files = new Set(manifest.cases.map((c) => c.file));
    const onDisk = readdirSync(vectorsDir).filter((name) => name.endsWith('.certificate.json'));
    expect(onDisk.sort()).toEqual([...files].sort());
  });

  it.each(manifest.cases.map((c) => [c.file, c.fileContentAscii, c] as const))(
    '%s checked with file %s',
    async (file, fileContentAscii, c) => {
      const text = readFileSync(path.join(vectorsDir, file), 'utf8');
      const fileSha256 = fileContentAscii === null ? undefined : sha256(utf8ToBytes(fileContentAscii));
      const report = await verifyCertificate({
        certificate: text,
        fileSha256,
        chain,
        trustedIssuers: manifest.trustedIssuers,
        trustedTsaRoots: manifest.trustedTsaRoots.map((root) => Uint8Array.from(Buffer.from(root, 'base64'))),
        revocation,
      });

      const failed = report.checks.filter((check) => check.status === 'fail').map((check) => check.id);
      expect(failed).toEqual(c.expectedFailures);
      expect(report.valid).toBe(c.expectedFailures.length === 0);
      if (!c.expectedFailures.includes('certificate-format')) {
        expect(report.checks.map((check) => check.id)).toEqual(CHECK_IDS);
        const skipped = report.checks.filter((check) => check.status === 'skipped').map((check) => check.id);
        // A certificate without an RFC 3161 token (format version 1, version 3 before its token) has its
        // timestamp check skipped; one with a token (version 2 always, version 3 once stamped) checks it.
        const unprovable = c.expectedFailures.includes('leaf') && c.file.includes('version') ? ['inclusion-proof'] : [];
        const stamped = 'timestamp' in (JSON.parse(text) as object);
        expect(skipped).toEqual([...unprovable, ...(stamped ? [] : ['timestamp'])]);
      }
      for (const field of c.expectedFailureFields ?? []) {
        expect(report.checks[0].details).toHaveProperty([field]);
        expect(report.checks[0].message).toContain(`${field}:`);
      }
    },
  );
});
