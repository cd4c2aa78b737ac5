// The mutated-corpus check of issue 17, in one place for the suite (lib/reconciliation/
// mutated-corpus.test.ts, 20,000 rows) and the bench (bench/reconciliation-corpus.ts, 1,000,000 rows
// at 0.1%): a generated day with breaks of every class injected in both directions, both sides
// committed from CSV (one through the external sort), the merge-join, and then every finding compared
// with what was injected, every break's proofs verified and every mutation of each proof rejected.
// It returns the figures and every discrepancy; the caller asserts (test) or prints (bench).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHex } from '../proof/hex';
import { matchKey } from '../reconciliation/commit-row';
import { commitSide, type SideCommitment } from '../reconciliation/commit-side';
import { derivePairKeys } from '../reconciliation/derive-pair-keys';
import { generateStatementRows, rowsToCsv } from '../reconciliation/generate-statement-rows';
import { injectBreaks, INJECTED_CLASSES, type InjectedBreak, type InjectedClass } from '../reconciliation/inject-breaks';
import { mergeJoinSides, type ReconciliationResult } from '../reconciliation/merge-join-sides';
import { mintAbsenceProof, mintFieldMismatchProof, mintInclusionProof } from '../reconciliation/mint-reconciliation-proofs';
import { mutationsFor } from '../reconciliation/mutate-proof';
import type { ReconciliationProof } from '../reconciliation/reconciliation-proof-schema';
import { SideTree } from '../reconciliation/side-tree';
import { verifyReconciliationProof, type TrustedSide } from '../reconciliation/verify-reconciliation-proof';

export const CORPUS_KEYS = derivePairKeys(Uint8Array.from({ length: 32 }, (_, i) => i * 7));

export interface CorpusDay {
  rows: number;
  injected: InjectedBreak[];
  sideA: SideCommitment;
  sideB: SideCommitment;
  result: ReconciliationResult;
  treeA: SideTree;
  treeB: SideTree;
  close(): void;
}

/** Generates, injects, writes both CSV files under `dir`, commits both sides and merge-joins them. */
export async function buildCorpusDay({ dir, rows, rate, seed = 2026, workers }: { dir: string; rows: number; rate: number; seed?: number; workers?: number }): Promise<CorpusDay> {
  const day = injectBreaks({ rows: generateStatementRows({ count: rows, seed }), rate, seed: 17 });
  await writeFile(join(dir, 'a.csv'), rowsToCsv(day.a));
  await writeFile(join(dir, 'b.csv'), rowsToCsv(day.b));
  const columnMap = { carrier: 'csv', encoding: 'utf-8' } as const;
  const sideA = await commitSide({ source: join(dir, 'a.csv'), columnMap, keys: CORPUS_KEYS, directory: join(dir, 'a'), workers });
  // Side B through the external sort: several runs merged from disk.
  const sideB = await commitSide({ source: join(dir, 'b.csv'), columnMap, keys: CORPUS_KEYS, directory: join(dir, 'b'), runRows: Math.max(1000, Math.ceil(rows / 3)), workers });
  const result = mergeJoinSides({ a: sideA, b: sideB, rules: [{ name: 'split-rounding', maxFen: 1 }] });
  const [treeA, treeB] = await Promise.all([SideTree.open(sideA.directory), SideTree.open(sideB.directory)]);
  return {
    rows,
    injected: day.injected,
    sideA,
    sideB,
    result,
    treeA,
    treeB,
    close() {
      treeA.close();
      treeB.close();
    },
  };
}

export interface CorpusFindings {
  injectedPerClass: Record<InjectedClass, number>;
  foundPerClass: { onlyA: number; onlyB: number; fieldMismatch: number; withinTolerance: number; matched: number };
  /** Breaks found that were not injected, per class (a false break) — must be empty. */
  unexpected: string[];
  /** Injected breaks not found as injected (a false match, or the wrong class or fields) — must be empty. */
  missed: string[];
  /** Every key classified exactly once. */
  classifiedKeys: number;
  expectedKeys: number;
}

/** Compares the merge-join's findings with what was injected. */
export function compareWithInjected(day: CorpusDay): CorpusFindings {
  const keyOf = (b: InjectedBreak) => toHex(matchKey(CORPUS_KEYS, b.row));
  const { injected, result } = day;
  const injectedPerClass = Object.fromEntries(INJECTED_CLASSES.map((kind) => [kind, injected.filter((b) => b.injected === kind).length])) as Record<InjectedClass, number>;
  const expected = new Map<string, string>();
  for (const b of injected) {
    const key = keyOf(b);
    if (b.injected === 'only-a' || b.injected === 'only-b') expected.set(key, b.injected);
    else if (b.injected === 'split-rounding') expected.set(key, 'within-tolerance split-rounding shareAFen,shareBFen');
    else if (b.changed) expected.set(key, `field-mismatch ${[...b.fields].sort().join(',')}`);
  }
  const found = new Map<string, string>();
  for (const b of result.breaks) found.set(toHex(b.key), b.class === 'field-mismatch' ? `field-mismatch ${[...b.fields!].sort().join(',')}` : b.class);
  for (const t of result.tolerated) found.set(toHex(t.key), `within-tolerance ${t.rule} ${[...t.fields].sort().join(',')}`);
  const unexpected = [...found].filter(([key, what]) => expected.get(key) !== what).map(([key, what]) => `${key} found as ${what}, injected as ${expected.get(key) ?? 'nothing'}`);
  const missed = [...expected].filter(([key, what]) => found.get(key) !== what).map(([key, what]) => `${key} injected as ${what}, found as ${found.get(key) ?? 'matched'}`);
  return {
    injectedPerClass,
    foundPerClass: { onlyA: result.onlyA, onlyB: result.onlyB, fieldMismatch: result.fieldMismatch, withinTolerance: result.matchedWithinTolerance, matched: result.matched },
    unexpected,
    missed,
    classifiedKeys: result.onlyA + result.onlyB + result.fieldMismatch + result.matchedWithinTolerance + result.matched,
    // Rows injected as only on one side were taken out of the other: the day still has `rows` keys.
    expectedKeys: day.rows,
  };
}

export interface CorpusProofFigures {
  proofs: number;
  /** Proofs of real breaks a verifier refused — must be empty. */
  refused: string[];
  mutations: number;
  /** Mutated proofs a verifier accepted — must be empty. */
  accepted: string[];
}

/** Mints every break's proofs (both halves of a one-sided break, each differing field of a mismatch),
 * verifies each against its trusted side(s) and checks that every mutation of it is rejected. */
export function checkCorpusProofs(day: CorpusDay): CorpusProofFigures {
  const trusted = (side: SideCommitment): TrustedSide => ({ root: toHex(side.root), rowCount: side.rowCount });
  const figures: CorpusProofFigures = { proofs: 0, refused: [], mutations: 0, accepted: [] };
  const check = (what: string, proof: ReconciliationProof, trust: { side?: TrustedSide; a?: TrustedSide; b?: TrustedSide }) => {
    figures.proofs++;
    const verdict = verifyReconciliationProof(proof, trust);
    if (!verdict.valid) figures.refused.push(`${what}: ${JSON.stringify(verdict)}`);
    for (const [mutation, bad] of mutationsFor(proof)) {
      figures.mutations++;
      if (verifyReconciliationProof(bad, trust).valid) figures.accepted.push(`${what} / ${mutation}`);
    }
  };
  const { treeA, treeB, sideA, sideB } = day;
  for (const b of day.result.breaks) {
    const key = toHex(b.key);
    if (b.class === 'only-a') {
      check(`inclusion A ${key}`, mintInclusionProof(treeA, b.indexA!), { side: trusted(sideA) });
      check(`absence B ${key}`, mintAbsenceProof(treeB, b.key), { side: trusted(sideB) });
    } else if (b.class === 'only-b') {
      check(`inclusion B ${key}`, mintInclusionProof(treeB, b.indexB!), { side: trusted(sideB) });
      check(`absence A ${key}`, mintAbsenceProof(treeA, b.key), { side: trusted(sideA) });
    } else {
      for (const field of b.fields!) {
        check(`mismatch ${field} ${key}`, mintFieldMismatchProof({ a: treeA, b: treeB, key: b.key, field, keys: CORPUS_KEYS }), { a: trusted(sideA), b: trusted(sideB) });
      }
    }
  }
  return figures;
}
