// Proof edge cases (§6): absence before the first leaf, after the last, between every adjacent pair
// of trees of awkward sizes (ragged right edges), and from an empty side; inclusion at every index.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../proof/hex';
import { commitSide } from './commit-side';
import { derivePairKeys } from './derive-pair-keys';
import { generateStatementRows, rowsToCsv } from './generate-statement-rows';
import { KeyPresentError, mintAbsenceProof, mintInclusionProof } from './mint-reconciliation-proofs';
import { mutationsFor } from './mutate-proof';
import { parseReconciliationProof } from './reconciliation-proof-schema';
import { SideTree } from './side-tree';
import { verifyKeyAbsence, verifyReconciliationProof, verifyRowInclusion } from './verify-reconciliation-proof';

const keys = derivePairKeys(new Uint8Array(32).fill(3));
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function sideOf(count: number): Promise<SideTree> {
  const dir = await mkdtemp(join(tmpdir(), 'recon-proofs-'));
  dirs.push(dir);
  async function* source() {
    yield new TextEncoder().encode(rowsToCsv(generateStatementRows({ count, seed: count })));
  }
  await commitSide({ source: source(), columnMap: { carrier: 'csv', encoding: 'utf-8' }, keys, directory: dir });
  return SideTree.open(dir);
}

/** The key one below (or above) a present key, as bytes: certainly absent between neighbours. */
function nudge(key: Uint8Array, by: 1 | -1): Uint8Array {
  const out = key.slice();
  for (let i = 31; i >= 0; i--) {
    const v = out[i] + by;
    out[i] = (v + 256) % 256;
    if (v >= 0 && v <= 255) break;
  }
  return out;
}

describe('inclusion and absence proofs', () => {
  for (const size of [1, 2, 3, 5, 7, 8, 9, 13, 33]) {
    it(`tree of ${size}: every leaf's inclusion and the absence around every leaf verify; spoiled ones do not`, async () => {
      const tree = await sideOf(size);
      const side = { root: toHex(tree.root), rowCount: size };
      for (let i = 0; i < size; i++) {
        const inclusion = mintInclusionProof(tree, i);
        expect(verifyRowInclusion(inclusion, side)).toEqual({ valid: true });
        expect(verifyRowInclusion(parseReconciliationProof(JSON.stringify(inclusion)), side)).toEqual({ valid: true });
        for (const [name, bad] of mutationsFor(inclusion)) expect(verifyReconciliationProof(bad, { side }).valid, name).toBe(false);
        for (const by of [-1, 1] as const) {
          const absence = mintAbsenceProof(tree, nudge(tree.key(i), by));
          expect(verifyKeyAbsence(absence, side), `${i} ${by}`).toEqual({ valid: true });
          for (const [name, bad] of mutationsFor(absence)) expect(verifyReconciliationProof(bad, { side }).valid, `${i} ${by} ${name}`).toBe(false);
        }
      }
      const before = mintAbsenceProof(tree, new Uint8Array(32));
      const after = mintAbsenceProof(tree, new Uint8Array(32).fill(255));
      expect(before.left).toBeNull();
      expect(before.right?.index).toBe(0);
      expect(after.left?.index).toBe(size - 1);
      expect(after.right).toBeNull();
      expect(() => mintAbsenceProof(tree, tree.key(0))).toThrow(KeyPresentError);
      tree.close();
    });
  }

  it('an empty side proves any key absent by its root alone, and nothing else passes for empty', async () => {
    const tree = await sideOf(0);
    const proof = mintAbsenceProof(tree, new Uint8Array(32).fill(1));
    expect(proof).toMatchObject({ left: null, right: null, side: { rowCount: 0, root: '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } });
    expect(verifyKeyAbsence(proof)).toEqual({ valid: true });
    expect(verifyKeyAbsence({ ...proof, side: { ...proof.side, rowCount: 1 } })).toMatchObject({ valid: false, code: 'not-an-edge' });
    expect(verifyKeyAbsence({ ...proof, side: { ...proof.side, root: `0x${'00'.repeat(32)}` } })).toMatchObject({ valid: false, code: 'empty-side-root' });
    tree.close();
  });

  it('a proof whose side is not the signed one is refused even when it is internally sound', async () => {
    const tree = await sideOf(4);
    const proof = mintInclusionProof(tree, 2);
    expect(verifyRowInclusion(proof, { root: `0x${'11'.repeat(32)}`, rowCount: 4 })).toMatchObject({ valid: false, code: 'side-not-trusted' });
    tree.close();
  });

  it('refuses a proof text with a duplicate member, as certificates do', () => {
    expect(() => parseReconciliationProof('{"kind":"reconciliation-inclusion","kind":"reconciliation-absence"}')).toThrow(/duplicate/i);
  });
});
