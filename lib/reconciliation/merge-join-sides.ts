// One merge-join pass over two committed sides sorted by key (§5): every key is matched, only on A,
// only on B, or a field mismatch naming the fields whose commitments differ. Tolerance rules are
// explicit and per pair; a rule that fires turns a mismatch into a match *and is named* on it, so
// nothing is silently ignored. Control totals are compared cell by cell. Reads both sides' rows.bin
// front to back with a fixed buffer each, so memory does not grow with the day. Node-only.
import { compareControlTotals, type ControlTotalDifference, type ControlTotals } from './control-totals';
import { COMMITTED_FIELDS, FIELD_COUNT, type CommittedField } from './row-format';
import { RECORD_COMMITMENTS, RECORD_LEAF_HASH, RECORD_SHARE_A_FEN, RECORD_SHARE_B_FEN } from './side-record';
import { SideRecordReader, sideFilePaths } from './side-files';
import { compareKeysAt } from './sort-side-records';

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
  const readerA = new SideRecordReader(sideFilePaths(a.directory).rows);
  const readerB = new SideRecordReader(sideFilePaths(b.directory).rows);
  try {
    let x = readerA.next();
    let y = readerB.next();
    while (x || y) {
      const order = !x ? 1 : !y ? -1 : compareKeysAt(x.buffer, x.offset, y.buffer, y.offset);
      if (order < 0) {
        result.onlyA++;
        result.breaks.push({ class: 'only-a', key: x!.buffer.slice(x!.offset, x!.offset + 32), indexA: readerA.index });
        x = readerA.next();
      } else if (order > 0) {
        result.onlyB++;
        result.breaks.push({ class: 'only-b', key: y!.buffer.slice(y!.offset, y!.offset + 32), indexB: readerB.index });
        y = readerB.next();
      } else {
        classifyPair(x!, y!, readerA.index, readerB.index, rules, result);
        x = readerA.next();
        y = readerB.next();
      }
    }
  } finally {
    readerA.close();
    readerB.close();
  }
  return result;
}

type At = { buffer: Uint8Array; offset: number };

function classifyPair(x: At, y: At, indexA: number, indexB: number, rules: readonly ToleranceRule[], result: ReconciliationResult): void {
  // The leaf hash covers the key and every field commitment: equal leaves, equal rows.
  if (compareBytes(x, RECORD_LEAF_HASH, y, RECORD_LEAF_HASH, 32)) {
    result.matched++;
    return;
  }
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

