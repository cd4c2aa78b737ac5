// Runs every certificate vector in docs/vectors/ through the verifier, as a third-party verifier would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import manifestJson from '../../docs/vectors/certificate-vectors.json';
import { inMemoryAnchorLookup, type FakeChain } from './__fixtures__/in-memory-anchor-lookup';
import { verifyCertificate } from './verify-certificate';

interface VectorManifest {
  chain: FakeChain;
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

describe('docs/vectors certificate vectors', () => {
  it('names every certificate file after a check it must fail', () => {
    for (const c of manifest.cases) {
      if (c.file === 'valid.certificate.json') continue;
      expect(c.expectedFailures).toContain(c.file.split('.')[1]);
    }
  });

  it.each(manifest.cases.map((c) => [c.file, c.fileContentAscii, c] as const))(
    '%s checked with file %s',
    async (file, fileContentAscii, c) => {
      const text = readFileSync(path.join(vectorsDir, file), 'utf8');
      const fileSha256 = fileContentAscii === null ? undefined : sha256(utf8ToBytes(fileContentAscii));
      const report = await verifyCertificate({ certificate: text, fileSha256, chain });

      const failed = report.checks.filter((check) => check.status === 'fail').map((check) => check.id);
      expect(failed).toEqual(c.expectedFailures);
      expect(report.valid).toBe(c.expectedFailures.length === 0);
      if (!c.expectedFailures.includes('certificate-format')) {
        const skipped = report.checks.filter((check) => check.status === 'skipped').map((check) => check.id);
        expect(skipped).toEqual(c.expectedFailures.includes('leaf') && c.file.includes('version') ? ['inclusion-proof'] : []);
      }
      for (const field of c.expectedFailureFields ?? []) {
        expect(report.checks[0].details).toHaveProperty([field]);
        expect(report.checks[0].message).toContain(`${field}:`);
      }
    },
  );
});
