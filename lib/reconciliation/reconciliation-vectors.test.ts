// The published vectors (docs/vectors/reconciliation) are what the generator makes today, byte for
// byte, and each verifies or fails exactly as its manifest says.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitRow } from './commit-row';
import { derivePairKeys } from './derive-pair-keys';
import { makeReconciliationVectors, VECTORS_DIRECTORY, VECTOR_PAIR_KEY } from './reconciliation-vectors';
import { toHex } from '../proof/hex';
import { parseReconciliationProof } from './reconciliation-proof-schema';
import { verifyReconciliationProof } from './verify-reconciliation-proof';
import { columnMapSchema } from './reconciliation-schemas';

const read = (file: string) => readFile(join(VECTORS_DIRECTORY, file), 'utf8');

describe('reconciliation vectors', () => {
  it('the files on disk are exactly what the generator makes', async () => {
    const made = await makeReconciliationVectors();
    expect((await readdir(VECTORS_DIRECTORY)).sort()).toEqual([...made.keys()].sort());
    for (const [file, content] of made) {
      if (typeof content === 'string') expect(await read(file), file).toBe(content);
      else expect(new Uint8Array(await readFile(join(VECTORS_DIRECTORY, file))), file).toEqual(content);
    }
  });

  it('every proof vector verifies or fails as the manifest says, read as strict JSON', async () => {
    const manifest: { file: string; trusted?: string; valid: boolean; code?: string }[] = JSON.parse(await read('manifest.json'));
    const sides = JSON.parse(await read('sides.json'));
    const trusted = (which?: string) =>
      which === 'a+b' ? { a: sides.a, b: sides.b } : which ? { side: sides[which] } : {};
    const proofs = manifest.filter((entry) => entry.file.endsWith('.json'));
    expect(proofs.filter((p) => p.valid).length).toBe(9);
    expect(proofs.filter((p) => !p.valid).length).toBeGreaterThan(50);
    for (const entry of proofs) {
      const text = await read(entry.file);
      let verdict;
      try {
        verdict = verifyReconciliationProof(parseReconciliationProof(text), trusted(entry.trusted));
      } catch {
        verdict = verifyReconciliationProof(JSON.parse(text), trusted(entry.trusted));
      }
      expect(verdict.valid, entry.file).toBe(entry.valid);
      if (!entry.valid) expect((verdict as { code: string }).code, entry.file).toBe(entry.code);
    }
  });

  it('commitments.json is what the reference commitment computes from its rows', async () => {
    const vectors = JSON.parse(await read('commitments.json'));
    expect(vectors.pairKey).toBe(toHex(VECTOR_PAIR_KEY));
    const keys = derivePairKeys(VECTOR_PAIR_KEY);
    for (const entry of vectors.rows) {
      const c = commitRow(keys, entry.row);
      expect([toHex(c.key), toHex(c.fieldsRoot), toHex(c.leafHash)]).toEqual([entry.key, entry.fieldsRoot, entry.leafHash]);
    }
  });

  it('the fixed-width statement vectors name a column map the pair settings accept', async () => {
    const manifest: { file: string; columnMap?: string }[] = JSON.parse(await read('manifest.json'));
    const maps = new Set(manifest.flatMap((entry) => (entry.columnMap ? [entry.columnMap] : [])));
    expect([...maps]).toEqual(['statement.fixed-width.map.json']);
    for (const map of maps) expect(columnMapSchema.safeParse(JSON.parse(await read(map))).success).toBe(true);
  });
});
