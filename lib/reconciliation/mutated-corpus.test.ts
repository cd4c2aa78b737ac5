// The mutated-corpus test of issue 17, at test size: a 20,000-row day, about 1% of rows broken with
// every injected class in both directions. No false match, every break found and classified with its
// fields, every proof accepted, every spoiled proof rejected.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../proof/hex';
import { matchKey } from './commit-row';
import { commitSide, type SideCommitment } from './commit-side';
import { derivePairKeys } from './derive-pair-keys';
import { generateStatementRows, rowsToCsv } from './generate-statement-rows';
import { injectBreaks, INJECTED_CLASSES, type InjectedBreak } from './inject-breaks';
import { mergeJoinSides, type ReconciliationResult } from './merge-join-sides';
import { mintAbsenceProof, mintFieldMismatchProof, mintInclusionProof } from './mint-reconciliation-proofs';
import { mutationsFor } from './mutate-proof';
import { proofContentBytes, type ReconciliationProof } from './reconciliation-proof-schema';
import { SideTree } from './side-tree';
import { verifyReconciliationProof, type TrustedSide } from './verify-reconciliation-proof';

const keys = derivePairKeys(Uint8Array.from({ length: 32 }, (_, i) => i * 7));
const ROWS = 20_000;
let dir: string;
let injected: InjectedBreak[];
let sideA: SideCommitment;
let sideB: SideCommitment;
let result: ReconciliationResult;
let treeA: SideTree;
let treeB: SideTree;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recon-corpus-'));
  const day = injectBreaks({ rows: generateStatementRows({ count: ROWS, seed: 2026 }), rate: 0.01, seed: 17 });
  injected = day.injected;
  await writeFile(join(dir, 'a.csv'), rowsToCsv(day.a));
  await writeFile(join(dir, 'b.csv'), rowsToCsv(day.b));
  const columnMap = { carrier: 'csv', encoding: 'utf-8' } as const;
  sideA = await commitSide({ source: join(dir, 'a.csv'), columnMap, keys, directory: join(dir, 'a') });
  // Side B through the external sort (several runs merged from disk).
  sideB = await commitSide({ source: join(dir, 'b.csv'), columnMap, keys, directory: join(dir, 'b'), runRows: 6000 });
  result = mergeJoinSides({ a: sideA, b: sideB, rules: [{ name: 'split-rounding', maxFen: 1 }] });
  treeA = await SideTree.open(sideA.directory);
  treeB = await SideTree.open(sideB.directory);
});

afterAll(async () => {
  treeA?.close();
  treeB?.close();
  await rm(dir, { recursive: true, force: true });
});

const keyOf = (b: InjectedBreak) => toHex(matchKey(keys, b.row));
const trusted = (side: SideCommitment): TrustedSide => ({ root: toHex(side.root), rowCount: side.rowCount });

describe('mutated corpus: 20,000 rows, ~1% breaks of every class', () => {
  it('injected every class, mismatches on both sides', () => {
    for (const kind of INJECTED_CLASSES) expect(injected.filter((b) => b.injected === kind).length, kind).toBeGreaterThanOrEqual(5);
    const mismatches = injected.filter((b) => b.changed);
    expect(mismatches.some((b) => b.changed === 'a') && mismatches.some((b) => b.changed === 'b')).toBe(true);
  });

  it('finds exactly the injected breaks: no false match, none missed, fields named', () => {
    const expected = (kind: string) => injected.filter((b) => b.injected === kind).map(keyOf).sort();
    const found = (cls: string) => result.breaks.filter((b) => b.class === cls).map((b) => toHex(b.key)).sort();
    expect(found('only-a')).toEqual(expected('only-a'));
    expect(found('only-b')).toEqual(expected('only-b'));

    const expectedMismatches = Object.fromEntries(
      injected.filter((b) => b.changed && b.injected !== 'split-rounding').map((b) => [keyOf(b), [...b.fields].sort()]),
    );
    const foundMismatches = Object.fromEntries(
      result.breaks.filter((b) => b.class === 'field-mismatch').map((b) => [toHex(b.key), [...b.fields!].sort()]),
    );
    expect(foundMismatches).toEqual(expectedMismatches);

    // Split rounding is absorbed by the pair's rule, and the rule is named on each row it absorbed.
    const expectedTolerated = injected.filter((b) => b.injected === 'split-rounding').map(keyOf).sort();
    expect(result.tolerated.map((t) => toHex(t.key)).sort()).toEqual(expectedTolerated);
    expect(new Set(result.tolerated.map((t) => t.rule))).toEqual(new Set(['split-rounding']));
    for (const t of result.tolerated) expect(t.fields).toEqual(['shareAFen', 'shareBFen']);

    const common = ROWS - expected('only-a').length - expected('only-b').length;
    expect(result.matched).toBe(common - Object.keys(expectedMismatches).length - expectedTolerated.length);
    // Every row of the day is in exactly one class.
    expect(result.onlyA + result.onlyB + result.fieldMismatch + result.matchedWithinTolerance + result.matched).toBe(ROWS);
    expect(result.controlTotalDifferences.length).toBeGreaterThan(0);
  });

  it('every break has proofs a verifier accepts, and every spoiled proof is rejected', () => {
    const proofs: [string, ReconciliationProof, { side?: TrustedSide; a?: TrustedSide; b?: TrustedSide }][] = [];
    for (const b of result.breaks) {
      if (b.class === 'only-a') {
        proofs.push(['inclusion A', mintInclusionProof(treeA, b.indexA!), { side: trusted(sideA) }]);
        proofs.push(['absence B', mintAbsenceProof(treeB, b.key), { side: trusted(sideB) }]);
      } else if (b.class === 'only-b') {
        proofs.push(['inclusion B', mintInclusionProof(treeB, b.indexB!), { side: trusted(sideB) }]);
        proofs.push(['absence A', mintAbsenceProof(treeA, b.key), { side: trusted(sideA) }]);
      } else {
        for (const field of b.fields!) {
          proofs.push([`mismatch ${field}`, mintFieldMismatchProof({ a: treeA, b: treeB, key: b.key, field, keys }), { a: trusted(sideA), b: trusted(sideB) }]);
        }
      }
    }
    expect(proofs.length).toBeGreaterThan(150);
    let spoiled = 0;
    for (const [what, proof, trust] of proofs) {
      expect(verifyReconciliationProof(proof, trust), what).toEqual({ valid: true });
      expect(verifyReconciliationProof(JSON.parse(JSON.stringify(proof)), {}), `${what} without trusted sides`).toEqual({ valid: true });
      for (const [mutation, bad] of mutationsFor(proof)) {
        const verdict = verifyReconciliationProof(bad, trust);
        expect(verdict.valid, `${what} / ${mutation}`).toBe(false);
        spoiled++;
      }
    }
    expect(spoiled).toBeGreaterThan(1000);
  });

  it('proofs stay within the issue limits at this size (content bytes)', () => {
    const b = result.breaks.find((x) => x.class === 'field-mismatch')!;
    const a = result.breaks.find((x) => x.class === 'only-a')!;
    expect(proofContentBytes(mintInclusionProof(treeA, 0))).toBeLessThanOrEqual(1024);
    expect(proofContentBytes(mintAbsenceProof(treeB, a.key))).toBeLessThanOrEqual(1700);
    expect(proofContentBytes(mintFieldMismatchProof({ a: treeA, b: treeB, key: b.key, field: b.fields![0], keys }))).toBeLessThanOrEqual(2500);
  });

  it('a day with no breaks matches every row and every control total', async () => {
    const same = mergeJoinSides({ a: sideA, b: sideA });
    expect([same.matched, same.breaks.length, same.controlTotalDifferences.length]).toEqual([sideA.rowCount, 0, 0]);
  });
});
