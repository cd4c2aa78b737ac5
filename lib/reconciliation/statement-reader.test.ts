import { describe, expect, it } from 'vitest';
import { generateStatementRows, rowsToCsv } from './generate-statement-rows';
import { splitCsvLine, StatementReader, type ColumnMap } from './statement-reader';

function read(text: string | Uint8Array, map: ColumnMap) {
  const reader = new StatementReader(map);
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const rows = [...reader.push(bytes), ...reader.finish()];
  return { rows, issues: reader.issues.map((i) => [i.line, i.field ?? null, i.code]) };
}

const csv: ColumnMap = { carrier: 'csv', encoding: 'utf-8' };
const ndjson: ColumnMap = { carrier: 'ndjson', encoding: 'utf-8' };
const [row] = generateStatementRows({ count: 1, seed: 1 });
const [header, line] = rowsToCsv([row]).split('\n');

describe('StatementReader', () => {
  it('splits RFC 4180 cells: quotes, doubled quotes, delimiters inside quotes', () => {
    expect(splitCsvLine('a,"b,c","d""e",', ',')).toEqual(['a', 'b,c', 'd"e', '']);
    expect(splitCsvLine('a|"b|c"', '|')).toEqual(['a', 'b|c']);
    expect(splitCsvLine('a,"b', ',')).toBeNull();
  });

  it('reads a quoted CSV row as the plain one, and strips a byte-order mark from line 1 only', () => {
    const quoted = line.split(',').map((cell) => `"${cell}"`).join(',');
    expect(read(`\uFEFF${header}\r\n${quoted}\r\n`, csv)).toEqual({ rows: [{ line: 2, row }], issues: [] });
    expect(read(`${header}\n\uFEFF${line}\n`, csv).issues).toEqual([[2, 'loanNumber', 'invalid-identifier']]);
  });

  it('reports carrier problems by line: blank line, cell count, missing column, unterminated quote', () => {
    expect(read(`${header}\n\n${line},extra\n"${line}\n`, csv).issues).toEqual([
      [2, null, 'blank-line'],
      [3, null, 'wrong-column-count'],
      [4, null, 'unterminated-quote'],
    ]);
    expect(read(`${header.replace('status', 'state')}\n`, csv).issues).toEqual([[1, 'status', 'missing-column']]);
  });

  it('reads NDJSON strictly: duplicate member, a fraction, a wrong value type, not an object', () => {
    const json = JSON.stringify(row);
    const text = [
      json,
      json.replace('{', '{"status":"pending",'),
      json.replace(`"totalFen":${row.totalFen}`, `"totalFen":${row.totalFen}.5`),
      json.replace(`"ratioBp":${row.ratioBp}`, '"ratioBp":true'),
      '[1,2]',
      json.replace(`"transactionId":"${row.transactionId}"`, '"transactionId":12345'),
    ].join('\n');
    expect(read(text, ndjson).issues).toEqual([
      [2, null, 'invalid-json'],
      [3, 'totalFen', 'invalid-value-type'],
      [4, 'ratioBp', 'invalid-value-type'],
      [5, null, 'not-an-object'],
      [6, 'transactionId', 'invalid-value-type'],
    ]);
  });

  it('converts yuan exactly and names an amount that is not yuan with two decimals', () => {
    const yuan: ColumnMap = { ...csv, amountUnit: 'yuan' };
    const asYuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    const cells = line.split(',');
    cells[5] = asYuan(row.totalFen);
    cells[6] = asYuan(row.shareAFen);
    cells[7] = asYuan(row.shareBFen);
    expect(read(`${header}\n${cells.join(',')}\n`, yuan).rows).toEqual([{ line: 2, row }]);
    cells[5] = '1.234';
    expect(read(`${header}\n${cells.join(',')}\n`, yuan).issues).toEqual([[2, 'totalFen', 'invalid-amount']]);
  });

  it('decodes GB18030 four-byte characters in a mapped header, and reports a broken one by line', () => {
    // 𠀀 (U+20000) is 0x95 0x32 0x82 0x36 in GB18030.
    const map: ColumnMap = { carrier: 'csv', encoding: 'gb18030', columns: { loanNumber: '\u{20000}' } };
    const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    const good = Uint8Array.from([0x95, 0x32, 0x82, 0x36, ...ascii(header.slice('loanNumber'.length)), 0x0a, ...ascii(line), 0x0a]);
    expect(read(good, map)).toEqual({ rows: [{ line: 2, row }], issues: [] });
    const broken = Uint8Array.from([...good, 0x95, 0x32, 0x0a]);
    expect(read(broken, map).issues).toEqual([[3, null, 'invalid-encoding']]);
  });
});
