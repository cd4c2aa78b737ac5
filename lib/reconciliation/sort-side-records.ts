// Sorting side records by matching key (bytewise, unsigned), the order the side's tree is built in
// (§4.1). A native sort of (first 5 key bytes ‖ record index) as 64-bit integers does almost all the
// work; records whose first 5 bytes tie are put in order by their whole key afterwards.
import { SIDE_RECORD_LENGTH } from './side-record';

const INDEX_BITS = 24n;
export const MAX_RUN_RECORDS = 1 << 24;

export function compareKeysAt(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number): number {
  for (let i = 0; i < 32; i++) {
    const d = a[aOffset + i] - b[bOffset + i];
    if (d !== 0) return d;
  }
  return 0;
}

/** A new buffer with the records in key order. Equal keys end up adjacent; the caller reports them. */
export function sortSideRecords(records: Uint8Array): Uint8Array {
  const n = records.length / SIDE_RECORD_LENGTH;
  if (!Number.isInteger(n)) throw new RangeError(`records is not a whole number of ${SIDE_RECORD_LENGTH}-byte records.`);
  if (n > MAX_RUN_RECORDS) throw new RangeError(`A run holds at most ${MAX_RUN_RECORDS} records, got ${n}.`);
  const order = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * SIDE_RECORD_LENGTH;
    const low = ((records[at + 1] << 24) | (records[at + 2] << 16) | (records[at + 3] << 8) | records[at + 4]) >>> 0;
    const prefix = records[at] * 2 ** 32 + low;
    order[i] = (BigInt(prefix) << INDEX_BITS) | BigInt(i);
  }
  order.sort();
  const indices = new Uint32Array(n);
  const mask = (1n << INDEX_BITS) - 1n;
  for (let i = 0; i < n; i++) indices[i] = Number(order[i] & mask);
  // Ties on the 5-byte prefix: order each run of them by the whole key.
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && order[end] >> INDEX_BITS === order[start] >> INDEX_BITS) end++;
    if (end - start > 1) {
      const tied = Array.from(indices.subarray(start, end)).sort((a, b) =>
        compareKeysAt(records, a * SIDE_RECORD_LENGTH, records, b * SIDE_RECORD_LENGTH),
      );
      indices.set(tied, start);
    }
    start = end;
  }
  const sorted = new Uint8Array(records.length);
  for (let i = 0; i < n; i++) {
    sorted.set(records.subarray(indices[i] * SIDE_RECORD_LENGTH, (indices[i] + 1) * SIDE_RECORD_LENGTH), i * SIDE_RECORD_LENGTH);
  }
  return sorted;
}
