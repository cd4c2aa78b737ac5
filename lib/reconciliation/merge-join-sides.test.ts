// The merge-join reads keys.bin (key and leaf hash of each row) and a whole record only where two
// leaves differ; it must classify exactly as a join over rows.bin, which is what a side committed
// before keys.bin existed gets, and the worker-thread join must give the same result as in process.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitSide } from './commit-side';
import { derivePairKeys } from './derive-pair-keys';
import { generateStatementRows, rowsToCsv } from './generate-statement-rows';
import { injectBreaks } from './inject-breaks';
import { mergeJoinSidesOffThread } from './merge-join-off-thread';
import { mergeJoinSides } from './merge-join-sides';
import { sideFilePaths } from './side-files';

const keys = derivePairKeys(new Uint8Array(32).fill(3));
let root = '';
afterAll(() => rm(root, { recursive: true, force: true }));

async function* bytesOf(text: string): AsyncIterable<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += 1 << 16) yield bytes.subarray(i, i + (1 << 16));
}

describe('mergeJoinSides', () => {
  it('classifies the same from keys.bin as from rows.bin alone, on a worker thread as in process', async () => {
    root = await mkdtemp(join(tmpdir(), 'recon-join-'));
    const { a, b, injected } = injectBreaks({ rows: generateStatementRows({ count: 20_000, seed: 21 }), rate: 0.01, seed: 22 });
    const columnMap = { carrier: 'csv', encoding: 'utf-8' } as const;
    // Side B from runs of 3,000 rows merged on disk, side A sorted in memory: both write keys.bin.
    const sideA = await commitSide({ source: bytesOf(rowsToCsv(a)), columnMap, keys, directory: join(root, 'a') });
    const sideB = await commitSide({ source: bytesOf(rowsToCsv(b)), columnMap, keys, directory: join(root, 'b'), runRows: 3000, workers: 2 });
    for (const side of [sideA, sideB]) {
      const paths = sideFilePaths(side.directory);
      const [rows, keyRecords] = await Promise.all([readFile(paths.rows), readFile(paths.keys)]);
      expect(keyRecords.length).toBe(side.rowCount * 64);
      for (const index of [0, 1, side.rowCount >> 1, side.rowCount - 1]) {
        expect(keyRecords.subarray(index * 64, index * 64 + 64)).toEqual(rows.subarray(index * 416, index * 416 + 64));
      }
    }
    const input = { a: sideA, b: sideB, rules: [{ name: 'split-rounding', maxFen: 1 }] as const };
    const fromKeys = mergeJoinSides(input);
    expect(fromKeys.onlyA + fromKeys.onlyB + fromKeys.fieldMismatch + fromKeys.matchedWithinTolerance).toBe(injected.length);
    expect(fromKeys.matched + fromKeys.onlyA + fromKeys.fieldMismatch + fromKeys.matchedWithinTolerance).toBe(sideA.rowCount);
    expect(await mergeJoinSidesOffThread(input)).toEqual(fromKeys);
    await Promise.all([sideA, sideB].map((side) => rm(sideFilePaths(side.directory).keys)));
    expect(mergeJoinSides(input)).toEqual(fromKeys);
  });
});
