import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { commitRow } from './commit-row';
import { commitRows } from './commit-rows';
import { derivePairKeys } from './derive-pair-keys';
import { generateStatementRows } from './generate-statement-rows';
import { COMMITTED_FIELDS, fieldJsonValue } from './row-format';
import { readSideRecord } from './side-record';

const keys = derivePairKeys(new Uint8Array(32).fill(7));

describe('commitRows (batched) against commitRow (reference)', () => {
  it('gives the reference key, commitments and leaf hash for every row', () => {
    const rows = generateStatementRows({ count: 300, seed: 11 });
    const records = commitRows(keys, rows, rows.map((_, i) => i + 2));
    rows.forEach((row, i) => {
      const reference = commitRow(keys, row);
      const record = readSideRecord(records, i * 416);
      expect(record.key).toEqual(reference.key);
      expect(record.leafHash).toEqual(reference.leafHash);
      reference.commitments.forEach((commitment, f) => expect(record.commitment(f)).toEqual(commitment));
      expect([record.totalFen, record.shareAFen, record.shareBFen, record.ratioBp, record.type, record.status, record.line]).toEqual([
        row.totalFen, row.shareAFen, row.shareBFen, row.ratioBp, row.type, row.status, i + 2,
      ]);
    });
  });

  it('writes each field value as RFC 8785 would (the batched path builds the JSON text by hand)', () => {
    const [row] = generateStatementRows({ count: 1, seed: 3 });
    const reference = commitRow(keys, row);
    COMMITTED_FIELDS.forEach((field, f) => {
      expect(new TextDecoder().decode(reference.values[f])).toBe(canonicalize(fieldJsonValue(row, field)));
    });
  });
});
