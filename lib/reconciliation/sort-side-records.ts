// Sorting side records by matching key (bytewise, unsigned), the order the side's tree is built in
// (§4.1). A native sort of doubles, each the key's leading bits and the record's index packed into
// one exact integer below 2^53, does almost all the work without an object per record; records whose
// leading bits tie are put in order by their whole key afterwards.
import { SIDE_RECORD_LENGTH } from './side-record';

export const MAX_RUN_RECORDS = 1 << 24;
/** Key bits a sort value can carry: the first five bytes. */
const MAX_PREFIX_BITS = 40;

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
  // value = prefix × 2^indexBits + index, where prefix is the key's first prefixBits bits.
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const prefixBits = Math.min(MAX_PREFIX_BITS, 53 - indexBits);
  const indexScale = 2 ** indexBits;
  const prefixDivisor = 2 ** (MAX_PREFIX_BITS - prefixBits);
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * SIDE_RECORD_LENGTH;
    const high = ((records[at] << 24) | (records[at + 1] << 16) | (records[at + 2] << 8) | records[at + 3]) >>> 0;
    const prefix = Math.floor((high * 256 + records[at + 4]) / prefixDivisor);
    order[i] = prefix * indexScale + i;
  }
  order.sort();
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = order[i] % indexScale;
  // Ties on the prefix: order each run of them by the whole key.
  for (let start = 0; start < n; ) {
    const prefix = Math.floor(order[start] / indexScale);
    let end = start + 1;
    while (end < n && Math.floor(order[end] / indexScale) === prefix) end++;
    if (end - start > 1) {
      const tied = Array.from(indices.subarray(start, end)).sort((a, b) =>
        compareKeysAt(records, a * SIDE_RECORD_LENGTH, records, b * SIDE_RECORD_LENGTH),
      );
      indices.set(tied, start);
    }
    start = end;
  }
  return permuteRecords(records, indices);
}

/** Record indices[i] of `records` as record i of a new buffer, copied as 32-bit words when aligned. */
function permuteRecords(records: Uint8Array, indices: Uint32Array): Uint8Array {
  const sorted = new Uint8Array(records.length);
  const n = indices.length;
  if (records.byteOffset % 4 === 0) {
    const words = SIDE_RECORD_LENGTH / 4;
    const from = new Int32Array(records.buffer, records.byteOffset, records.length / 4);
    const to = new Int32Array(sorted.buffer);
    for (let i = 0; i < n; i++) {
      const source = indices[i] * words;
      const target = i * words;
      for (let k = 0; k < words; k++) to[target + k] = from[source + k];
    }
  } else {
    for (let i = 0; i < n; i++) sorted.set(records.subarray(indices[i] * SIDE_RECORD_LENGTH, (indices[i] + 1) * SIDE_RECORD_LENGTH), i * SIDE_RECORD_LENGTH);
  }
  return sorted;
}
