import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../testing/encode-gbk';
import { generateStatementRows, rowsToCsv, rowsToFixedWidth, SAMPLE_FIXED_WIDTH_FIELDS, SPEC_FIXED_WIDTH_FIELDS } from './generate-statement-rows';
import { columnMapSchema } from './reconciliation-schemas';
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

  describe('fixed-width', () => {
    const fixed: ColumnMap = { carrier: 'fixed-width', encoding: 'utf-8', fields: SAMPLE_FIXED_WIDTH_FIELDS };
    const record = rowsToFixedWidth([row]).slice(0, -1);

    it('cuts fields at byte offsets, trims spaces on both sides, ignores bytes outside the fields, skips a header line', () => {
      expect(read(`${record}
`, fixed)).toEqual({ rows: [{ line: 1, row }], issues: [] });
      const padded = `  ${row.loanNumber}   ${record.slice(20)}   filler 填充\r\n`;
      expect(read(`HEADER 表头\n${padded}`, { ...fixed, headerLine: true })).toEqual({ rows: [{ line: 2, row }], issues: [] });
      // A byte-order mark on line 1 is removed before offsets are counted.
      expect(read(`\uFEFF${record}\n${record.replace(row.transactionId, `${row.transactionId.slice(0, -1)}9`)}`, fixed).issues).toEqual([]);
    });

    it('pads with U+0020 only: a tab or an ideographic space stays in the value and fails validation', () => {
      const tabbed = `\t${record.slice(1)}`;
      // U+3000 is 3 bytes in UTF-8: the transaction id's 20 bytes stay 20.
      const ideographic = record.slice(0, 20) + `${row.transactionId}\u3000`.padEnd(18, ' ') + record.slice(40);
      expect(read(`${tabbed}\n`, fixed).issues).toEqual([[1, 'loanNumber', 'invalid-identifier']]);
      expect(read(`${ideographic}\n`, fixed).issues).toEqual([[1, 'transactionId', 'invalid-identifier']]);
    });

    it('reports a short line naming the first field that does not fit, and a blank line', () => {
      expect(read(`${record.slice(0, 100)}\n\n${record}\n`, fixed).issues).toEqual([
        [1, 'shareAFen', 'short-line'],
        [2, null, 'blank-line'],
      ]);
      expect(read(`${record.slice(0, 143)}\n`, fixed).issues).toEqual([[1, 'currency', 'short-line']]);
    });

    it('reads the GBK example of §2.3: Chinese spellings, yuan, and a character cut by a field bound', () => {
      const fields = SPEC_FIXED_WIDTH_FIELDS;
      const gbk: ColumnMap = {
        carrier: 'fixed-width',
        encoding: 'gbk',
        amountUnit: 'yuan',
        fields,
        values: { type: { 冲正: 'reversal' }, status: { 成功: 'settled' } },
      };
      const text = 'JJ0420000000000 T000000000000 冲正2026-12-012026-12-01   300551.88    60110.38   240441.50 2000成功CNY';
      const bytes = encodeGbk(`${text}\r\n`);
      expect(bytes.length).toBe(104);
      const hex = (from: number, to: number) => Array.from(bytes.subarray(from, to), (b) => b.toString(16)).join(' ');
      expect([hex(30, 34), hex(95, 99)]).toEqual(['b3 e5 d5 fd', 'b3 c9 b9 a6']);
      expect(read(bytes, gbk)).toEqual({
        rows: [
          {
            line: 1,
            row: {
              loanNumber: 'JJ0420000000000',
              transactionId: 'T000000000000',
              type: 'reversal',
              accountingDate: '2026-12-01',
              valueDate: '2026-12-01',
              totalFen: 30055188,
              shareAFen: 6011038,
              shareBFen: 24044150,
              ratioBp: 2000,
              status: 'settled',
              currency: 'CNY',
            },
          },
        ],
        issues: [],
      });
      // One byte less for the type cuts 正 (0xd5 0xfd): the type's bytes do not decode.
      const cut = { ...gbk, fields: { ...fields, type: { offset: 30, length: 3 } } };
      expect(read(bytes, cut).issues).toEqual([[1, 'type', 'invalid-encoding']]);
      const reader = new StatementReader(cut);
      reader.push(bytes);
      reader.finish();
      expect(reader.issues[0].message).toBe("Line 1: type (bytes 30–32) is not valid gbk; a multi-byte character may be cut by the field's bounds.");
    });

    it('refuses at configuration a map whose fields overlap, are missing, or mix carriers', () => {
      const overlapping = { ...SAMPLE_FIXED_WIDTH_FIELDS, transactionId: { offset: 15, length: 20 } };
      const result = columnMapSchema.safeParse({ carrier: 'fixed-width', encoding: 'gbk', fields: overlapping, delimiter: '|' });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
        ['fields.transactionId', 'transactionId (bytes 15–34) overlaps loanNumber (bytes 0–19).'],
        ['delimiter', 'delimiter is for CSV; a fixed-width map places fields by `fields`'],
      ]);
      const { currency: _currency, ...withoutCurrency } = SAMPLE_FIXED_WIDTH_FIELDS;
      expect(columnMapSchema.safeParse({ carrier: 'fixed-width', encoding: 'utf-8', fields: withoutCurrency }).error!.issues[0].path).toEqual(['fields', 'currency']);
      expect(columnMapSchema.safeParse({ carrier: 'csv', encoding: 'utf-8', headerLine: true }).success).toBe(false);
      expect(columnMapSchema.safeParse({ carrier: 'fixed-width', encoding: 'gb18030', fields: SAMPLE_FIXED_WIDTH_FIELDS, headerLine: true }).success).toBe(true);
      expect(() => new StatementReader({ carrier: 'fixed-width', encoding: 'utf-8', fields: overlapping })).toThrow(RangeError);
    });
  });
});
