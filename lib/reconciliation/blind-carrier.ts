// The blind carrier (docs/reconciliation-format.md §14.1): what a bank of a blind pair uploads instead
// of its rows. NDJSON, line 1 a header declaring the row count and the control totals (which Evident
// can no longer compute), then one line per row with its matching key and nine field commitments.
// Written by the bank's side (blind-statement.ts), read strictly by Evident's ingest
// (commit-blind-side.ts): an unknown or missing member, a duplicate member, upper-case hex, a wrong
// number of commitments or a count that does not add up is an issue on its line, and a file with any
// issue is refused whole. Browser-safe.
import { parseStrictJson, PLAIN_INTEGER, StrictJsonError } from '../proof/parse-strict-json';
import { controlTotalsFromJson, controlTotalsToJson, emptyControlTotals, type ControlTotals } from './control-totals';
import { FIELD_COUNT } from './row-format';

export const BLIND_SIDE_FORMAT = 'evident.reconciliation-blind-side';
export const BLIND_SIDE_VERSION = 1;
/** The Content-Type a blind side is uploaded with. */
export const BLIND_SIDE_MEDIA_TYPE = 'application/x-ndjson';
/** A record as the reader hands it on: key ‖ commitment[0] ‖ … ‖ commitment[8]. */
export const BLIND_RECORD_LENGTH = 32 + FIELD_COUNT * 32;

export type BlindIssueCode =
  | 'blank-line'
  | 'invalid-json'
  | 'duplicate-member'
  | 'not-an-object'
  | 'unknown-member'
  | 'missing-member'
  | 'invalid-header'
  | 'invalid-hex'
  | 'wrong-commitment-count'
  | 'row-count-mismatch'
  | 'control-totals-mismatch'
  | 'duplicate-key';

export interface BlindIssue {
  /** 1-based line number (the header is line 1). */
  line: number;
  code: BlindIssueCode;
  message: string;
}

export interface BlindSideHeader {
  /** Record lines the file holds, as the bank declares it. */
  rowCount: number;
  /** The bank's control totals (§4.3), declared: Evident cannot compute them from commitments. */
  controlTotals: ControlTotals;
}

export interface BlindRecordLine {
  line: number;
  /** BLIND_RECORD_LENGTH bytes: the key, then the nine commitments in field order. */
  record: Uint8Array;
}

const HEX32 = /^0x[0-9a-f]{64}$/;
const HEADER_MEMBERS = ['format', 'version', 'rowCount', 'controlTotals'];
const RECORD_MEMBERS = ['key', 'commitments'];
const CELL_MEMBERS = ['count', 'totalFen', 'shareAFen', 'shareBFen'];
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const LF = 0x0a;

export function blindHeaderLine(header: BlindSideHeader): string {
  return JSON.stringify({ format: BLIND_SIDE_FORMAT, version: BLIND_SIDE_VERSION, rowCount: header.rowCount, controlTotals: controlTotalsToJson(header.controlTotals) });
}

/** One record line (without its LF): the 32-byte key and the nine commitments, 288 bytes in field order. */
export function blindRecordLine(key: Uint8Array, commitments: Uint8Array): string {
  const hex = (bytes: Uint8Array, at: number) => {
    let text = '0x';
    for (let i = 0; i < 32; i++) text += HEX_BYTES[bytes[at + i]];
    return text;
  };
  const items: string[] = [];
  for (let f = 0; f < FIELD_COUNT; f++) items.push(`"${hex(commitments, 32 * f)}"`);
  return `{"key":"${hex(key, 0)}","commitments":[${items.join(',')}]}`;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Reads a blind side chunk by chunk: the header first, then records. Issues are collected (the first
 * `maxIssues`, all counted); the caller refuses the file if there is any once finish() has run.
 */
export class BlindSideReader {
  readonly issues: BlindIssue[] = [];
  issueCount = 0;
  header: BlindSideHeader | null = null;
  /** Lines after the header, valid or not: what the header's rowCount counts. */
  recordLines = 0;
  private line = 0;
  private pending: Uint8Array = new Uint8Array(0);
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(private readonly maxIssues = 1000) {}

  push(chunk: Uint8Array): BlindRecordLine[] {
    const bytes = this.pending.length > 0 ? concat(this.pending, chunk) : chunk;
    const end = bytes.lastIndexOf(LF);
    if (end === -1) {
      this.pending = bytes.slice();
      return [];
    }
    this.pending = bytes.slice(end + 1);
    const records: BlindRecordLine[] = [];
    let start = 0;
    while (start <= end) {
      const stop = bytes.indexOf(LF, start);
      this.readLine(bytes.subarray(start, stop), records);
      start = stop + 1;
    }
    return records;
  }

  /** The last line (it may lack its LF), then the file-level checks. */
  finish(): BlindRecordLine[] {
    const records: BlindRecordLine[] = [];
    if (this.pending.length > 0) this.readLine(this.pending, records);
    this.pending = new Uint8Array(0);
    if (this.line === 0) this.report(1, 'missing-member', 'The file is empty: a blind side starts with its header line (format, version, rowCount, controlTotals).');
    else if (this.header && this.header.rowCount !== this.recordLines) {
      this.report(1, 'row-count-mismatch', `The header declares ${this.header.rowCount} row(s); the file has ${this.recordLines}.`);
    }
    return records;
  }

  report(line: number, code: BlindIssueCode, message: string): void {
    this.issueCount++;
    if (this.issues.length < this.maxIssues) this.issues.push({ line, code, message });
  }

  private readLine(raw: Uint8Array, records: BlindRecordLine[]): void {
    const line = ++this.line;
    if (line > 1) this.recordLines++;
    const bytes = raw.length > 0 && raw[raw.length - 1] === 0x0d ? raw.subarray(0, raw.length - 1) : raw;
    if (bytes.length === 0) {
      this.report(line, 'blank-line', `Line ${line} is blank.`);
      return;
    }
    let value: unknown;
    try {
      value = parseStrictJson(this.decoder.decode(bytes), { numberPolicy: (_path, raw) => (PLAIN_INTEGER.test(raw) ? null : 'a number must be written as plain digits') });
    } catch (error) {
      const where = error instanceof StrictJsonError && error.path !== '$' ? ` (at ${error.path})` : '';
      const duplicate = error instanceof StrictJsonError && error.message.startsWith('duplicate key');
      this.report(line, duplicate ? 'duplicate-member' : 'invalid-json', `Line ${line} is not one strict JSON object${where}: ${(error as Error).message}.`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(line, 'not-an-object', `Line ${line} is not a JSON object.`);
      return;
    }
    const object = value as Record<string, unknown>;
    if (line === 1) this.readHeader(object);
    else {
      const record = this.readRecord(object, line);
      if (record) records.push({ line, record });
    }
  }

  private members(object: Record<string, unknown>, expected: readonly string[], line: number, where: string): boolean {
    let ok = true;
    for (const name of Object.keys(object)) {
      if (!expected.includes(name)) {
        this.report(line, 'unknown-member', `Line ${line}: ${where} has an unknown member ${JSON.stringify(name)}.`);
        ok = false;
      }
    }
    for (const name of expected) {
      if (!(name in object)) {
        this.report(line, 'missing-member', `Line ${line}: ${where} lacks the member ${JSON.stringify(name)}.`);
        ok = false;
      }
    }
    return ok;
  }

  private readHeader(object: Record<string, unknown>): void {
    if (!this.members(object, HEADER_MEMBERS, 1, 'the header')) return;
    const problems: string[] = [];
    if (object.format !== BLIND_SIDE_FORMAT) problems.push(`format must be ${JSON.stringify(BLIND_SIDE_FORMAT)}`);
    if (object.version !== BLIND_SIDE_VERSION) problems.push(`version must be ${BLIND_SIDE_VERSION}`);
    if (!Number.isSafeInteger(object.rowCount) || (object.rowCount as number) < 0) problems.push('rowCount must be a non-negative integer');
    const totals = this.readControlTotals(object.controlTotals, problems);
    if (problems.length > 0) {
      this.report(1, 'invalid-header', `Line 1: the header is not valid: ${problems.join('; ')}.`);
      return;
    }
    const counted = Object.values(totals!).reduce((sum, cell) => sum + cell.count, 0);
    if (counted !== object.rowCount) {
      this.report(1, 'control-totals-mismatch', `Line 1: the control totals count ${counted} row(s); rowCount declares ${object.rowCount as number}.`);
      return;
    }
    this.header = { rowCount: object.rowCount as number, controlTotals: totals! };
  }

  /** All 24 cells of §4.3, each {count, totalFen, shareAFen, shareBFen}, sums as decimal strings. */
  private readControlTotals(value: unknown, problems: string[]): ControlTotals | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push('controlTotals must be an object of the 24 type/status cells');
      return null;
    }
    const cells = value as Record<string, unknown>;
    const expected = Object.keys(emptyControlTotals());
    const before = problems.length;
    for (const name of Object.keys(cells)) if (!expected.includes(name)) problems.push(`controlTotals has an unknown cell ${JSON.stringify(name)}`);
    for (const name of expected) {
      const cell = cells[name] as Record<string, unknown> | undefined;
      if (typeof cell !== 'object' || cell === null || Array.isArray(cell)) {
        problems.push(`controlTotals lacks the cell ${JSON.stringify(name)}`);
        continue;
      }
      const keys = Object.keys(cell);
      if (keys.length !== CELL_MEMBERS.length || !CELL_MEMBERS.every((member) => keys.includes(member))) {
        problems.push(`controlTotals.${name} must have exactly count, totalFen, shareAFen and shareBFen`);
        continue;
      }
      if (!Number.isSafeInteger(cell.count) || (cell.count as number) < 0) problems.push(`controlTotals.${name}.count must be a non-negative integer`);
      for (const sum of ['totalFen', 'shareAFen', 'shareBFen']) {
        if (typeof cell[sum] !== 'string' || !DECIMAL.test(cell[sum] as string)) problems.push(`controlTotals.${name}.${sum} must be a decimal string`);
      }
    }
    if (problems.length > before) return null;
    return controlTotalsFromJson(cells as Parameters<typeof controlTotalsFromJson>[0]);
  }

  private readRecord(object: Record<string, unknown>, line: number): Uint8Array | null {
    if (!this.members(object, RECORD_MEMBERS, line, 'the record')) return null;
    const { key, commitments } = object;
    let ok = true;
    if (typeof key !== 'string' || !HEX32.test(key)) {
      this.report(line, 'invalid-hex', `Line ${line}: key must be 32 bytes as 0x and 64 lower-case hex digits.`);
      ok = false;
    }
    if (!Array.isArray(commitments) || commitments.length !== FIELD_COUNT) {
      const got = Array.isArray(commitments) ? `${commitments.length}` : 'no array';
      this.report(line, 'wrong-commitment-count', `Line ${line}: commitments must be an array of ${FIELD_COUNT} hashes (one per committed field, §3.3), got ${got}.`);
      return null;
    }
    commitments.forEach((commitment, f) => {
      if (typeof commitment !== 'string' || !HEX32.test(commitment)) {
        this.report(line, 'invalid-hex', `Line ${line}: commitments[${f}] must be 32 bytes as 0x and 64 lower-case hex digits.`);
        ok = false;
      }
    });
    if (!ok) return null;
    const record = new Uint8Array(BLIND_RECORD_LENGTH);
    writeHex(key as string, record, 0);
    commitments.forEach((commitment, f) => writeHex(commitment as string, record, 32 + 32 * f));
    return record;
  }
}

/** 64 lower-case hex digits after `0x` (checked by HEX32 before) into 32 bytes: no substring per byte. */
function writeHex(hex: string, to: Uint8Array, at: number): void {
  const nibble = (code: number) => (code <= 0x39 ? code - 0x30 : code - 0x57);
  for (let i = 0; i < 32; i++) to[at + i] = (nibble(hex.charCodeAt(2 + 2 * i)) << 4) | nibble(hex.charCodeAt(3 + 2 * i));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
