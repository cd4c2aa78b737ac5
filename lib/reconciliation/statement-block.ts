// Reads a block of whole statement lines (§2.3) straight from bytes into packed rows for hashing
// (commit-rows.ts), with the block's control totals: what each ingest worker does, so that no row
// becomes a JavaScript object or string. A CSV line whose bytes are all ASCII and hold no quote is
// split and validated on its bytes (§2.2), and so is a fixed-width line (after line 1) whose field
// bytes are all ASCII; every other line (NDJSON, quoted cells, GBK or GB18030 text) and any line in
// which this fast path finds a fault is read by StatementReader, the reference, so the rows, the
// issues and their messages are the reference's. ASCII bytes are the same characters in all three
// encodings, and a space byte is never inside a multi-byte character of any of them, so trimming
// a fixed-width cell's spaces on bytes is trimming them after decoding. Browser-safe.
import { fixedWidthLayoutEnd } from './check-fixed-width-layout';
import { ControlTotalsAccumulator, type ControlTotals } from './control-totals';
import { PackedRowsBuilder, type PackedRows } from './commit-rows';
import { ROW_STATUSES, TRANSACTION_TYPES } from './row-format';
import { StatementReader, type ColumnMap, type StatementIssue } from './statement-reader';
import { ROW_FIELDS } from './validate-row';

export interface StatementBlock {
  packed: PackedRows;
  /** The block's issues in line order (at most the reader's limit), and how many there were. */
  issues: StatementIssue[];
  issueCount: number;
  controlTotals: ControlTotals;
}

/** The header line a block reader needs for CSV: its bytes (without the LF) and its line number. */
export interface StatementHeaderLine {
  bytes: Uint8Array;
  line: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const DOT = 0x2e;
const ZERO = 0x30;
/** (2^53 − 1) / 10000: below it, total × ratio and share × 10000 are exact as doubles. */
const EXACT_RATIO_TOTAL = Math.floor(Number.MAX_SAFE_INTEGER / 10000);
/** More value bytes than a line's own: the identity's brackets and quotes, quotes around dates,
 * status and currency, a canonical type or status longer than the bank's spelling, yuan → fen. */
const VALUE_BYTES_OVER_LINE = 64;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Bytes allowed in an identifier (IDENTIFIER_PATTERN): 1 anywhere, 2 also first. */
const IDENTIFIER_BYTES = new Uint8Array(128);
for (let b = 0; b < 128; b++) {
  const c = String.fromCharCode(b);
  if (/[0-9A-Za-z]/.test(c)) IDENTIFIER_BYTES[b] = 2;
  else if (/[._/-]/.test(c)) IDENTIFIER_BYTES[b] = 1;
}

interface Spelling {
  bytes: Uint8Array;
  code: number;
  canonical: Uint8Array;
}

/** What a cell of the bank's may say for a type or status, and what it means (as the reader's mapValue). */
function spellings(names: readonly string[], mapped: Record<string, string> | undefined): Spelling[] {
  const ascii = new TextEncoder();
  const table: Spelling[] = [];
  for (const spelling of new Set([...names, ...Object.keys(mapped ?? {})])) {
    // A spelling with a non-ASCII character is never met on the fast path, whose lines are ASCII.
    if (Array.from(spelling).some((character) => character.charCodeAt(0) >= 0x80)) continue;
    const meaning = mapped?.[spelling] ?? spelling;
    const code = names.indexOf(meaning);
    if (code !== -1) table.push({ bytes: ascii.encode(spelling), code, canonical: ascii.encode(names[code]) });
  }
  return table;
}

export class StatementBlockReader {
  private readonly reference: StatementReader;
  private readonly amountsInYuan: boolean;
  private readonly delimiter: number;
  private readonly types: Spelling[];
  private readonly statuses: Spelling[];
  /** Column of each field in ROW_FIELDS order, or null when lines cannot take the fast path. */
  private readonly columns: Int32Array | null = null;
  private readonly cellStarts: Int32Array = new Int32Array(0);
  private readonly cellEnds: Int32Array = new Int32Array(0);
  /** Fixed-width only: each field's byte offset and length in ROW_FIELDS order, and the line length they need. */
  private readonly fieldOffsets: Int32Array | null = null;
  private readonly fieldLengths: Int32Array = new Int32Array(0);
  private readonly layoutEnd: number = 0;
  // The block being read, and its outputs.
  private builder = new PackedRowsBuilder();
  private totals = new ControlTotalsAccumulator();

  constructor(map: ColumnMap, header: StatementHeaderLine | null) {
    this.reference = new StatementReader(map);
    if (header) this.reference.readLineAt(header.bytes, header.line);
    this.forgetIssues();
    this.amountsInYuan = map.amountUnit === 'yuan';
    this.delimiter = (map.delimiter ?? ',').charCodeAt(0);
    this.types = spellings(TRANSACTION_TYPES, map.values?.type);
    this.statuses = spellings(ROW_STATUSES, map.values?.status);
    const headerColumns = this.reference.headerColumns;
    if (map.carrier === 'csv' && headerColumns && ROW_FIELDS.every((field) => headerColumns.indices.has(field))) {
      this.columns = Int32Array.from(ROW_FIELDS, (field) => headerColumns.indices.get(field)!);
      this.cellStarts = new Int32Array(headerColumns.columnCount);
      this.cellEnds = new Int32Array(headerColumns.columnCount);
    } else if (map.carrier === 'fixed-width' && map.fields) {
      // The reader's constructor has refused a layout that misses a field or overlaps.
      const fields = map.fields;
      this.columns = Int32Array.from(ROW_FIELDS, (_, i) => i);
      this.fieldOffsets = Int32Array.from(ROW_FIELDS, (field) => fields[field]!.offset);
      this.fieldLengths = Int32Array.from(ROW_FIELDS, (field) => fields[field]!.length);
      this.layoutEnd = fixedWidthLayoutEnd(fields);
      this.cellStarts = new Int32Array(ROW_FIELDS.length);
      this.cellEnds = new Int32Array(ROW_FIELDS.length);
    }
  }

  private forgetIssues(): void {
    this.reference.issues.length = 0;
    this.reference.issueCount = 0;
  }

  /** The lines of `block` (each ending with LF, except perhaps the file's last), the first numbered `firstLine`. */
  read(block: Uint8Array, firstLine: number): StatementBlock {
    this.builder = new PackedRowsBuilder(Math.ceil(block.length / 64), 2 * block.length + 4096);
    this.totals = new ControlTotalsAccumulator();
    this.forgetIssues();
    let line = firstLine;
    for (let start = 0; start < block.length; line++) {
      let end = block.indexOf(LF, start);
      if (end === -1) end = block.length;
      const stop = end > start && block[end - 1] === CR ? end - 1 : end;
      const fast = this.fieldOffsets ? this.readFixedWidthFast(block, start, stop, line) : this.columns !== null && this.readFast(block, start, stop, line);
      if (!fast) this.readByReference(block.subarray(start, end), line);
      start = end + 1;
    }
    const issues = this.reference.issues.slice();
    return { packed: this.builder.finish(), issues, issueCount: this.reference.issueCount, controlTotals: this.totals.toControlTotals() };
  }

  private readByReference(bytes: Uint8Array, line: number): void {
    for (const { row, line: number } of this.reference.readLineAt(bytes, line)) {
      this.builder.addRow(row, number);
      this.totals.add(TRANSACTION_TYPES.indexOf(row.type), ROW_STATUSES.indexOf(row.status), row.totalFen, row.shareAFen, row.shareBFen);
    }
  }

  /**
   * One CSV line [start, stop) validated and packed on its bytes; false, with nothing written,
   * when the line is not plain ASCII without quotes or breaks any rule (the reference reads it then).
   */
  private readFast(b: Uint8Array, start: number, stop: number, line: number): boolean {
    const starts = this.cellStarts;
    const ends = this.cellEnds;
    const delimiter = this.delimiter;
    let cells = 0;
    starts[0] = start;
    for (let i = start; i < stop; i++) {
      const byte = b[i];
      if (byte === delimiter) {
        if (cells + 1 >= starts.length) return false;
        ends[cells++] = i;
        starts[cells] = i + 1;
      } else if (byte >= 0x80 || byte === QUOTE) return false;
    }
    ends[cells++] = stop;
    if (cells !== starts.length) return false;
    return this.packCells(b, start, stop, line);
  }

  /**
   * One fixed-width line [start, stop) cut into its fields, each trimmed of spaces; false when it is
   * line 1 (a header, or a byte-order mark to remove), too short, or has a non-ASCII field byte.
   */
  private readFixedWidthFast(b: Uint8Array, start: number, stop: number, line: number): boolean {
    if (line === 1 || stop - start < this.layoutEnd) return false;
    const offsets = this.fieldOffsets!;
    const lengths = this.fieldLengths;
    for (let k = 0; k < offsets.length; k++) {
      let from = start + offsets[k];
      let to = from + lengths[k];
      for (let i = from; i < to; i++) if (b[i] >= 0x80) return false;
      while (from < to && b[from] === SPACE) from++;
      while (to > from && b[to - 1] === SPACE) to--;
      this.cellStarts[k] = from;
      this.cellEnds[k] = to;
    }
    return this.packCells(b, start, stop, line);
  }

  /** The cells of line [start, stop) (in cellStarts/cellEnds, the fields at `columns`) validated and packed. */
  private packCells(b: Uint8Array, start: number, stop: number, line: number): boolean {
    const columns = this.columns!;
    const starts = this.cellStarts;
    const ends = this.cellEnds;

    // Fields in ROW_FIELDS order: loanNumber, transactionId, type, accountingDate, valueDate,
    // totalFen, shareAFen, shareBFen, ratioBp, status, currency.
    const loan = columns[0];
    const transaction = columns[1];
    if (!isIdentifier(b, starts[loan], ends[loan]) || !isIdentifier(b, starts[transaction], ends[transaction])) return false;
    const type = lookUp(this.types, b, starts[columns[2]], ends[columns[2]]);
    if (type === null) return false;
    const accounting = columns[3];
    const value = columns[4];
    if (!isCalendarDate(b, starts[accounting], ends[accounting]) || !isCalendarDate(b, starts[value], ends[value])) return false;
    const amount = this.amountsInYuan ? yuanAsFen : fenAmount;
    const totalFen = amount(b, starts[columns[5]], ends[columns[5]]);
    const shareAFen = amount(b, starts[columns[6]], ends[columns[6]]);
    const shareBFen = amount(b, starts[columns[7]], ends[columns[7]]);
    const ratioBp = fenAmount(b, starts[columns[8]], ends[columns[8]]);
    if (totalFen < 0 || shareAFen < 0 || shareBFen < 0 || ratioBp < 0 || ends[columns[8]] - starts[columns[8]] > 5 || ratioBp > 10000) return false;
    const status = lookUp(this.statuses, b, starts[columns[9]], ends[columns[9]]);
    if (status === null) return false;
    const currency = columns[10];
    if (!isCurrency(b, starts[currency], ends[currency])) return false;
    // Exact in doubles: a sum above 2^53 − 1 rounds to at least 2^53, which no total equals.
    if (shareAFen + shareBFen !== totalFen) return false;
    if (totalFen > EXACT_RATIO_TOTAL) return false; // the reference's bigint arithmetic decides
    const difference = shareAFen * 10000 - totalFen * ratioBp;
    if (difference <= -10000 || difference >= 10000) return false;

    const builder = this.builder;
    builder.reserve(stop - start + VALUE_BYTES_OVER_LINE);
    const out = builder.values;
    const lengths = builder.lengths;
    const first = builder.count * 9;
    let at = builder.used;
    let mark = at;
    out[at++] = 0x5b; // ["loanNumber","transactionId","type"]
    at = writeQuoted(b, starts[loan], ends[loan], out, at);
    out[at++] = 0x2c;
    at = writeQuoted(b, starts[transaction], ends[transaction], out, at);
    out[at++] = 0x2c;
    at = writeQuoted(type.canonical, 0, type.canonical.length, out, at);
    out[at++] = 0x5d;
    lengths[first] = at - mark;
    mark = at;
    at = writeQuoted(b, starts[accounting], ends[accounting], out, at);
    lengths[first + 1] = at - mark;
    mark = at;
    at = writeQuoted(b, starts[value], ends[value], out, at);
    lengths[first + 2] = at - mark;
    for (let k = 0; k < 3; k++) {
      mark = at;
      // In fen the cell is already the canonical number (no sign, no leading zero); yuan is converted.
      const column = columns[5 + k];
      if (this.amountsInYuan) at = writeInteger(k === 0 ? totalFen : k === 1 ? shareAFen : shareBFen, out, at);
      else at = copyBytes(b, starts[column], ends[column], out, at);
      lengths[first + 3 + k] = at - mark;
    }
    mark = at;
    at = copyBytes(b, starts[columns[8]], ends[columns[8]], out, at);
    lengths[first + 6] = at - mark;
    mark = at;
    at = writeQuoted(status.canonical, 0, status.canonical.length, out, at);
    lengths[first + 7] = at - mark;
    mark = at;
    at = writeQuoted(b, starts[currency], ends[currency], out, at);
    lengths[first + 8] = at - mark;
    builder.used = at;
    builder.endRow(totalFen, shareAFen, shareBFen, ratioBp, line, type.code, status.code);
    this.totals.add(type.code, status.code, totalFen, shareAFen, shareBFen);
    return true;
  }
}

function isIdentifier(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < 1 || end - start > 64 || IDENTIFIER_BYTES[b[start]] !== 2) return false;
  for (let i = start + 1; i < end; i++) if (IDENTIFIER_BYTES[b[i]] === 0) return false;
  return true;
}

function lookUp(table: Spelling[], b: Uint8Array, start: number, end: number): Spelling | null {
  next: for (const entry of table) {
    if (entry.bytes.length !== end - start) continue;
    for (let i = 0; i < entry.bytes.length; i++) if (entry.bytes[i] !== b[start + i]) continue next;
    return entry;
  }
  return null;
}

function digit(b: Uint8Array, at: number): number {
  const d = b[at] - ZERO;
  return d >= 0 && d <= 9 ? d : -1e6; // any date with it is negative somewhere
}

/** YYYY-MM-DD, a real date of years 0001–9999 (validate-row.ts isCalendarDate). */
function isCalendarDate(b: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 10 || b[start + 4] !== 0x2d || b[start + 7] !== 0x2d) return false;
  const year = digit(b, start) * 1000 + digit(b, start + 1) * 100 + digit(b, start + 2) * 10 + digit(b, start + 3);
  const month = digit(b, start + 5) * 10 + digit(b, start + 6);
  const day = digit(b, start + 8) * 10 + digit(b, start + 9);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

function isCurrency(b: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 3) return false;
  for (let i = start; i < end; i++) if (b[i] < 0x41 || b[i] > 0x5a) return false;
  return true;
}

/** Whole fen as validate-row.ts reads them (1–16 digits, no leading zero, a safe integer), or −1. */
function fenAmount(b: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > 16 || (length > 1 && b[start] === ZERO)) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = b[i] - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  // Past 2^53 the sum is inexact but stays above the limit: refused either way.
  return value <= Number.MAX_SAFE_INTEGER ? value : -1;
}

/** Yuan with at most two decimals (the reader's YUAN_PATTERN) as fen, or −1 (also when not a safe integer). */
function yuanAsFen(b: Uint8Array, start: number, end: number): number {
  let dot = end;
  for (let i = start; i < end; i++) if (b[i] === DOT) dot = i;
  const whole = dot - start;
  if (whole < 1 || whole > 14 || (whole > 1 && b[start] === ZERO)) return -1;
  const decimals = end - dot - 1;
  if (dot !== end && (decimals < 1 || decimals > 2)) return -1;
  let value = 0;
  for (let i = start; i < dot; i++) {
    const d = b[i] - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  let fen = 0;
  for (let k = 0; k < 2; k++) {
    const d = dot + 1 + k < end ? b[dot + 1 + k] - ZERO : 0;
    if (d < 0 || d > 9) return -1;
    fen = fen * 10 + d;
  }
  const total = value * 100 + fen;
  return total <= Number.MAX_SAFE_INTEGER ? total : -1;
}

function copyBytes(from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): number {
  for (let i = start; i < end; i++) to[at++] = from[i];
  return at;
}

function writeQuoted(from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): number {
  to[at++] = QUOTE;
  at = copyBytes(from, start, end, to, at);
  to[at++] = QUOTE;
  return at;
}

/** Decimal digits of a non-negative safe integer (as String(value)). */
function writeInteger(value: number, to: Uint8Array, at: number): number {
  let digits = 1;
  for (let rest = Math.floor(value / 10); rest > 0; rest = Math.floor(rest / 10)) digits++;
  let rest = value;
  for (let d = digits - 1; d >= 0; d--) {
    to[at + d] = ZERO + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return at + digits;
}
