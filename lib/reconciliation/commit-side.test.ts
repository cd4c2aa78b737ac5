import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMerkleLevels } from '../merkle/build-merkle-levels';
import { DEFAULT_CHUNK_LEAVES } from '../merkle/stream-merkle-levels';
import { buildMerkleTree } from '../testing/build-merkle-tree';
import { commitRow } from './commit-row';
import { commitSide } from './commit-side';
import { EMPTY_TREE_ROOT } from './merge-side-runs';
import { StatementRejectedError } from './statement-rejected-error';
import { derivePairKeys } from './derive-pair-keys';
import { generateStatementRows, rowsToCsv, rowsToFixedWidth, SAMPLE_FIXED_WIDTH_FIELDS } from './generate-statement-rows';
import { sideFilePaths } from './side-files';
import type { ColumnMap } from './statement-reader';
import { encodeGbk } from '../testing/encode-gbk';

const keys = derivePairKeys(new Uint8Array(32).fill(9));
const csv: ColumnMap = { carrier: 'csv', encoding: 'utf-8' };
const dirs: string[] = [];
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'recon-side-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function* bytesOf(text: string | Uint8Array, chunk = 1000): AsyncIterable<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

describe('commitSide', () => {
  it('commits a CSV day: the root is the RFC 9162 tree over the reference leaves sorted by key, in memory or merged from runs', async () => {
    const rows = generateStatementRows({ count: 2500, seed: 5 });
    const expected = rows.map((row) => commitRow(keys, row)).sort((x, y) => compare(x.key, y.key));
    const expectedRoot = buildMerkleTree(expected.map((c) => c.leafHash)).root;
    for (const runRows of [1 << 19, 700]) {
      const directory = await scratch();
      const side = await commitSide({ source: bytesOf(rowsToCsv(rows), 777), columnMap: csv, keys, directory, runRows });
      expect(side.rowCount).toBe(2500);
      expect(side.root).toEqual(expectedRoot);
      expect((await stat(sideFilePaths(directory).rows)).size).toBe(2500 * 416);
      const written = JSON.parse(await readFile(sideFilePaths(directory).commitment, 'utf8'));
      expect(written.rowCount).toBe(2500);
      const settledFees = rows.filter((r) => r.type === 'fee' && r.status === 'settled');
      expect(side.controlTotals['fee/settled'].count).toBe(settledFees.length);
      expect(side.controlTotals['fee/settled'].totalFen).toBe(settledFees.reduce((sum, r) => sum + BigInt(r.totalFen), 0n));
    }
  });

  it('gives the same side with worker threads hashing (rows arrive out of order, the sort puts them back)', async () => {
    const rows = generateStatementRows({ count: 12_000, seed: 15 });
    const text = rowsToCsv(rows);
    const alone = await commitSide({ source: bytesOf(text, 1 << 16), columnMap: csv, keys, directory: await scratch(), runRows: 5_000 });
    const pooled = await commitSide({ source: bytesOf(text, 1 << 16), columnMap: csv, keys, directory: await scratch(), runRows: 5_000, workers: 2 });
    expect(pooled.root).toEqual(alone.root);
    expect(pooled.rowCount).toBe(12_000);
    expect(pooled.controlTotals).toEqual(alone.controlTotals);
    // The workers merged the runs a range of keys each, into their places in the files: the same bytes.
    for (const file of ['rows', 'keys', 'levels'] as const) {
      expect(Buffer.compare(await readFile(sideFilePaths(pooled.directory)[file]), await readFile(sideFilePaths(alone.directory)[file])), file).toBe(0);
    }
  });

  it('reads NDJSON and GBK CSV with a bank column map (Chinese headers, own type and status names, yuan amounts)', async () => {
    const rows = generateStatementRows({ count: 40, seed: 6 });
    const ndjson = rows.map((row) => JSON.stringify(row)).join('\n');
    const fromJson = await commitSide({ source: bytesOf(ndjson), columnMap: { carrier: 'ndjson', encoding: 'utf-8' }, keys, directory: await scratch() });

    const header = '借据号|交易流水号|交易类型|记账日期|起息日|总金额|甲方金额|乙方金额|比例|状态|币种';
    const typeNames: Record<string, string> = { disbursement: '放款', principal_repayment: '还本', interest_repayment: '还息', penalty_repayment: '罚息', fee: '费用', reversal: '冲正', write_off: '核销', buy_back: '回购' };
    const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    const lines = rows.map((r) =>
      [r.loanNumber, r.transactionId, typeNames[r.type], r.accountingDate, r.valueDate, yuan(r.totalFen), yuan(r.shareAFen), yuan(r.shareBFen), r.ratioBp, r.status === 'settled' ? '成功' : r.status === 'pending' ? '处理中' : '失败', r.currency].join('|'),
    );
    const gbk = encodeGbk([header, ...lines].join('\r\n'));
    const map: ColumnMap = {
      carrier: 'csv',
      encoding: 'gbk',
      delimiter: '|',
      amountUnit: 'yuan',
      columns: { loanNumber: '借据号', transactionId: '交易流水号', type: '交易类型', accountingDate: '记账日期', valueDate: '起息日', totalFen: '总金额', shareAFen: '甲方金额', shareBFen: '乙方金额', ratioBp: '比例', status: '状态', currency: '币种' },
      values: {
        type: Object.fromEntries(Object.entries(typeNames).map(([k, v]) => [v, k])) as never,
        status: { 成功: 'settled', 处理中: 'pending', 失败: 'failed' },
      },
    };
    const fromGbk = await commitSide({ source: bytesOf(gbk, 97), columnMap: map, keys, directory: await scratch() });
    expect(fromGbk.root).toEqual(fromJson.root);
    expect(fromGbk.rowCount).toBe(40);
  });

  it('commits a fixed-width GB18030 day with a header line to the same side as its CSV, with worker threads or without', async () => {
    const rows = generateStatementRows({ count: 12_000, seed: 16 });
    const fromCsv = await commitSide({ source: bytesOf(rowsToCsv(rows), 1 << 16), columnMap: csv, keys, directory: await scratch() });
    const map: ColumnMap = { carrier: 'fixed-width', encoding: 'gb18030', fields: SAMPLE_FIXED_WIDTH_FIELDS, headerLine: true };
    const file = Uint8Array.from([...encodeGbk('借据号              交易流水号\r\n'), ...new TextEncoder().encode(rowsToFixedWidth(rows).replaceAll('\n', '\r\n'))]);
    for (const workers of [0, 2]) {
      const side = await commitSide({ source: bytesOf(file, 1 << 16), columnMap: map, keys, directory: await scratch(), workers });
      expect(side.root).toEqual(fromCsv.root);
      expect(side.rowCount).toBe(12_000);
      expect(side.controlTotals).toEqual(fromCsv.controlTotals);
    }
  });

  it('refuses a fixed-width file with a short line and a character cut by a field bound, naming line and field', async () => {
    const rows = generateStatementRows({ count: 3000, seed: 17 });
    const lines = rowsToFixedWidth(rows).split('\n');
    lines[1] = lines[1].slice(0, 130);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    // Line 2000's status starts with 成 (0xb3 0xc9 in GBK), its lead byte the last byte of the ratio field.
    const at = lines.slice(0, 1999).reduce((offset, line) => offset + line.length + 1, 0) + 132;
    const gbk = encodeGbk('成');
    bytes[at] = gbk[0];
    bytes[at + 1] = gbk[1];
    const error = await commitSide({ source: bytesOf(bytes, 1 << 16), columnMap: { carrier: 'fixed-width', encoding: 'gbk', fields: SAMPLE_FIXED_WIDTH_FIELDS }, keys, directory: await scratch(), workers: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementRejectedError);
    expect((error as StatementRejectedError).issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [2, 'ratioBp', 'short-line'],
      [2000, 'ratioBp', 'invalid-encoding'],
      [2000, 'status', 'unknown-status'],
    ]);
  });

  it('refuses the whole file, naming line and field, and leaves no side files behind', async () => {
    const rows = generateStatementRows({ count: 30, seed: 7 });
    const lines = rowsToCsv(rows).split('\n');
    lines[3] = lines[3].replace(/,CNY$/, ',cny');
    lines[10] = lines[10].replace(/,2026-12-01,/, ',2026-02-30,');
    const directory = await scratch();
    const error = await commitSide({ source: bytesOf(lines.join('\n')), columnMap: csv, keys, directory }).catch((e) => e);
    expect(error).toBeInstanceOf(StatementRejectedError);
    expect(error.issues.map((i: { line: number; field: string; code: string }) => [i.line, i.field, i.code])).toEqual([
      [4, 'currency', 'invalid-currency'],
      [11, 'accountingDate', 'invalid-date'],
    ]);
    await expect(stat(sideFilePaths(directory).rows)).rejects.toThrow();
  });

  it('refuses a duplicate key with both lines named, in one run and across runs, merged on one thread or by two workers', async () => {
    const rows = generateStatementRows({ count: 1200, seed: 8 });
    rows[1100] = { ...rows[5], totalFen: rows[5].totalFen };
    for (const [runRows, workers] of [[1 << 19, 0], [500, 0], [500, 2]]) {
      const error = await commitSide({ source: bytesOf(rowsToCsv(rows)), columnMap: csv, keys, directory: await scratch(), runRows, workers }).catch((e) => e);
      expect(error).toBeInstanceOf(StatementRejectedError);
      expect(error.issues).toEqual([{ line: 1102, code: 'duplicate-key', message: expect.stringContaining('as line 7') }]);
    }
  });

  it('names every duplicate in line order when the workers merge ranges of keys apart, wherever the keys fall', async () => {
    const rows = generateStatementRows({ count: 3000, seed: 18 });
    // Ten keys repeated, spread over the key space (so over both workers' ranges), one of them three times.
    const copies = [[10, 2990], [300, 2500], [600, 2400], [900, 2300], [1200, 2200], [1500, 2100], [1800, 2000], [1900, 1950], [50, 2600], [60, 2700], [50, 2800]];
    for (const [from, to] of copies) rows[to] = { ...rows[from] };
    const error = await commitSide({ source: bytesOf(rowsToCsv(rows), 1 << 12), columnMap: csv, keys, directory: await scratch(), runRows: 400, workers: 2 }).catch((e) => e);
    expect(error).toBeInstanceOf(StatementRejectedError);
    expect(error.issueCount).toBe(11);
    // Line = row + 2 (the header is line 1); the third copy of row 50 pairs with the second.
    const expected = copies.map(([from, to]) => ({ line: to + 2, first: from === 50 && to === 2800 ? 2602 : from + 2 })).sort((x, y) => x.line - y.line);
    expect(error.issues.map((issue: { line: number; message: string }) => [issue.line, issue.message.match(/as line (\d+)/)![1]])).toEqual(expected.map(({ line, first }) => [line, String(first)]));
  });

  it('leaves no file behind when it refuses a duplicate key, in one run and across runs', async () => {
    const rows = generateStatementRows({ count: 1200, seed: 8 });
    rows[1100] = { ...rows[5] };
    for (const runRows of [1 << 19, 500]) {
      const directory = await scratch();
      await expect(commitSide({ source: bytesOf(rowsToCsv(rows)), columnMap: csv, keys, directory, runRows })).rejects.toBeInstanceOf(StatementRejectedError);
      expect(await readdir(directory)).toEqual([]);
    }
  });

  it(`writes levels.bin as buildMerkleLevels lays out the tree over the sorted leaves, past one chunk of ${DEFAULT_CHUNK_LEAVES} leaves, in memory or merged from runs`, async () => {
    const count = DEFAULT_CHUNK_LEAVES + 4_500;
    const text = rowsToCsv(generateStatementRows({ count, seed: 21 }));
    // Two workers merge about half of the leaves each: the first chunk is cut between them.
    for (const [runRows, workers] of [[1 << 19, 0], [30_000, 0], [30_000, 2]]) {
      const directory = await scratch();
      const side = await commitSide({ source: bytesOf(text, 1 << 16), columnMap: csv, keys, directory, runRows, workers });
      expect(side.rowCount).toBe(count);
      // keys.bin holds each sorted record's key and leaf hash: the leaves, in order.
      const keysBin = await readFile(sideFilePaths(directory).keys);
      const leaves = new Uint8Array(count * 32);
      for (let i = 0; i < count; i++) leaves.set(keysBin.subarray(i * 64 + 32, i * 64 + 64), i * 32);
      const levels = buildMerkleLevels(leaves);
      expect(Buffer.compare(await readFile(sideFilePaths(directory).levels), Buffer.concat(levels))).toBe(0);
      expect(side.root).toEqual(levels.at(-1));
    }
  }, 60_000);

  it('reports bytes that are not valid in the declared encoding by line', async () => {
    const text = new TextEncoder().encode(rowsToCsv(generateStatementRows({ count: 5, seed: 1 })));
    const bad = new Uint8Array([...text.subarray(0, text.indexOf(0x0a) + 5), 0xff, ...text.subarray(text.indexOf(0x0a) + 5)]);
    const error = await commitSide({ source: bytesOf(bad), columnMap: csv, keys, directory: await scratch() }).catch((e) => e);
    expect(error.issues[0]).toMatchObject({ line: 2, code: 'invalid-encoding' });
  });

  it('commits an empty day (header only) to the empty tree', async () => {
    const side = await commitSide({ source: bytesOf(rowsToCsv([])), columnMap: csv, keys, directory: await scratch() });
    expect(side.rowCount).toBe(0);
    expect(side.root).toEqual(EMPTY_TREE_ROOT);
  });
});
