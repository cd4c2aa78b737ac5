// A spreadsheet file as a table of text cells: CSV in UTF-8 (with or without BOM), GBK or GB18030 (as
// Chinese Excel saves "CSV"), or the first sheet of an XLSX workbook (read-excel-file). Browser-safe:
// it reads a Blob, so the spreadsheet never leaves the browser.
import { readSheet } from 'read-excel-file/universal';
import { splitCsvLine } from '../csv/split-csv-line';

export interface SpreadsheetTable {
  format: 'csv' | 'xlsx';
  /** For CSV, the encoding the bytes were read in. */
  encoding?: 'utf-8' | 'gb18030';
  /** Row 0 is the spreadsheet's row 1 (the header). */
  rows: string[][];
}

/** A file that is not a spreadsheet this reader takes, or that cannot be read at all. */
export class UnreadableSpreadsheetError extends Error {
  constructor(
    readonly code: 'unsupported-format' | 'unreadable-xlsx' | 'unterminated-quote' | 'empty' | 'too-many-rows',
    readonly row?: number,
  ) {
    super(code === 'unterminated-quote' ? `row ${row} has a quoted cell that does not end on that line` : code);
    this.name = 'UnreadableSpreadsheetError';
  }
}

/** Most rows after the header: a batch upload is a folder, not a ledger. */
export const MAX_SPREADSHEET_ROWS = 10_000;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function readSpreadsheetTable(file: Blob & { name?: string }): Promise<SpreadsheetTable> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const name = (file.name ?? '').toLowerCase();
  if (ZIP_MAGIC.every((byte, i) => bytes[i] === byte)) {
    if (name && !name.endsWith('.xlsx')) throw new UnreadableSpreadsheetError('unsupported-format');
    return readXlsx(bytes);
  }
  if (name.endsWith('.xlsx') || name.endsWith('.xls')) throw new UnreadableSpreadsheetError(name.endsWith('.xls') ? 'unsupported-format' : 'unreadable-xlsx');
  return readCsv(bytes);
}

async function readXlsx(bytes: Uint8Array): Promise<SpreadsheetTable> {
  let data: unknown[][];
  try {
    data = (await readSheet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)) as unknown[][];
  } catch {
    throw new UnreadableSpreadsheetError('unreadable-xlsx');
  }
  if (data.length > MAX_SPREADSHEET_ROWS + 1) throw new UnreadableSpreadsheetError('too-many-rows');
  const rows = data.map((row) => row.map(cellText));
  return finish({ format: 'xlsx', rows });
}

/** An XLSX cell as the text the upload field takes. A whole number beyond 2^53 (an 18-digit ID
 * number typed into a number cell) has lost digits already: it is kept in a form the field check refuses. */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return Number.isSafeInteger(cell) || !Number.isInteger(cell) ? String(cell) : cell.toExponential();
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

function readCsv(bytes: Uint8Array): SpreadsheetTable {
  let text: string;
  let encoding: SpreadsheetTable['encoding'] = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Chinese Excel's "CSV" is GBK, which GB18030 contains.
    text = new TextDecoder('gb18030').decode(bytes);
    encoding = 'gb18030';
  }
  const rows: string[][] = [];
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length > MAX_SPREADSHEET_ROWS + 1) throw new UnreadableSpreadsheetError('too-many-rows');
  const delimiter = guessDelimiter(lines[0] ?? '');
  for (const [index, line] of lines.entries()) {
    const cells = splitCsvLine(line, delimiter);
    if (cells === null) throw new UnreadableSpreadsheetError('unterminated-quote', index + 1);
    rows.push(cells);
  }
  return finish({ format: 'csv', encoding, rows });
}

/** Excel in some locales saves "CSV" with semicolons, and a tab-separated export is common. */
function guessDelimiter(header: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function finish(table: SpreadsheetTable): SpreadsheetTable {
  if (table.rows.length === 0 || table.rows[0].every((cell) => cell.trim() === '')) throw new UnreadableSpreadsheetError('empty');
  return table;
}
