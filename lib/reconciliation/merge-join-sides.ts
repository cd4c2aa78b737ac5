// One merge-join pass over two committed sides sorted by key (§5): every key is matched, only on A,
// only on B, or a field mismatch naming the fields whose commitments differ. Tolerance rules are
// explicit and per pair; a rule that fires turns a mismatch into a match *and is named* on it, so
// nothing is silently ignored. Control totals are compared cell by cell. Reads both sides' keys.bin
// (key and leaf hash) front to back with a fixed buffer each, so memory does not grow with the day,
// and a row's whole record only where the leaves differ. Node-only.
import { closeSync, existsSync, openSync } from 'node:fs';
import { compareControlTotals, type ControlTotalDifference, type ControlTotals } from './control-totals';
import { COMMITTED_FIELDS, FIELD_COUNT, type CommittedField } from './row-format';
import { RECORD_COMMITMENTS, RECORD_SHARE_A_FEN, RECORD_SHARE_B_FEN, SIDE_RECORD_LENGTH } from './side-record';
import { KEY_RECORD_LENGTH, readFully, SideRecordReader, sideFilePaths } from './side-files';

/**
 * `split-rounding`: the rows differ only in how the total is split (shareAFen and shareBFen, the
 * total's commitment equal), and each share differs by at most `maxFen`. Needs values: open mode.
 */
export interface SplitRoundingRule {
  name: 'split-rounding';
  maxFen: number;
}
export type ToleranceRule = SplitRoundingRule;

export type BreakClass = 'only-a' | 'only-b' | 'field-mismatch';

export interface ReconciliationBreak {
  class: BreakClass;
  key: Uint8Array;
  /** Leaf index on each side the key is in. */
  indexA?: number;
  indexB?: number;
  fields?: CommittedField[];
}

export interface ToleratedDifference {
  rule: ToleranceRule['name'];
  key: Uint8Array;
  indexA: number;
  indexB: number;
  fields: CommittedField[];
}

export interface ReconciliationResult {
  matched: number;
  /** Matched because a rule fired; each is listed, with its rule, in `tolerated`. */
  matchedWithinTolerance: number;
  onlyA: number;
  onlyB: number;
  fieldMismatch: number;
  breaks: ReconciliationBreak[];
  tolerated: ToleratedDifference[];
  controlTotalDifferences: ControlTotalDifference[];
}

export interface MergeJoinInput {
  a: { directory: string; controlTotals: ControlTotals };
  b: { directory: string; controlTotals: ControlTotals };
  rules?: readonly ToleranceRule[];
}

const SHARE_FIELDS = new Set<CommittedField>(['shareAFen', 'shareBFen']);

export function mergeJoinSides({ a, b, rules = [] }: MergeJoinInput): ReconciliationResult {
  const result: ReconciliationResult = {
    matched: 0,
    matchedWithinTolerance: 0,
    onlyA: 0,
    onlyB: 0,
    fieldMismatch: 0,
    breaks: [],
    tolerated: [],
    controlTotalDifferences: compareControlTotals(a.controlTotals, b.controlTotals),
  };
  const sideA = new JoinSide(a.directory);
  const sideB = new JoinSide(b.directory);
  try {
    const readerA = sideA.reader;
    const readerB = sideB.reader;
    let x = readerA.next();
    let y = readerB.next();
    while (x !== null && y !== null) {
      const order = compareKeyWords(sideA.words, x.offset >>> 2, sideB.words, y.offset >>> 2, x.buffer, y.buffer, x.offset, y.offset);
      if (order < 0) {
        result.onlyA++;
        result.breaks.push({ class: 'only-a', key: x.buffer.slice(x.offset, x.offset + 32), indexA: readerA.index });
        x = readerA.next();
      } else if (order > 0) {
        result.onlyB++;
        result.breaks.push({ class: 'only-b', key: y.buffer.slice(y.offset, y.offset + 32), indexB: readerB.index });
        y = readerB.next();
      } else {
        // The leaf hash covers the key and every field commitment: equal leaves, equal rows.
        if (equalWords(sideA.words, (x.offset >>> 2) + 8, sideB.words, (y.offset >>> 2) + 8, 8)) result.matched++;
        else classifyPair(sideA.record(readerA.index, x), sideB.record(readerB.index, y), readerA.index, readerB.index, rules, result);
        x = readerA.next();
        y = readerB.next();
      }
    }
    for (; x !== null; x = readerA.next()) {
      result.onlyA++;
      result.breaks.push({ class: 'only-a', key: x.buffer.slice(x.offset, x.offset + 32), indexA: readerA.index });
    }
    for (; y !== null; y = readerB.next()) {
      result.onlyB++;
      result.breaks.push({ class: 'only-b', key: y.buffer.slice(y.offset, y.offset + 32), indexB: readerB.index });
    }
  } finally {
    sideA.close();
    sideB.close();
  }
  return result;
}

type At = { buffer: Uint8Array; offset: number };

/** Blocks of this many bytes are read at a time (a whole number of 64- and 416-byte records). */
const READ_RECORDS_OF_KEYS = 1 << 16; // 4 MiB of keys.bin
const READ_RECORDS_OF_ROWS = 8192; // 3.25 MiB of rows.bin

/**
 * One side as the join reads it: keys.bin (key and leaf hash, 64 bytes a record) front to back, and
 * a row's whole record from rows.bin only when its leaf differs from the other side's; a side
 * committed before keys.bin existed is read from rows.bin alone.
 */
class JoinSide {
  readonly reader: SideRecordReader;
  /** The reader's block as 32-bit words (same memory), for comparing keys and leaves a word at a time. */
  readonly words: Uint32Array;
  private readonly rowsFd: number | null = null;
  private readonly scratch = { buffer: new Uint8Array(SIDE_RECORD_LENGTH), offset: 0 };

  constructor(directory: string) {
    const paths = sideFilePaths(directory);
    if (existsSync(paths.keys)) {
      this.reader = new SideRecordReader(paths.keys, READ_RECORDS_OF_KEYS, KEY_RECORD_LENGTH);
      this.rowsFd = openSync(paths.rows, 'r');
    } else {
      this.reader = new SideRecordReader(paths.rows, READ_RECORDS_OF_ROWS);
    }
    this.words = new Uint32Array(this.reader.block.buffer, this.reader.block.byteOffset, this.reader.block.length >>> 2);
  }

  /** The whole record at `index`, `at` being its key record (valid until the next call). */
  record(index: number, at: At): At {
    if (this.rowsFd === null) return at;
    if (readFully(this.rowsFd, this.scratch.buffer, index * SIDE_RECORD_LENGTH) !== SIDE_RECORD_LENGTH) {
      throw new Error(`rows.bin ends before record ${index} that keys.bin lists.`);
    }
    return this.scratch;
  }

  close(): void {
    this.reader.close();
    if (this.rowsFd !== null) closeSync(this.rowsFd);
  }
}

/**
 * Compares two 32-byte keys (bytewise, unsigned) a word at a time: almost every pair of keys the
 * join meets is equal, and eight word comparisons settle that; the bytes are read only in the word
 * that differs (words are in the machine's order, not the key's).
 */
function compareKeyWords(xWords: Uint32Array, xWord: number, yWords: Uint32Array, yWord: number, xBytes: Uint8Array, yBytes: Uint8Array, xOffset: number, yOffset: number): number {
  for (let w = 0; w < 8; w++) {
    if (xWords[xWord + w] !== yWords[yWord + w]) {
      for (let i = 4 * w; i < 4 * w + 4; i++) {
        const d = xBytes[xOffset + i] - yBytes[yOffset + i];
        if (d !== 0) return d;
      }
    }
  }
  return 0;
}

function equalWords(xWords: Uint32Array, xWord: number, yWords: Uint32Array, yWord: number, count: number): boolean {
  for (let w = 0; w < count; w++) if (xWords[xWord + w] !== yWords[yWord + w]) return false;
  return true;
}

function classifyPair(x: At, y: At, indexA: number, indexB: number, rules: readonly ToleranceRule[], result: ReconciliationResult): void {
  const fields: CommittedField[] = [];
  for (let f = 0; f < FIELD_COUNT; f++) {
    if (!compareBytes(x, RECORD_COMMITMENTS + 32 * f, y, RECORD_COMMITMENTS + 32 * f, 32)) fields.push(COMMITTED_FIELDS[f]);
  }
  const key = x.buffer.slice(x.offset, x.offset + 32);
  const rule = rules.find((candidate) => ruleFires(candidate, fields, x, y));
  if (rule) {
    result.matchedWithinTolerance++;
    result.tolerated.push({ rule: rule.name, key, indexA, indexB, fields });
    return;
  }
  result.fieldMismatch++;
  result.breaks.push({ class: 'field-mismatch', key, indexA, indexB, fields });
}

function ruleFires(rule: ToleranceRule, fields: CommittedField[], x: At, y: At): boolean {
  if (rule.name === 'split-rounding') {
    if (fields.length === 0 || !fields.every((field) => SHARE_FIELDS.has(field))) return false;
    const difference = (offset: number) => Math.abs(readUint64(x, offset) - readUint64(y, offset));
    return difference(RECORD_SHARE_A_FEN) <= rule.maxFen && difference(RECORD_SHARE_B_FEN) <= rule.maxFen;
  }
  return false;
}

function readUint64({ buffer, offset }: At, field: number): number {
  const at = offset + field;
  let value = 0;
  for (let i = 0; i < 8; i++) value = value * 256 + buffer[at + i];
  return value;
}

function compareBytes(x: At, xField: number, y: At, yField: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (x.buffer[x.offset + xField + i] !== y.buffer[y.offset + yField + i]) return false;
  return true;
}

