// Carriers of data contract v1 (§2.3): CSV (or |-separated) text with a header line, NDJSON, and
// fixed-width lines cut at byte offsets before decoding, in UTF-8, GBK or GB18030, read through a
// per-bank column map. Bytes go in chunk by chunk; complete
// lines come out as validated rows, and every bad line is reported by line number and field. The
// caller refuses the whole file if any issue was reported (commit-side.ts). Browser-safe (TextDecoder).
import { splitCsvLine } from '../csv/split-csv-line';
import { parseStrictJson, StrictJsonError } from '../proof/parse-strict-json';
import { checkFixedWidthLayout, fixedWidthLayoutEnd, type FixedWidthField, type FixedWidthFields } from './check-fixed-width-layout';
import type { ReconciliationRow, RowStatus, TransactionType } from './row-format';
import { ROW_FIELDS, validateRow, type RawRow, type RowField } from './validate-row';

export { splitCsvLine };

export type StatementEncoding = 'utf-8' | 'gbk' | 'gb18030';

export interface ColumnMap {
  carrier: 'csv' | 'ndjson' | 'fixed-width';
  encoding: StatementEncoding;
  /** CSV only; default ','. */
  delimiter?: ',' | '|';
  /** Header name (CSV) or member name (NDJSON) of each field; a field not named here is read under its own name. */
  columns?: Partial<Record<RowField, string>>;
  /** Fixed-width only, and then every field: its byte offset and byte length on a line. */
  fields?: FixedWidthFields;
  /** Fixed-width only: line 1 is a header, skipped unread. */
  headerLine?: boolean;
  /** The bank's own spelling of types and statuses. */
  values?: { type?: Record<string, TransactionType>; status?: Record<string, RowStatus> };
  /** 'yuan': amounts are written as yuan with at most two decimals (12.30) and converted exactly. */
  amountUnit?: 'fen' | 'yuan';
}

export type StatementIssueCode =
  | 'invalid-encoding'
  | 'blank-line'
  | 'short-line'
  | 'missing-column'
  | 'duplicate-column'
  | 'wrong-column-count'
  | 'unterminated-quote'
  | 'invalid-json'
  | 'not-an-object'
  | 'invalid-value-type'
  | 'no-rows'
  | 'duplicate-key'
  | import('./validate-row').RowIssueCode
  | import('./blind-carrier').BlindIssueCode;

export interface StatementIssue {
  /** 1-based line number in the file (the CSV header is line 1). */
  line: number;
  field?: RowField;
  code: StatementIssueCode;
  message: string;
}

export interface ReadRow {
  line: number;
  row: ReconciliationRow;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
/** U+FEFF as the declared encoding writes it; gbk's decoder is gb18030's (WHATWG Encoding). */
const BYTE_ORDER_MARKS: Record<StatementEncoding, Uint8Array> = {
  'utf-8': Uint8Array.of(0xef, 0xbb, 0xbf),
  gbk: Uint8Array.of(0x84, 0x31, 0x95, 0x33),
  gb18030: Uint8Array.of(0x84, 0x31, 0x95, 0x33),
};
const AMOUNT_FIELDS = new Set<RowField>(['totalFen', 'shareAFen', 'shareBFen']);
/** NDJSON may write these as JSON numbers; every other field is a JSON string. */
const NUMERIC_FIELDS = new Set<RowField>([...AMOUNT_FIELDS, 'ratioBp']);
const YUAN_PATTERN = /^(0|[1-9][0-9]{0,13})(?:\.([0-9]{1,2}))?$/;

export class StatementReader {
  readonly issues: StatementIssue[] = [];
  issueCount = 0;
  rowCount = 0;
  private readonly decoder: TextDecoder;
  private pending: Uint8Array = new Uint8Array(0);
  private line = 0;
  private header: Map<RowField, number> | null = null;
  private columnCount = 0;
  private readonly names: Record<RowField, string>;
  private readonly reportedFields = new Set<RowField>();
  /** Fixed-width only: the fields in offset order, and the bytes a line needs to hold them all. */
  private readonly layout: [RowField, FixedWidthField][] | null = null;
  private readonly layoutEnd: number = 0;

  constructor(
    private readonly map: ColumnMap,
    private readonly maxIssues = 1000,
  ) {
    // ignoreBOM keeps U+FEFF in the text: only the file's first line may start with it (readLine).
    this.decoder = new TextDecoder(map.encoding, { fatal: true, ignoreBOM: true });
    this.names = Object.fromEntries(ROW_FIELDS.map((field) => [field, map.columns?.[field] ?? field])) as Record<RowField, string>;
    if (map.carrier === 'fixed-width') {
      const fields = map.fields ?? {};
      // The pair's settings refused such a map already (reconciliation-schemas.ts); reaching here is a bug.
      const problems = checkFixedWidthLayout(fields);
      if (problems.length > 0) throw new RangeError(`Unusable fixed-width layout: ${problems.map((p) => p.message).join(' ')}`);
      this.layout = ROW_FIELDS.map((field): [RowField, FixedWidthField] => [field, fields[field]!]).sort((x, y) => x[1].offset - y[1].offset);
      this.layoutEnd = fixedWidthLayoutEnd(fields);
    }
  }

  /** Rows of the complete lines in `chunk` (and what was pending before it). */
  push(chunk: Uint8Array): ReadRow[] {
    const bytes = this.pending.length > 0 ? concat(this.pending, chunk) : chunk;
    const end = bytes.lastIndexOf(LF);
    if (end === -1) {
      this.pending = bytes.slice();
      return [];
    }
    this.pending = bytes.slice(end + 1);
    return this.readLines(bytes.subarray(0, end + 1), true);
  }

  /**
   * Rows of one line read out of turn, with its line number given (`bytes` without the LF): how a
   * worker reads its block of a file once the header is known (statement-block.ts). The header
   * itself must have been read first, by push() or by this method.
   */
  readLineAt(bytes: Uint8Array, lineNumber: number): ReadRow[] {
    this.line = lineNumber - 1;
    return this.readLines(bytes, false);
  }

  /** The CSV header's column of each field it names, and its number of columns, once it has been read. */
  get headerColumns(): { indices: ReadonlyMap<RowField, number>; columnCount: number } | null {
    return this.header && { indices: this.header, columnCount: this.columnCount };
  }

  /** Rows of the last line (a file need not end with a newline); then the file-level checks. */
  finish(): ReadRow[] {
    const rows = this.pending.length > 0 ? this.readLines(this.pending, false) : [];
    this.pending = new Uint8Array(0);
    if (this.map.carrier === 'csv' && this.header === null && this.line === 0) {
      this.report({ line: 1, code: 'missing-column', message: 'The file is empty: a CSV statement starts with a header line.' });
    }
    return rows;
  }

  private report(issue: StatementIssue): void {
    this.issueCount++;
    if (this.issues.length < this.maxIssues) this.issues.push(issue);
  }

  private readLines(bytes: Uint8Array, endsWithNewline: boolean): ReadRow[] {
    if (this.layout) return this.readFixedWidthLines(bytes, endsWithNewline);
    let text: string;
    const first = this.line + 1;
    try {
      text = this.decoder.decode(bytes, { stream: false });
    } catch {
      return this.readLinesOneByOne(bytes, first);
    }
    const lines = text.split('\n');
    if (endsWithNewline) lines.pop();
    const rows: ReadRow[] = [];
    for (const line of lines) this.readLine(line, rows);
    return rows;
  }

  /** The slow path: some line does not decode; find which, so the report can name it. */
  private readLinesOneByOne(bytes: Uint8Array, first: number): ReadRow[] {
    const rows: ReadRow[] = [];
    let start = 0;
    let lineNumber = first;
    while (start < bytes.length) {
      let end = bytes.indexOf(LF, start);
      if (end === -1) end = bytes.length;
      const slice = bytes.subarray(start, end);
      let line: string | null = null;
      try {
        line = new TextDecoder(this.map.encoding, { fatal: true, ignoreBOM: true }).decode(slice);
      } catch {
        this.line = lineNumber;
        this.report({ line: lineNumber, code: 'invalid-encoding', message: `Line ${lineNumber} is not valid ${this.map.encoding}.` });
      }
      if (line !== null) this.readLine(line, rows);
      lineNumber++;
      start = end + 1;
    }
    return rows;
  }

  private readLine(rawLine: string, rows: ReadRow[]): void {
    const lineNumber = ++this.line;
    this.reportedFields.clear();
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (lineNumber === 1 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line === '') {
      this.report({ line: lineNumber, code: 'blank-line', message: `Line ${lineNumber} is blank.` });
      return;
    }
    const raw = this.map.carrier === 'csv' ? this.readCsvLine(line, lineNumber) : this.readJsonLine(line, lineNumber);
    if (raw !== null) this.validate(raw, lineNumber, rows);
  }

  private validate(raw: RawRow, lineNumber: number, rows: ReadRow[]): void {
    this.rowCount++;
    const reported = this.reportedFields;
    const result = validateRow(raw);
    if (result.issues || reported.size > 0) {
      // A field the carrier already reported (a bad yuan amount, a JSON value of the wrong type) is not reported twice.
      for (const issue of result.issues ?? []) if (!reported.has(issue.field)) this.report({ line: lineNumber, ...issue });
      return;
    }
    rows.push({ line: lineNumber, row: result.row });
  }

  /** Fixed-width lines are cut on bytes, so they are split before decoding, each cell decoded alone. */
  private readFixedWidthLines(bytes: Uint8Array, endsWithNewline: boolean): ReadRow[] {
    const rows: ReadRow[] = [];
    for (let start = 0; ; ) {
      const newline = bytes.indexOf(LF, start);
      if (newline === -1 && endsWithNewline) break;
      const end = newline === -1 ? bytes.length : newline;
      this.readFixedWidthLine(bytes.subarray(start, end), rows);
      if (newline === -1) break;
      start = newline + 1;
    }
    return rows;
  }

  private readFixedWidthLine(bytes: Uint8Array, rows: ReadRow[]): void {
    const lineNumber = ++this.line;
    this.reportedFields.clear();
    let line = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes;
    if (lineNumber === 1) {
      if (this.map.headerLine) return;
      const mark = BYTE_ORDER_MARKS[this.map.encoding];
      if (line.length >= mark.length && mark.every((byte, i) => line[i] === byte)) line = line.subarray(mark.length);
    }
    if (line.length === 0) {
      this.report({ line: lineNumber, code: 'blank-line', message: `Line ${lineNumber} is blank.` });
      return;
    }
    const layout = this.layout!;
    if (line.length < this.layoutEnd) {
      const [field, place] = layout.find(([, p]) => p.offset + p.length > line.length)!;
      this.report({
        line: lineNumber,
        field,
        code: 'short-line',
        message: `Line ${lineNumber} has ${line.length} bytes; the layout needs ${this.layoutEnd}, and ${field} (bytes ${place.offset}–${place.offset + place.length - 1}) does not fit.`,
      });
      return;
    }
    const raw: RawRow = {};
    for (const [field, { offset, length }] of layout) {
      let cell: string;
      try {
        cell = this.decoder.decode(line.subarray(offset, offset + length));
      } catch {
        this.report({
          line: lineNumber,
          field,
          code: 'invalid-encoding',
          message: `Line ${lineNumber}: ${field} (bytes ${offset}–${offset + length - 1}) is not valid ${this.map.encoding}; a multi-byte character may be cut by the field's bounds.`,
        });
        this.reportedFields.add(field);
        continue;
      }
      raw[field] = this.mapValue(field, trimSpaces(cell), lineNumber);
    }
    this.validate(raw, lineNumber, rows);
  }

  private readCsvLine(line: string, lineNumber: number): RawRow | null {
    const cells = splitCsvLine(line, this.map.delimiter ?? ',');
    if (cells === null) {
      this.report({ line: lineNumber, code: 'unterminated-quote', message: `Line ${lineNumber} has a quoted cell that does not end.` });
      return null;
    }
    if (this.header === null) {
      this.readHeader(cells, lineNumber);
      return null;
    }
    if (cells.length !== this.columnCount) {
      this.report({
        line: lineNumber,
        code: 'wrong-column-count',
        message: `Line ${lineNumber} has ${cells.length} cells; the header has ${this.columnCount}.`,
      });
      return null;
    }
    const raw: RawRow = {};
    for (const [field, index] of this.header) raw[field] = this.mapValue(field, cells[index], lineNumber);
    return raw;
  }

  private readHeader(cells: string[], lineNumber: number): void {
    const header = new Map<RowField, number>();
    const seen = new Set<string>();
    for (const cell of cells) {
      if (seen.has(cell)) this.report({ line: lineNumber, code: 'duplicate-column', message: `The header names column ${JSON.stringify(cell)} twice.` });
      seen.add(cell);
    }
    for (const field of ROW_FIELDS) {
      const index = cells.indexOf(this.names[field]);
      if (index === -1) {
        this.report({ line: lineNumber, field, code: 'missing-column', message: `The header has no column ${JSON.stringify(this.names[field])} for ${field}.` });
      } else header.set(field, index);
    }
    this.header = header;
    this.columnCount = cells.length;
  }

  private readJsonLine(line: string, lineNumber: number): RawRow | null {
    let value: unknown;
    try {
      value = parseStrictJson(line, { maxDepth: 2 });
    } catch (error) {
      const detail = error instanceof StrictJsonError ? `${error.message} at ${error.path}` : String(error);
      this.report({ line: lineNumber, code: 'invalid-json', message: `Line ${lineNumber} ${detail}.` });
      return null;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report({ line: lineNumber, code: 'not-an-object', message: `Line ${lineNumber} is not a JSON object.` });
      return null;
    }
    const record = value as Record<string, unknown>;
    const raw: RawRow = {};
    for (const field of ROW_FIELDS) {
      const cell = Object.hasOwn(record, this.names[field]) ? record[this.names[field]] : undefined;
      if (cell === undefined || cell === null) continue;
      if (typeof cell === 'string') raw[field] = this.mapValue(field, cell, lineNumber);
      else if (typeof cell === 'number' && NUMERIC_FIELDS.has(field) && Number.isSafeInteger(cell) && cell >= 0) {
        raw[field] = this.mapValue(field, String(cell), lineNumber);
      } else {
        this.report({
          line: lineNumber,
          field,
          code: 'invalid-value-type',
          message: NUMERIC_FIELDS.has(field)
            ? `${field} must be a string or a non-negative whole number, got ${JSON.stringify(cell)}.`
            : `${field} must be a string, got ${JSON.stringify(cell)}.`,
        });
        this.reportedFields.add(field);
      }
    }
    return raw;
  }

  private mapValue(field: RowField, cell: string, lineNumber: number): string {
    if (field === 'type') return this.map.values?.type?.[cell] ?? cell;
    if (field === 'status') return this.map.values?.status?.[cell] ?? cell;
    if (this.map.amountUnit === 'yuan' && AMOUNT_FIELDS.has(field)) {
      const match = YUAN_PATTERN.exec(cell);
      if (!match) {
        if (cell !== '') {
          this.report({ line: lineNumber, field, code: 'invalid-amount', message: `${field} ${JSON.stringify(cell)} is not an amount in yuan with at most two decimals.` });
          this.reportedFields.add(field);
        }
        return cell;
      }
      const fen = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0') || '0');
      return fen.toString();
    }
    return cell;
  }
}

/** Padding of a fixed-width cell: U+0020 at either end, nothing else (no tab, no U+3000, no zero). */
function trimSpaces(cell: string): string {
  let start = 0;
  let end = cell.length;
  while (start < end && cell.charCodeAt(start) === SPACE) start++;
  while (end > start && cell.charCodeAt(end - 1) === SPACE) end--;
  return cell.slice(start, end);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
