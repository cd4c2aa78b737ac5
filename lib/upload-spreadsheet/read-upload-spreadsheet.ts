// The upload spreadsheet's rows as upload fields: the header row says which column is which field (in
// Chinese or English, spreadsheet-columns.ts), every later non-blank row describes one file. Every
// cell is checked with the server's rules; each problem names the spreadsheet row (as the spreadsheet
// numbers it: the header is row 1) and the column as its header reads. Browser-safe.
import type { EvidenceType } from '../evidence/evidence-schemas';
import { checkUploadField } from './check-upload-field';
import { fieldOfHeader, SPREADSHEET_FIELDS, typeOfCell, type DescriptionField, type SpreadsheetField } from './spreadsheet-columns';
import type { SpreadsheetTable } from './read-spreadsheet-table';

export type RowValues = Partial<Record<Exclude<DescriptionField, 'type'>, string>> & { type?: EvidenceType };

export interface SpreadsheetRow {
  /** The row's number in the spreadsheet (header = 1). */
  row: number;
  fileName: string;
  values: RowValues;
}

export type SpreadsheetIssueCode =
  | 'missing-file-name-column'
  | 'duplicate-column'
  | 'missing-file-name'
  | 'duplicate-file-name'
  | 'unknown-type'
  | 'invalid-value'
  | 'ambiguous-file-name';

export interface SpreadsheetIssue {
  row: number;
  /** The column's header as the spreadsheet writes it. */
  column?: string;
  field?: SpreadsheetField;
  code: SpreadsheetIssueCode;
  /** The server's own wording for an invalid value (English), or the offending text. */
  detail?: string;
}

export interface UploadSpreadsheet {
  rows: SpreadsheetRow[];
  /** Rows with an issue are not among `rows`: they describe no file until mended. */
  issues: SpreadsheetIssue[];
  /** Header cells that name no upload field (kept out, shown so a misspelt header is noticed). */
  ignoredColumns: string[];
  /** The header of each recognised column, for messages. */
  columns: Partial<Record<SpreadsheetField, string>>;
}

export function readUploadSpreadsheet(table: SpreadsheetTable): UploadSpreadsheet {
  const [header, ...body] = table.rows;
  const issues: SpreadsheetIssue[] = [];
  const columnOf = new Map<SpreadsheetField, number>();
  const columns: UploadSpreadsheet['columns'] = {};
  const ignoredColumns: string[] = [];
  header.forEach((cell, index) => {
    const name = cell.trim();
    if (!name) return;
    const field = fieldOfHeader(name);
    if (field === null) ignoredColumns.push(name);
    else if (columnOf.has(field)) issues.push({ row: 1, column: name, field, code: 'duplicate-column' });
    else {
      columnOf.set(field, index);
      columns[field] = name;
    }
  });
  if (!columnOf.has('fileName')) {
    issues.push({ row: 1, field: 'fileName', code: 'missing-file-name-column' });
    return { rows: [], issues, ignoredColumns, columns };
  }

  const rows: SpreadsheetRow[] = [];
  const rowOfName = new Map<string, number>();
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const cell = (field: SpreadsheetField) => (columnOf.has(field) ? (cells[columnOf.get(field)!] ?? '').trim() : '');
    const rowIssues: SpreadsheetIssue[] = [];
    const fileName = cell('fileName');
    if (!fileName) rowIssues.push({ row, column: columns.fileName, field: 'fileName', code: 'missing-file-name' });
    else {
      const key = normalizePath(fileName);
      const first = rowOfName.get(key);
      if (first !== undefined) rowIssues.push({ row, column: columns.fileName, field: 'fileName', code: 'duplicate-file-name', detail: String(first) });
      else rowOfName.set(key, row);
    }
    const values: RowValues = {};
    for (const field of SPREADSHEET_FIELDS) {
      if (field === 'fileName') continue;
      const value = cell(field);
      if (!value) continue;
      if (field === 'type') {
        const type = typeOfCell(value);
        if (type === null) rowIssues.push({ row, column: columns.type, field, code: 'unknown-type', detail: value });
        else values.type = type;
        continue;
      }
      const problem = checkUploadField(field, value);
      if (problem) rowIssues.push({ row, column: columns[field], field, code: 'invalid-value', detail: problem });
      else values[field] = value;
    }
    if (rowIssues.length > 0) issues.push(...rowIssues);
    else rows.push({ row, fileName, values });
  });
  return { rows, issues, ignoredColumns, columns };
}

/** A file's path as rows and files are compared: `/` separators, NFC, no leading `./` or `/`, case ignored
 * (Windows names are case-insensitive). */
export function normalizePath(path: string): string {
  return path
    .normalize('NFC')
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/|\/)+/, '')
    .toLowerCase();
}
