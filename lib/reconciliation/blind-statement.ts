// The bank's side of blind mode (docs/reconciliation-format.md §14.1): a bank of a blind pair turns
// its validated rows into the blind carrier with the pair key it holds, so that Evident receives keys
// and commitments and never a value. The commitments are open mode's, byte for byte (commit-rows.ts),
// sorted by key as Evident sorts a side; the bank also gets the side's root and row count, which
// Evident's receipt must repeat. Duplicate keys are refused as open mode refuses them (§2.2).
// Browser-safe: the CLI (scripts/blind-statement.ts) runs it, and so could a page.
import { sha256 } from '@noble/hashes/sha2.js';
import { buildMerkleLevels } from '../merkle/build-merkle-levels';
import { blindHeaderLine, blindRecordLine, type BlindSideHeader } from './blind-carrier';
import { bytesEqual } from '../proof/bytes-equal';
import { toHex } from '../proof/hex';
import { commitRow, matchKey } from './commit-row';
import { commitRows } from './commit-rows';
import { addToControlTotals, emptyControlTotals } from './control-totals';
import type { PairKeys } from './derive-pair-keys';
import { RECORD_COMMITMENTS, RECORD_LEAF_HASH, RECORD_LINE, SIDE_RECORD_LENGTH } from './side-record';
import { compareKeysAt, sortSideRecordBlocks } from './sort-side-records';
import type { ReadRow, StatementIssue } from './statement-reader';
import { COMMITTED_FIELDS, FIELD_COUNT, type CommittedField } from './row-format';

export type BlindStatement =
  | {
      ok: true;
      header: BlindSideHeader;
      /** Side records (side-record.ts) in key order: what Evident's side will hold, amounts included. */
      sorted: Uint8Array;
      /** The side's commitment (§4.1), which Evident's receipt must state. */
      root: Uint8Array;
    }
  | { ok: false; issues: StatementIssue[] };

export function blindStatement({ keys, rows }: { keys: PairKeys; rows: readonly ReadRow[] }): BlindStatement {
  const controlTotals = emptyControlTotals();
  for (const { row } of rows) addToControlTotals(controlTotals, row);
  const records = commitRows(
    keys,
    rows.map((read) => read.row),
    rows.map((read) => read.line),
  );
  const sorted = new Uint8Array(records.length);
  let at = 0;
  sortSideRecordBlocks([records], (chunk) => {
    sorted.set(chunk, at);
    at += chunk.length;
  });
  const rowCount = rows.length;
  const issues: StatementIssue[] = [];
  const leafHashes = new Uint8Array(rowCount * 32);
  for (let i = 0; i < rowCount; i++) {
    const offset = i * SIDE_RECORD_LENGTH;
    leafHashes.set(sorted.subarray(offset + RECORD_LEAF_HASH, offset + RECORD_LEAF_HASH + 32), i * 32);
    if (i > 0 && compareKeysAt(sorted, offset - SIDE_RECORD_LENGTH, sorted, offset) === 0) {
      const [first, second] = [lineAt(sorted, offset - SIDE_RECORD_LENGTH), lineAt(sorted, offset)].sort((x, y) => x - y);
      issues.push({
        line: second,
        code: 'duplicate-key',
        message: `Line ${second} has the same loan number, transaction id and type as line ${first}: each movement appears once a day.`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues: issues.sort((x, y) => x.line - y.line) };
  const levels = rowCount > 0 ? buildMerkleLevels(leafHashes) : null;
  return { ok: true, header: { rowCount, controlTotals }, sorted, root: levels ? levels[levels.length - 1] : sha256(new Uint8Array(0)) };
}

/** The blind carrier's lines, header first, each without its LF. */
export function* blindSideLines(statement: Extract<BlindStatement, { ok: true }>): Generator<string> {
  yield blindHeaderLine(statement.header);
  const { sorted } = statement;
  for (let offset = 0; offset < sorted.length; offset += SIDE_RECORD_LENGTH) {
    yield blindRecordLine(sorted.subarray(offset, offset + 32), sorted.subarray(offset + RECORD_COMMITMENTS, offset + RECORD_COMMITMENTS + FIELD_COUNT * 32));
  }
}

/** The whole blind carrier file: every line with its LF. */
export function blindSideText(statement: Extract<BlindStatement, { ok: true }>): string {
  let text = '';
  for (const line of blindSideLines(statement)) text += `${line}\n`;
  return text;
}

function lineAt(records: Uint8Array, offset: number): number {
  const at = offset + RECORD_LINE;
  return ((records[at] << 24) | (records[at + 1] << 16) | (records[at + 2] << 8) | records[at + 3]) >>> 0;
}

/**
 * The openings body (blind-openings.ts) a bank submits for one key: each requested field's canonical
 * value and salt, from the bank's own row of that key. Null when no row has the key.
 */
export function blindOpeningsFor({
  keys,
  rows,
  key,
  fields,
}: {
  keys: PairKeys;
  rows: readonly ReadRow[];
  key: Uint8Array;
  fields: readonly CommittedField[];
}): { key: string; openings: { field: CommittedField; value: string; salt: string }[] } | null {
  for (const { row } of rows) {
    if (!bytesEqual(matchKey(keys, row), key)) continue;
    const committed = commitRow(keys, row);
    const text = new TextDecoder();
    return {
      key: toHex(key),
      openings: fields.map((field) => {
        const f = COMMITTED_FIELDS.indexOf(field);
        return { field, value: text.decode(committed.values[f]), salt: toHex(committed.salts[f]) };
      }),
    };
  }
  return null;
}
