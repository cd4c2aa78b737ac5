import { describe, expect, it } from 'vitest';
import { commitPackedRows, commitRows } from './commit-rows';
import { addControlTotals, addToControlTotals, emptyControlTotals } from './control-totals';
import { derivePairKeys } from './derive-pair-keys';
import { encodeGbk } from '../testing/encode-gbk';
import { generateStatementRows, rowsToCsv, rowsToFixedWidth, SAMPLE_FIXED_WIDTH_FIELDS } from './generate-statement-rows';
import { StatementBlockReader } from './statement-block';
import { StatementReader, type ColumnMap } from './statement-reader';

const keys = derivePairKeys(new Uint8Array(32).fill(3));
const utf8 = new TextEncoder();

/** The same bytes through the reference reader and, as blocks of `blockLines` lines, through a block reader (no header line: fixed-width). */
function readBothFixedWidth(bytes: Uint8Array, map: ColumnMap, blockLines: number) {
  const reference = new StatementReader(map);
  const rows = [...reference.push(bytes), ...reference.finish()];
  const totals = emptyControlTotals();
  for (const { row } of rows) addToControlTotals(totals, row);
  const reader = new StatementBlockReader(map, null);
  const blocks: ReturnType<StatementBlockReader['read']>[] = [];
  let line = 1;
  for (let start = 0; start < bytes.length; ) {
    let end = start;
    for (let k = 0; k < blockLines && end < bytes.length; k++) {
      const newline = bytes.indexOf(0x0a, end);
      end = newline === -1 ? bytes.length : newline + 1;
    }
    blocks.push(reader.read(bytes.slice(start, end), line));
    line += blockLines;
    start = end;
  }
  const blockTotals = emptyControlTotals();
  for (const block of blocks) addControlTotals(blockTotals, block.controlTotals);
  return {
    reference: { records: commitRows(keys, rows.map((r) => r.row), rows.map((r) => r.line)), issues: reference.issues, controlTotals: totals },
    block: {
      records: Uint8Array.from(blocks.flatMap((block) => Array.from(commitPackedRows(keys, block.packed)))),
      issues: blocks.flatMap((block) => block.issues),
      controlTotals: blockTotals,
    },
  };
}

/** The same text through the reference reader and through a block reader given the header line. */
function readBoth(text: string, map: ColumnMap) {
  const reference = new StatementReader(map);
  const rows = [...reference.push(utf8.encode(text)), ...reference.finish()];
  const totals = emptyControlTotals();
  for (const { row } of rows) addToControlTotals(totals, row);
  const newline = text.indexOf('\n');
  const header = map.carrier === 'csv' ? { bytes: utf8.encode(text.slice(0, newline)), line: 1 } : null;
  const block = new StatementBlockReader(map, header).read(utf8.encode(header ? text.slice(newline + 1) : text), header ? 2 : 1);
  return {
    reference: {
      records: commitRows(keys, rows.map((r) => r.row), rows.map((r) => r.line)),
      issues: reference.issues,
      issueCount: reference.issueCount,
      controlTotals: totals,
    },
    block: { records: commitPackedRows(keys, block.packed), issues: block.issues, issueCount: block.issueCount, controlTotals: block.controlTotals },
  };
}

/** Each edit spoils (or, for a few, keeps valid in an unusual way) one line of a generated day. */
const EDITS: ((cells: string[]) => void)[] = [
  (c) => (c[10] = 'cny'),
  (c) => (c[10] = 'CNYX'),
  (c) => (c[3] = '2026-02-29'),
  (c) => (c[3] = '2024-02-29'), // valid: a leap day
  (c) => (c[4] = '2026-13-01'),
  (c) => (c[4] = '0000-01-01'),
  (c) => (c[3] = '202X-01-01'),
  (c) => (c[3] = '2026-1-01'),
  (c) => (c[0] = 'J'.repeat(64)), // valid: 64 characters
  (c) => (c[0] = 'J'.repeat(65)),
  (c) => (c[0] = '.J1'),
  (c) => (c[1] = 'T-1/2_3.4'), // valid
  (c) => (c[1] = 'T 1'),
  (c) => (c[0] = ''),
  (c) => (c[2] = 'refund'),
  (c) => (c[2] = ''),
  (c) => (c[9] = 'SETTLED'),
  (c) => (c[5] = `0${c[5]}`),
  (c) => (c[5] = `+${c[5]}`),
  (c) => (c[5] = String(Number(c[5]) + 1)),
  (c) => (c[6] = String(Number(c[6]) + 2)), // shares no longer sum either
  (c) => ((c[6] = String(Number(c[6]) + 2)), (c[7] = String(Number(c[7]) - 2))), // shares sum, ratio does not match
  (c) => (c[8] = '10001'),
  (c) => (c[8] = '00'),
  (c) => (c[8] = ''),
  (c) => ((c[5] = '0'), (c[6] = '0'), (c[7] = '0')), // valid: nothing moved
  (c) => ((c[5] = '9007199254740991'), (c[6] = '0'), (c[7] = '9007199254740991'), (c[8] = '0')), // valid, past the fast path's exact range
  (c) => ((c[5] = '9007199254740992'), (c[6] = '0'), (c[7] = '9007199254740992'), (c[8] = '0')),
  (c) => ((c[5] = '12345678901234567'), (c[6] = '0'), (c[7] = '12345678901234567'), (c[8] = '0')),
  (c) => (c[1] = `"${c[1]}"`), // valid: quoted
  (c) => (c[1] = `"${c[1]}`),
  (c) => (c[0] = `${c[0]}é`),
  (c) => c.push('extra'),
  (c) => c.pop(),
  (c) => (c[10] = 'CNY\r'), // valid: CRLF line end
  (c) => (c[2] = 'fee\r'),
  (c) => c.splice(0, c.length),
];

describe('StatementBlockReader against StatementReader (the reference)', () => {
  it('gives the reference records, issues and control totals for plain CSV lines and every kind of fault', () => {
    const rows = generateStatementRows({ count: 3 * EDITS.length + 50, seed: 21 });
    const lines = rowsToCsv(rows).split('\n');
    EDITS.forEach((edit, i) => {
      const cells = lines[3 + 3 * i].split(',');
      edit(cells);
      lines[3 + 3 * i] = cells.join(',');
    });
    const { reference, block } = readBoth(lines.join('\n'), { carrier: 'csv', encoding: 'utf-8' });
    expect(reference.issueCount).toBeGreaterThan(25);
    expect(block.issues).toEqual(reference.issues);
    expect(block.issueCount).toBe(reference.issueCount);
    expect(block.records).toEqual(reference.records);
    expect(block.controlTotals).toEqual(reference.controlTotals);
  });

  it('reads a bank column map on the fast path as the reference does: | delimiter, own column order and names, own spellings, yuan', () => {
    const rows = generateStatementRows({ count: 200, seed: 22 });
    const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : fen % 10 === 0 ? (fen / 100).toFixed(1) : (fen / 100).toFixed(2));
    const typeNames: Record<string, string> = { disbursement: 'DRAW', fee: 'FEE', reversal: 'fee' }; // 'fee' now means a reversal
    const map: ColumnMap = {
      carrier: 'csv',
      encoding: 'gb18030',
      delimiter: '|',
      amountUnit: 'yuan',
      columns: { loanNumber: 'loan', totalFen: 'amount' },
      values: { type: Object.fromEntries(Object.entries(typeNames).map(([k, v]) => [v, k])) as never, status: { OK: 'settled' } },
    };
    const header = 'note|currency|status|ratioBp|shareBFen|shareAFen|amount|valueDate|accountingDate|type|transactionId|loan';
    const lines = rows.map((r, i) =>
      [
        i % 7 === 0 ? 'x,y' : '',
        r.currency,
        r.status === 'settled' ? 'OK' : r.status,
        r.ratioBp,
        yuan(r.shareBFen),
        yuan(r.shareAFen),
        i === 5 ? '12.345' : i === 6 ? '.5' : yuan(r.totalFen),
        r.valueDate,
        r.accountingDate,
        typeNames[r.type] ?? r.type,
        r.transactionId,
        r.loanNumber,
      ].join('|'),
    );
    const { reference, block } = readBoth([header, ...lines].join('\n'), map);
    expect(reference.issues.map((issue) => [issue.line, issue.field, issue.code])).toEqual([
      [7, 'totalFen', 'invalid-amount'],
      [8, 'totalFen', 'invalid-amount'],
    ]);
    expect(block.issues).toEqual(reference.issues);
    expect(block.records).toEqual(reference.records);
    expect(block.controlTotals).toEqual(reference.controlTotals);
  });

  it('reads NDJSON by the reference, line numbers from the block', () => {
    const rows = generateStatementRows({ count: 20, seed: 23 });
    const text = rows.map((row, i) => (i === 4 ? '{"bad":' : JSON.stringify(row))).join('\n');
    const { reference, block } = readBoth(text, { carrier: 'ndjson', encoding: 'utf-8' });
    expect(block.issues).toEqual(reference.issues);
    expect(block.issues.map((issue) => issue.line)).toEqual([5]);
    expect(block.records).toEqual(reference.records);
  });

  it('gives the reference records, issues and control totals for fixed-width lines, fast or not, in several blocks', () => {
    const map: ColumnMap = { carrier: 'fixed-width', encoding: 'gb18030', fields: SAMPLE_FIXED_WIDTH_FIELDS };
    const rows = generateStatementRows({ count: 300, seed: 24 });
    const lines = rowsToFixedWidth(rows).split('\n').slice(0, -1);
    const edits: ((line: string) => string)[] = [
      (l) => `  ${l.slice(0, 15)}   ${l.slice(20)}`, // valid: the loan number centred
      (l) => `${l}     filler 备注`, // valid: bytes past the layout, not ASCII
      (l) => `${l}\r`, // valid: CRLF
      (l) => l.slice(0, 143), // short by one byte
      (l) => l.slice(0, 40), // short, many fields missing
      () => '', // blank
      (l) => `${l.slice(0, 15)}é${l.slice(17)}`, // é is two bytes in GB18030: read by the reference, and not an identifier
      (l) => `${l.slice(0, 133)}成功    ${l.slice(141)}`, // an unmapped Chinese status, 4 bytes and 4 spaces
      (l) => `${l.slice(0, 80)}${'0'.repeat(16)}${l.slice(96)}`, // a zero-padded amount: not trimmed, so invalid
      (l) => `${l.slice(0, 80)}${' '.repeat(16)}${l.slice(96)}`, // an amount of spaces only: missing
      (l) => `${l.slice(0, 128)}\t2000${l.slice(133)}`, // tab padding is not trimmed
      (l) => `${l.slice(0, 60)}2026-02-30${l.slice(70)}`,
      (l) => `${l.slice(0, 141)}cny`,
      (l) => `${l.slice(0, 40)}${'refund'.padEnd(20, ' ')}${l.slice(60)}`,
      (l) => `${l.slice(0, 96)}${String(Number(l.slice(96, 112)) + 1).padStart(16, ' ')}${l.slice(112)}`, // shares no longer sum
    ];
    edits.forEach((edit, i) => {
      lines[5 + 7 * i] = edit(lines[5 + 7 * i]);
    });
    const text = `${lines.join('\n')}\n`;
    // GB18030 bytes: the ASCII lines are the same; the non-ASCII ones are written with the GBK table.
    const bytes = Uint8Array.from(text.split('\n').flatMap((line, i, all) => [...encodeGbk(line), ...(i < all.length - 1 ? [0x0a] : [])]));
    for (const blockLines of [1000, 17]) {
      const { reference, block } = readBothFixedWidth(bytes, map, blockLines);
      expect(reference.issues.map((issue) => [issue.line, issue.field ?? null, issue.code])).toEqual([
        [27, 'currency', 'short-line'],
        [34, 'type', 'short-line'],
        [41, null, 'blank-line'],
        [48, 'loanNumber', 'invalid-identifier'],
        [55, 'status', 'unknown-status'],
        [62, 'totalFen', 'invalid-amount'],
        [69, 'totalFen', 'missing'],
        [76, 'ratioBp', 'invalid-ratio'],
        [83, 'accountingDate', 'invalid-date'],
        [90, 'currency', 'invalid-currency'],
        [97, 'type', 'unknown-type'],
        [104, 'shareBFen', 'shares-do-not-sum'],
      ]);
      expect(block.issues).toEqual(reference.issues);
      expect(block.records).toEqual(reference.records);
      expect(block.records.length / 416).toBe(300 - 12);
      expect(block.controlTotals).toEqual(reference.controlTotals);
    }
  });
});
