// Blind mode gives exactly open mode's side (§14): the bank's blinding of a statement, read back by
// Evident's blind ingest, has the same row leaves, commitments, tree levels, root and row count as
// Evident committing the same statement with the pair key; duplicates are refused the same way; an
// opening the bank's side makes reproduces its commitment.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromHex } from '../proof/hex';
import { blindOpeningsFor, blindSideText, blindStatement } from './blind-statement';
import { commitBlindSide } from './commit-blind-side';
import { commitField, commitRow } from './commit-row';
import { commitSide } from './commit-side';
import { EMPTY_TREE_ROOT } from './merge-side-runs';
import { StatementRejectedError } from './statement-rejected-error';
import { controlTotalsToJson } from './control-totals';
import { derivePairKeys } from './derive-pair-keys';
import { generateStatementRows, rowsToCsv } from './generate-statement-rows';
import { COMMITTED_FIELDS } from './row-format';
import { RECORD_COMMITMENTS, SIDE_RECORD_LENGTH } from './side-record';
import { sideFilePaths } from './side-files';
import { StatementReader, type ColumnMap, type ReadRow } from './statement-reader';

const keys = derivePairKeys(new Uint8Array(32).fill(9));
const csv: ColumnMap = { carrier: 'csv', encoding: 'utf-8' };
const dirs: string[] = [];
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'recon-blind-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function* bytesOf(text: string, chunk = 1000): AsyncIterable<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
}

function read(text: string, map: ColumnMap = csv): ReadRow[] {
  const reader = new StatementReader(map);
  const rows = [...reader.push(new TextEncoder().encode(text)), ...reader.finish()];
  expect(reader.issues).toEqual([]);
  return rows;
}

/** rows.bin without the columns a blind side cannot have: key, leaf hash and the nine commitments of each record. */
function committedColumns(rowsBin: Uint8Array): Uint8Array[] {
  const records: Uint8Array[] = [];
  for (let at = 0; at < rowsBin.length; at += SIDE_RECORD_LENGTH) records.push(rowsBin.slice(at, at + RECORD_COMMITMENTS + COMMITTED_FIELDS.length * 32));
  return records;
}

describe('blind mode gives open mode’s side', () => {
  it('blinding a statement, then ingesting the blind carrier, gives exactly open mode’s leaves, commitments, levels, root and row count', async () => {
    const text = rowsToCsv(generateStatementRows({ count: 3000, seed: 77 }));
    const open = await commitSide({ source: bytesOf(text, 4096), columnMap: csv, keys, directory: await scratch() });
    const blinded = blindStatement({ keys, rows: read(text) });
    if (!blinded.ok) throw new Error('refused');
    expect(blinded.root).toEqual(open.root);
    expect(blinded.header).toEqual({ rowCount: 3000, controlTotals: open.controlTotals });

    for (const runRows of [1 << 19, 1000]) {
      const directory = await scratch();
      const blind = await commitBlindSide({ source: bytesOf(blindSideText(blinded), 3333), directory, runRows });
      expect(blind.root).toEqual(open.root);
      expect(blind.rowCount).toBe(3000);
      expect(blind.controlTotals).toEqual(open.controlTotals);
      const [openRows, blindRows] = await Promise.all([readFile(sideFilePaths(open.directory).rows), readFile(sideFilePaths(directory).rows)]);
      expect(committedColumns(blindRows)).toEqual(committedColumns(openRows));
      expect(await readFile(sideFilePaths(directory).levels)).toEqual(await readFile(sideFilePaths(open.directory).levels));
      expect(await readFile(sideFilePaths(directory).keys)).toEqual(await readFile(sideFilePaths(open.directory).keys));
      const sideJson = JSON.parse(await readFile(sideFilePaths(directory).commitment, 'utf8'));
      expect(sideJson).toMatchObject({ mode: 'blind', rowCount: 3000, controlTotalsDeclared: true, controlTotals: controlTotalsToJson(open.controlTotals) });
    }
  });

  it('commits the spec’s side A (docs/vectors/reconciliation) to the root sides.json gives, in both modes', async () => {
    const vectors = join(__dirname, '../../docs/vectors/reconciliation');
    const pairKey = fromHex(JSON.parse(await readFile(join(vectors, 'commitments.json'), 'utf8')).pairKey, 32);
    const sides = JSON.parse(await readFile(join(vectors, 'sides.json'), 'utf8'));
    const vectorKeys = derivePairKeys(pairKey);
    for (const bank of ['a', 'b'] as const) {
      const blinded = blindStatement({ keys: vectorKeys, rows: read(await readFile(join(vectors, `side-${bank}.csv`), 'utf8')) });
      if (!blinded.ok) throw new Error('refused');
      const side = await commitBlindSide({ source: bytesOf(blindSideText(blinded)), directory: await scratch() });
      expect({ root: `0x${Buffer.from(side.root).toString('hex')}`, rowCount: side.rowCount }).toEqual(sides[bank]);
      expect(await readFile(join(vectors, `blind.side-${bank}.ndjson`), 'utf8')).toBe(blindSideText(blinded));
    }
  });

  it('an empty statement is an empty blind side with the empty root', async () => {
    const blinded = blindStatement({ keys, rows: [] });
    if (!blinded.ok) throw new Error('refused');
    expect(blinded.root).toEqual(EMPTY_TREE_ROOT);
    const side = await commitBlindSide({ source: bytesOf(blindSideText(blinded)), directory: await scratch() });
    expect(side).toMatchObject({ rowCount: 0, root: EMPTY_TREE_ROOT });
  });

  it('refuses a statement with a duplicate key on the bank’s side, as open mode does, naming both lines', () => {
    const [row] = generateStatementRows({ count: 1, seed: 3 });
    const refused = blindStatement({ keys, rows: read(rowsToCsv([row, { ...row, totalFen: row.totalFen + 1, shareAFen: row.shareAFen + 1 }])) });
    expect(refused).toEqual({ ok: false, issues: [expect.objectContaining({ line: 3, code: 'duplicate-key', message: expect.stringContaining('as line 2') })] });
  });

  it('refuses a blind side whose records repeat a key, and keeps no file', async () => {
    const blinded = blindStatement({ keys, rows: read(rowsToCsv(generateStatementRows({ count: 3, seed: 4 }))) });
    if (!blinded.ok) throw new Error('refused');
    const lines = blindSideText(blinded).trimEnd().split('\n');
    const header = JSON.parse(lines[0]);
    header.rowCount = 4;
    header.controlTotals['disbursement/settled'].count += 1;
    const directory = await scratch();
    const error = await commitBlindSide({ source: bytesOf([JSON.stringify(header), ...lines.slice(1), lines[2]].join('\n')), directory }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementRejectedError);
    expect((error as StatementRejectedError).issues).toEqual([expect.objectContaining({ line: 5, code: 'duplicate-key', message: expect.stringContaining('line 3') })]);
    await expect(readFile(sideFilePaths(directory).rows)).rejects.toThrow();
  });

  it('makes openings that reproduce the bank’s commitments, for the fields asked', () => {
    const rows = read(rowsToCsv(generateStatementRows({ count: 20, seed: 8 })));
    const reference = commitRow(keys, rows[7].row);
    const body = blindOpeningsFor({ keys, rows, key: reference.key, fields: ['shareAFen', 'status'] })!;
    expect(body.openings.map((opening) => opening.field)).toEqual(['shareAFen', 'status']);
    for (const opening of body.openings) {
      const f = COMMITTED_FIELDS.indexOf(opening.field);
      expect(commitField(fromHex(opening.salt, 32), new TextEncoder().encode(opening.value))).toEqual(reference.commitments[f]);
    }
    expect(body.openings[1].value).toBe(JSON.stringify(rows[7].row.status));
    expect(blindOpeningsFor({ keys, rows, key: new Uint8Array(32), fields: ['status'] })).toBeNull();
  });
});
