import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../testing/encode-gbk';
import { matchSpreadsheetRows } from './match-spreadsheet-rows';
import { readSpreadsheetTable, UnreadableSpreadsheetError } from './read-spreadsheet-table';
import { readUploadSpreadsheet } from './read-upload-spreadsheet';
import { SPREADSHEET_COLUMNS, SPREADSHEET_FIELDS } from './spreadsheet-columns';
import { writeXlsx } from './write-xlsx';

const ZH_HEADER = SPREADSHEET_FIELDS.map((field) => SPREADSHEET_COLUMNS[field].zh);
const EN_HEADER = SPREADSHEET_FIELDS.map((field) => SPREADSHEET_COLUMNS[field].en);
const ZHANG_WEI_ROW = ['contract-1.pdf', '个人借款合同', '借款合同', 'L-2026-000123', '张伟', '44010419900307451X', '', ''];
const LI_NA_ROW = ['scans/repayment 2.pdf', 'Repayment, March', 'Repayment record', 'L-2026-000124', '李娜', '', '+86 138 0000 0001', ''];

const csv = (rows: string[][]) => rows.map((cells) => cells.map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\r\n');
const read = async (bytes: Uint8Array | string, name: string) => readUploadSpreadsheet(await readSpreadsheetTable(new File([bytes as BlobPart], name)));

describe('reading the upload spreadsheet', () => {
  it('reads UTF-8 CSV (with BOM) with Chinese headers, GBK CSV, and XLSX with English headers alike', async () => {
    const fromUtf8 = await read('\uFEFF' + csv([ZH_HEADER, ZHANG_WEI_ROW, LI_NA_ROW]), 'sheet.csv');
    const fromGbk = await read(encodeGbk(csv([ZH_HEADER, ZHANG_WEI_ROW, LI_NA_ROW])), 'sheet.csv');
    const fromXlsx = await read(writeXlsx([EN_HEADER, ZHANG_WEI_ROW, LI_NA_ROW]), 'sheet.xlsx');
    const expected = [
      {
        row: 2,
        fileName: 'contract-1.pdf',
        values: { title: '个人借款合同', type: 'loan_contract', loanReference: 'L-2026-000123', borrowerName: '张伟', borrowerIdNumber: '44010419900307451X' },
      },
      {
        row: 3,
        fileName: 'scans/repayment 2.pdf',
        values: { title: 'Repayment, March', type: 'repayment_record', loanReference: 'L-2026-000124', borrowerName: '李娜', borrowerPhone: '+86 138 0000 0001' },
      },
    ];
    for (const sheet of [fromUtf8, fromGbk, fromXlsx]) {
      expect(sheet.issues).toEqual([]);
      expect(sheet.rows).toEqual(expected);
    }
    expect((await readSpreadsheetTable(new File([encodeGbk(csv([ZH_HEADER])) as BlobPart], 'x.csv'))).encoding).toBe('gb18030');
  });

  it('takes other header spellings and ignores (and lists) columns it does not know, in any order', async () => {
    const sheet = await read(csv([['备注', '身份证号', 'file', 'Evidence Type', 'borrower', 'TITLE'], ['x', '44010419900307451X', 'a.txt', 'notice', '张伟', 'A']]), 'a.csv');
    expect(sheet.ignoredColumns).toEqual(['备注']);
    expect(sheet.rows[0].values).toEqual({ borrowerIdNumber: '44010419900307451X', type: 'notice', borrowerName: '张伟', title: 'A' });
  });

  it('reports each bad cell by spreadsheet row and column header, with the server’s rule, and keeps the row out', async () => {
    const sheet = await read(
      writeXlsx([
        ZH_HEADER,
        ZHANG_WEI_ROW,
        ['b.pdf', 'x'.repeat(201), '借据', '', '张伟', '440104199003074513', '12', 'not-an-email'],
        [],
        ['', '无文件名', '', '', '', '', '', ''],
        ['CONTRACT-1.PDF', '重复', '', '', '', '', '', ''],
        ['c.pdf', '', '', '', '', 440104199003074512, '', ''],
      ]),
      'sheet.xlsx',
    );
    expect(sheet.rows.map((r) => r.row)).toEqual([2]);
    expect(sheet.issues).toEqual([
      { row: 3, column: '标题', field: 'title', code: 'invalid-value', detail: 'expected at most 200 characters' },
      { row: 3, column: '证据类型', field: 'type', code: 'unknown-type', detail: '借据' },
      { row: 3, column: '借款人身份证号', field: 'borrowerIdNumber', code: 'invalid-value', detail: 'this ID number’s check digit is wrong: please check each digit' },
      { row: 3, column: '借款人手机号', field: 'borrowerPhone', code: 'invalid-value', detail: 'a phone number is digits, optionally starting with +' },
      { row: 3, column: '借款人电子邮箱', field: 'borrowerEmail', code: 'invalid-value', detail: expect.any(String) },
      { row: 5, column: '文件名', field: 'fileName', code: 'missing-file-name' },
      { row: 6, column: '文件名', field: 'fileName', code: 'duplicate-file-name', detail: '2' },
      // An 18-digit ID number typed into a number cell has lost its last digits: refused, not guessed.
      { row: 7, column: '借款人身份证号', field: 'borrowerIdNumber', code: 'invalid-value', detail: 'an ID number is 6 to 30 letters and digits' },
    ]);
  });

  it('refuses a sheet without a file name column, an unterminated quote, an empty file, an old .xls and over 10,000 rows', async () => {
    expect((await read(csv([['标题'], ['A']]), 'a.csv')).issues).toEqual([{ row: 1, field: 'fileName', code: 'missing-file-name-column' }]);
    await expect(read('文件名,标题\r\na.txt,"open', 'a.csv')).rejects.toMatchObject({ code: 'unterminated-quote', row: 2 });
    await expect(read('', 'a.csv')).rejects.toBeInstanceOf(UnreadableSpreadsheetError);
    await expect(read('not a workbook', 'a.xls')).rejects.toMatchObject({ code: 'unsupported-format' });
    await expect(read(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.xlsx')).rejects.toMatchObject({ code: 'unreadable-xlsx' });
    await expect(read(['文件名', ...Array.from({ length: 10_001 }, (_, i) => `f${i}.pdf`)].join('\n'), 'a.csv')).rejects.toMatchObject({ code: 'too-many-rows' });
  });
});

describe('matching rows to files', () => {
  const files = [
    { key: 'k1', relativePath: 'loans/contract-1.pdf' },
    { key: 'k2', relativePath: 'loans/scans/repayment 2.pdf' },
    { key: 'k3', relativePath: 'loans/a/same.pdf' },
    { key: 'k4', relativePath: 'loans/b/same.pdf' },
    { key: 'k5', relativePath: 'loans/no-row.pdf' },
  ];
  const row = (n: number, fileName: string) => ({ row: n, fileName, values: { title: fileName } });

  it('matches by path in the folder (with or without the folder name), by name alone, ignoring case and separators', () => {
    const match = matchSpreadsheetRows(
      [row(2, 'Contract-1.PDF'), row(3, 'scans\\repayment 2.pdf'), row(4, 'loans/a/same.pdf'), row(5, 'b/same.pdf'), row(6, 'missing.pdf')],
      files,
      '文件名',
    );
    expect(Object.fromEntries([...match.rowOf].map(([key, r]) => [key, r.row]))).toEqual({ k1: 2, k2: 3, k3: 4, k4: 5 });
    expect(match.filesWithoutRow).toEqual(['k5']);
    expect(match.rowsWithoutFile.map((r) => r.row)).toEqual([6]);
    expect(match.issues).toEqual([]);
  });

  it('reports a name that could mean two files, and two rows that name one file', () => {
    const match = matchSpreadsheetRows([row(2, 'same.pdf'), row(3, 'contract-1.pdf'), row(4, 'loans/contract-1.pdf')], files, 'File name');
    expect(match.issues).toEqual([
      { row: 2, column: 'File name', field: 'fileName', code: 'ambiguous-file-name', detail: 'same.pdf' },
      { row: 4, column: 'File name', field: 'fileName', code: 'duplicate-file-name', detail: '3' },
    ]);
    expect(match.filesWithoutRow).toEqual(['k2', 'k3', 'k4', 'k5']);
  });
});
