import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitRowsPool } from './commit-rows-pool';
import { cutRuns, mergeRunRange, mergeSideRuns, type SideFilePaths } from './merge-side-runs';
import { RECORD_LEAF_HASH, RECORD_LINE, SIDE_RECORD_LENGTH } from './side-record';
import { sideFilePaths } from './side-files';
import { StatementRejectedError } from './statement-rejected-error';

const dirs: string[] = [];
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'recon-merge-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const sha = (text: string) => createHash('sha256').update(text).digest();

/** A side record with this key, a leaf hash of its line, and the line. */
function record(key: Uint8Array, line: number): Uint8Array {
  const bytes = new Uint8Array(SIDE_RECORD_LENGTH);
  bytes.set(key, 0);
  bytes.set(sha(`leaf ${line}`), RECORD_LEAF_HASH);
  new DataView(bytes.buffer).setUint32(RECORD_LINE, line);
  return bytes;
}

/** Sorted run files of the given keys, `runs` of them, each key's record in run (line mod runs). */
async function writeRuns(dir: string, keys: Uint8Array[], runs: number): Promise<string[]> {
  const paths: string[] = [];
  for (let r = 0; r < runs; r++) {
    const mine = keys.map((key, i) => ({ key, line: i + 2 })).filter(({ line }) => line % runs === r);
    mine.sort((x, y) => Buffer.compare(x.key, y.key));
    const path = join(dir, `run-${r}.bin`);
    await writeFile(path, Buffer.concat(mine.map(({ key, line }) => record(key, line))));
    paths.push(path);
  }
  return paths;
}

/** The ranges merged on this thread, as the pool's workers would (the same function), `parts` of them. */
const inThread = (parts: number) => ({ count: parts, mergeRange: async (range: Parameters<typeof mergeRunRange>[0]) => structuredClone(mergeRunRange(range)) });

describe('mergeSideRuns', () => {
  it('writes the same rows.bin, keys.bin and levels.bin from one range or from two, three or five cut apart', async () => {
    const keys = Array.from({ length: 5000 }, (_, i) => sha(`key ${i}`));
    const source = await scratch();
    const runPaths = await writeRuns(source, keys, 7);
    const whole = sideFilePaths(await scratch());
    const one = await mergeSideRuns(runPaths, whole, null);
    expect(one.rowCount).toBe(5000);
    for (const parts of [2, 3, 5]) {
      const paths = sideFilePaths(await scratch());
      const merged = await mergeSideRuns(runPaths, paths, inThread(parts));
      expect(merged.root).toEqual(one.root);
      for (const file of ['rows', 'keys', 'levels'] as const) expect(Buffer.compare(await readFile(paths[file]), await readFile(whole[file])), `${parts} ranges: ${file}`).toBe(0);
    }
  });

  it('never cuts between records of one key: a key in every run, on every cut, is found repeated as often as it is', async () => {
    // 40 % of the records share one key, in every run: the sampled cuts land on it.
    const shared = sha('shared');
    const keys = Array.from({ length: 3000 }, (_, i) => (i % 5 < 2 ? shared : sha(`key ${i}`)));
    const runPaths = await writeRuns(await scratch(), keys, 4);
    const sharedCount = keys.filter((key) => key === shared).length;
    for (const parts of [1, 2, 3, 4]) {
      const paths: SideFilePaths = sideFilePaths(await scratch());
      const ranges = cutRuns(runPaths, parts, paths);
      // Each range holds all of the shared key's records or none.
      const runBytes = await Promise.all(runPaths.map((path) => readFile(path)));
      const sharedIn = ranges.map((range) => {
        let count = 0;
        range.starts.forEach((start, run) => {
          for (let r = start; r < range.ends[run]; r++) if (shared.equals(runBytes[run].subarray(r * SIDE_RECORD_LENGTH, r * SIDE_RECORD_LENGTH + 32))) count++;
        });
        return count;
      });
      expect(sharedIn.filter((count) => count > 0), `${parts} ranges`).toEqual([sharedCount]);
      const error = await mergeSideRuns(runPaths, paths, parts === 1 ? null : inThread(parts)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StatementRejectedError);
      expect((error as StatementRejectedError).issueCount, `${parts} ranges`).toBe(sharedCount - 1);
      expect((error as StatementRejectedError).issues.length).toBe(1000);
      const lines = (error as StatementRejectedError).issues.map((issue) => issue.line);
      expect(lines).toEqual([...lines].sort((x, y) => x - y));
    }
  });

  it('cuts into ranges that hold every record once, in key order', async () => {
    const keys = Array.from({ length: 2000 }, (_, i) => sha(`key ${i}`));
    const runPaths = await writeRuns(await scratch(), keys, 5);
    const ranges = cutRuns(runPaths, 3, sideFilePaths(await scratch()));
    let next = 0;
    for (const range of ranges) {
      expect(range.firstRecord).toBe(next);
      next += range.ends.reduce((sum, end, run) => sum + end - range.starts[run], 0);
      // About a third each (the cuts come from 64 keys sampled per run).
      expect(next - range.firstRecord).toBeGreaterThan(400);
    }
    expect(next).toBe(2000);
  });

  it("merges on the ingest's worker threads, and a worker that cannot read a run fails that merge with the system's code, not the pool", async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => sha(`key ${i}`));
    const runPaths = await writeRuns(await scratch(), keys, 3);
    const whole = sideFilePaths(await scratch());
    const expected = await mergeSideRuns(runPaths, whole, null);
    const { mergeWorkers } = commitRowsPool(2);
    const [range] = cutRuns(runPaths, 1, sideFilePaths(await scratch()));
    const error = await mergeWorkers.mergeRange({ ...range, runPaths: [...runPaths.slice(1), `${runPaths[0]}.gone`] }, 1).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENOENT', message: expect.stringContaining('.gone') });
    const paths = sideFilePaths(await scratch());
    const merged = await mergeSideRuns(runPaths, paths, mergeWorkers);
    expect(merged).toEqual(expected);
    expect(Buffer.compare(await readFile(paths.rows), await readFile(whole.rows))).toBe(0);
  });
});
