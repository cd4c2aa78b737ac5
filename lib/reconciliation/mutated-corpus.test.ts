// The mutated-corpus test of issue 17, at test size: a 20,000-row day, about 1% of rows broken with
// every injected class in both directions. No false match, every break found and classified with its
// fields, every proof accepted, every spoiled proof rejected. The same checks run at 1,000,000 rows
// and 0.1% from bench/reconciliation-corpus.ts (lib/testing/mutated-corpus.ts holds them).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpusDay, checkCorpusProofs, compareWithInjected, CORPUS_KEYS, type CorpusDay } from '../testing/mutated-corpus';
import { INJECTED_CLASSES } from './inject-breaks';
import { mergeJoinSides } from './merge-join-sides';
import { mintAbsenceProof, mintFieldMismatchProof, mintInclusionProof } from './mint-reconciliation-proofs';
import { proofContentBytes } from './reconciliation-proof-schema';

const ROWS = 20_000;
let dir: string;
let day: CorpusDay;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recon-corpus-'));
  day = await buildCorpusDay({ dir, rows: ROWS, rate: 0.01 });
});

afterAll(async () => {
  day?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('mutated corpus: 20,000 rows, ~1% breaks of every class', () => {
  it('injected every class, mismatches on both sides', () => {
    for (const kind of INJECTED_CLASSES) expect(day.injected.filter((b) => b.injected === kind).length, kind).toBeGreaterThanOrEqual(5);
    const mismatches = day.injected.filter((b) => b.changed);
    expect(mismatches.some((b) => b.changed === 'a') && mismatches.some((b) => b.changed === 'b')).toBe(true);
  });

  it('finds exactly the injected breaks: no false match, none missed, fields named', () => {
    const findings = compareWithInjected(day);
    expect(findings.unexpected).toEqual([]);
    expect(findings.missed).toEqual([]);
    expect(findings.foundPerClass.onlyA).toBe(findings.injectedPerClass['only-a']);
    expect(findings.foundPerClass.onlyB).toBe(findings.injectedPerClass['only-b']);
    expect(findings.foundPerClass.withinTolerance).toBe(findings.injectedPerClass['split-rounding']);
    // Every row of the day is in exactly one class.
    expect(findings.classifiedKeys).toBe(ROWS);
    expect(findings.expectedKeys).toBe(ROWS);
    // Split rounding is absorbed by the pair's rule, and the rule is named on each row it absorbed.
    expect(new Set(day.result.tolerated.map((t) => t.rule))).toEqual(new Set(['split-rounding']));
    expect(day.result.controlTotalDifferences.length).toBeGreaterThan(0);
  });

  it('every break has proofs a verifier accepts, and every spoiled proof is rejected', () => {
    const figures = checkCorpusProofs(day);
    expect(figures.refused).toEqual([]);
    expect(figures.accepted).toEqual([]);
    expect(figures.proofs).toBeGreaterThan(150);
    expect(figures.mutations).toBeGreaterThan(1000);
  });

  it('proofs stay within the issue limits at this size (content bytes)', () => {
    const b = day.result.breaks.find((x) => x.class === 'field-mismatch')!;
    const a = day.result.breaks.find((x) => x.class === 'only-a')!;
    expect(proofContentBytes(mintInclusionProof(day.treeA, 0))).toBeLessThanOrEqual(1024);
    expect(proofContentBytes(mintAbsenceProof(day.treeB, a.key))).toBeLessThanOrEqual(1700);
    expect(proofContentBytes(mintFieldMismatchProof({ a: day.treeA, b: day.treeB, key: b.key, field: b.fields![0], keys: CORPUS_KEYS }))).toBeLessThanOrEqual(2500);
  });

  it('a day with no breaks matches every row and every control total', async () => {
    const same = mergeJoinSides({ a: day.sideA, b: day.sideA });
    expect([same.matched, same.breaks.length, same.controlTotalDifferences.length]).toEqual([day.sideA.rowCount, 0, 0]);
  });
});
