// Which spreadsheet row describes which added file. A row's file name matches a file's path within the
// picked folder (with or without the folder's own name in front) or, when the row names no folder,
// the file's name alone; a row that could mean two files, or a file two rows name, is an issue. Files
// no row names and rows that name no file are returned so the form can list them. Browser-safe.
import { normalizePath, type SpreadsheetIssue, type SpreadsheetRow } from './read-upload-spreadsheet';

export interface MatchableFile {
  key: string;
  /** The path within what was picked or dropped (`loans/2026/contract.pdf`), or the file name. */
  relativePath: string;
}

export interface SpreadsheetMatch {
  rowOf: Map<string, SpreadsheetRow>;
  filesWithoutRow: string[];
  rowsWithoutFile: SpreadsheetRow[];
  issues: SpreadsheetIssue[];
}

export function matchSpreadsheetRows(rows: SpreadsheetRow[], files: MatchableFile[], fileNameColumn?: string): SpreadsheetMatch {
  const byPath = new Map<string, string[]>();
  const add = (path: string, key: string) => {
    const keys = byPath.get(path) ?? [];
    if (!keys.includes(key)) keys.push(key);
    byPath.set(path, keys);
  };
  const byName = new Map<string, string[]>();
  for (const { key, relativePath } of files) {
    const path = normalizePath(relativePath);
    add(path, key);
    const slash = path.indexOf('/');
    if (slash !== -1) add(path.slice(slash + 1), key);
    const name = path.slice(path.lastIndexOf('/') + 1);
    byName.set(name, [...(byName.get(name) ?? []), key]);
  }

  const rowOf = new Map<string, SpreadsheetRow>();
  const rowsWithoutFile: SpreadsheetRow[] = [];
  const issues: SpreadsheetIssue[] = [];
  for (const row of rows) {
    const path = normalizePath(row.fileName);
    const keys = byPath.get(path) ?? (path.includes('/') ? [] : (byName.get(path) ?? []));
    if (keys.length === 0) rowsWithoutFile.push(row);
    else if (keys.length > 1) issues.push({ row: row.row, column: fileNameColumn, field: 'fileName', code: 'ambiguous-file-name', detail: row.fileName });
    else if (rowOf.has(keys[0])) {
      issues.push({ row: row.row, column: fileNameColumn, field: 'fileName', code: 'duplicate-file-name', detail: String(rowOf.get(keys[0])!.row) });
    } else rowOf.set(keys[0], row);
  }
  const filesWithoutRow = files.filter(({ key }) => !rowOf.has(key)).map(({ key }) => key);
  return { rowOf, filesWithoutRow, rowsWithoutFile, issues };
}
