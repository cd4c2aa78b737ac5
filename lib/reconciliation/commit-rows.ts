// The ingest's batched commitment of many rows at once: the same bytes as commitRow (commit-row.ts,
// the reference), computed with lib/merkle's WebAssembly SHA-256 over flat buffers, a few calls per
// thousand rows instead of ~31 hash calls per row (docs/architecture.md, "Why the seal uses its own
// SHA-256"). Every value in a valid row is ASCII, so a string's length is its UTF-8 length.
import { midstateOf, sha256Many, type Sha256Midstate } from '../merkle/sha256-many';
import { LEAF_HASH_PREFIX } from '../proof/hash-leaf';
import { NODE_HASH_PREFIX } from '../proof/hash-node';
import { ROW_LEAF_VERSION } from './commit-row';
import type { PairKeys } from './derive-pair-keys';
import { FIELD_COUNT, ROW_STATUSES, TRANSACTION_TYPES, type ReconciliationRow } from './row-format';
import {
  RECORD_ACCOUNTING_DATE,
  RECORD_COMMITMENTS,
  RECORD_CURRENCY,
  RECORD_LEAF_HASH,
  RECORD_LINE,
  RECORD_RATIO_BP,
  RECORD_SHARE_A_FEN,
  RECORD_SHARE_B_FEN,
  RECORD_STATUS,
  RECORD_TOTAL_FEN,
  RECORD_TYPE,
  RECORD_VALUE_DATE,
  SIDE_RECORD_LENGTH,
} from './side-record';

const NO_PREFIX = new Uint8Array(0);
const LEAF_PREFIX = Uint8Array.of(LEAF_HASH_PREFIX);
const NODE_PREFIX = Uint8Array.of(NODE_HASH_PREFIX);
const ROW_LEAF_PREFIX = Uint8Array.of(LEAF_HASH_PREFIX, ROW_LEAF_VERSION);
const TYPE_CODES = new Map<string, number>(TRANSACTION_TYPES.map((type, i) => [type, i]));
const STATUS_CODES = new Map<string, number>(ROW_STATUSES.map((status, i) => [status, i]));

/** Bytes of one row's nine canonical values (RFC 8785 for these ASCII-only values), written in place. */
function writeFieldValues(row: ReconciliationRow, to: Uint8Array, at: number, lengths: Uint16Array, first: number): number {
  const start = at;
  // identity: ["loanNumber","transactionId","type"]
  to[at++] = 0x5b;
  at = writeQuoted(row.loanNumber, to, at);
  to[at++] = 0x2c;
  at = writeQuoted(row.transactionId, to, at);
  to[at++] = 0x2c;
  at = writeQuoted(row.type, to, at);
  to[at++] = 0x5d;
  lengths[first] = at - start;
  let mark = at;
  const text = (value: string, f: number) => {
    at = writeQuoted(value, to, at);
    lengths[first + f] = at - mark;
    mark = at;
  };
  const integer = (value: number, f: number) => {
    at = writeInteger(value, to, at);
    lengths[first + f] = at - mark;
    mark = at;
  };
  text(row.accountingDate, 1);
  text(row.valueDate, 2);
  integer(row.totalFen, 3);
  integer(row.shareAFen, 4);
  integer(row.shareBFen, 5);
  integer(row.ratioBp, 6);
  text(row.status, 7);
  text(row.currency, 8);
  return at;
}

/** Upper bound of one row's canonical values in bytes: four 16-digit integers and the quoted strings. */
function maxValueBytes(row: ReconciliationRow): number {
  return (
    row.loanNumber.length + row.transactionId.length + row.type.length + row.accountingDate.length + row.valueDate.length + row.status.length + row.currency.length + 4 * 16 + 32
  );
}

/**
 * Rows as flat arrays, what a hashing worker receives (transferred, not copied): the nine canonical
 * values of row i are messages i × 9 … i × 9 + 8, back to back in `values`; `numbers` holds per row
 * totalFen, shareAFen, shareBFen, ratioBp and the line; `codes` its type and status codes.
 */
export interface PackedRows {
  values: Uint8Array<ArrayBuffer>;
  lengths: Uint16Array<ArrayBuffer>;
  numbers: Float64Array<ArrayBuffer>;
  codes: Uint8Array<ArrayBuffer>;
}

const NUMBERS_PER_ROW = 5;
/** A 33-byte hash input (a hash and one byte) padded to whole words. */
const PADDED_33 = 36;

/**
 * PackedRows built row by row, growing as needed: from row objects (addRow), or by a reader that
 * writes the nine values into `values` itself (statement-block.ts: reserve, write at `used`, set
 * the nine `lengths` of row `count`, then endRow).
 */
export class PackedRowsBuilder {
  values: Uint8Array<ArrayBuffer>;
  lengths: Uint16Array<ArrayBuffer>;
  numbers: Float64Array<ArrayBuffer>;
  codes: Uint8Array<ArrayBuffer>;
  /** Bytes of `values` written. */
  used = 0;
  /** Rows ended. */
  count = 0;

  constructor(rows = 1024, valueBytes = rows * 128) {
    this.values = new Uint8Array(valueBytes);
    this.lengths = new Uint16Array(rows * FIELD_COUNT);
    this.numbers = new Float64Array(rows * NUMBERS_PER_ROW);
    this.codes = new Uint8Array(rows * 2);
  }

  /** Room for one more row whose nine values take at most `valueBytes` bytes. */
  reserve(valueBytes: number): void {
    if (this.used + valueBytes > this.values.length) this.values = grown(this.values, this.used + valueBytes);
    if ((this.count + 1) * 2 > this.codes.length) {
      this.lengths = grown(this.lengths, (this.count + 1) * FIELD_COUNT);
      this.numbers = grown(this.numbers, (this.count + 1) * NUMBERS_PER_ROW);
      this.codes = grown(this.codes, (this.count + 1) * 2);
    }
  }

  addRow(row: ReconciliationRow, line: number): void {
    this.reserve(maxValueBytes(row));
    this.used = writeFieldValues(row, this.values, this.used, this.lengths, this.count * FIELD_COUNT);
    this.endRow(row.totalFen, row.shareAFen, row.shareBFen, row.ratioBp, line, TYPE_CODES.get(row.type)!, STATUS_CODES.get(row.status)!);
  }

  /** Ends row `count`, whose values (up to `used`) and lengths are written. */
  endRow(totalFen: number, shareAFen: number, shareBFen: number, ratioBp: number, line: number, typeCode: number, statusCode: number): void {
    const at = this.count * NUMBERS_PER_ROW;
    this.numbers[at] = totalFen;
    this.numbers[at + 1] = shareAFen;
    this.numbers[at + 2] = shareBFen;
    this.numbers[at + 3] = ratioBp;
    this.numbers[at + 4] = line;
    this.codes[this.count * 2] = typeCode;
    this.codes[this.count * 2 + 1] = statusCode;
    this.count++;
  }

  finish(): PackedRows {
    return {
      values: this.values,
      lengths: this.lengths.slice(0, this.count * FIELD_COUNT),
      numbers: this.numbers.slice(0, this.count * NUMBERS_PER_ROW),
      codes: this.codes.slice(0, this.count * 2),
    };
  }
}

function grown<T extends Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(array: T, atLeast: number): T {
  const larger = new (array.constructor as new (length: number) => T)(Math.max(atLeast, 2 * array.length));
  larger.set(array);
  return larger;
}

export function packRows(rows: readonly ReconciliationRow[], lines: readonly number[]): PackedRows {
  let valueBytes = 0;
  for (const row of rows) valueBytes += maxValueBytes(row);
  const builder = new PackedRowsBuilder(rows.length, valueBytes);
  rows.forEach((row, i) => builder.addRow(row, lines[i]));
  return builder.finish();
}

/** n side records (side-record.ts) for n rows, in input order. */
export function commitRows(keys: PairKeys, rows: readonly ReconciliationRow[], lines: readonly number[]): Uint8Array {
  return commitPackedRows(keys, packRows(rows, lines));
}

export function commitPackedRows(keys: PairKeys, packed: PackedRows): Uint8Array<ArrayBuffer> {
  const n = packed.codes.length / 2;
  const out = new Uint8Array(n * SIDE_RECORD_LENGTH);
  if (n === 0) return out;
  const starts = new Uint32Array(n * FIELD_COUNT);
  for (let k = 1; k < starts.length; k++) starts[k] = starts[k - 1] + packed.lengths[k - 1];
  const messages: PackedMessages = { bytes: packed.values, starts, lengths: packed.lengths };

  // Matching key: HMAC(matchKey, identity value).
  const matchKeys = hmacMany(keys.matchKey, messages, FIELD_COUNT, 0);

  // Row seed: HMAC(saltKey, key ‖ 0x01); salts: SHA-256(seed ‖ f). Both inputs are 33 bytes, laid
  // out every 36 so the 32-byte hashes are copied a word at a time.
  const seedInput = new Uint8Array(n * PADDED_33);
  const matchKeyWords = wordsOf(matchKeys);
  const seedInputWords = wordsOf(seedInput);
  for (let i = 0; i < n; i++) {
    copyWords(matchKeyWords, i * 8, seedInputWords, i * (PADDED_33 / 4), 8);
    seedInput[i * PADDED_33 + 32] = 0x01;
  }
  const seeds = hmacFixed(keys.saltKey, seedInput, 33, PADDED_33);
  const saltInput = new Uint8Array(n * FIELD_COUNT * PADDED_33);
  const seedWords = wordsOf(seeds);
  const saltInputWords = wordsOf(saltInput);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < FIELD_COUNT; f++) {
      const at = (i * FIELD_COUNT + f) * PADDED_33;
      copyWords(seedWords, i * 8, saltInputWords, at / 4, 8);
      saltInput[at + 32] = f;
    }
  }
  const salts = sha256Many({ prefix: NO_PREFIX, records: saltInput, recordLength: 33, recordStride: PADDED_33 });

  // Commitments: SHA-256(0x00 ‖ salt ‖ value), grouped by value length.
  const commitments = hashByLength(LEAF_PREFIX, salts, messages, 1, 0);
  // Field trees (9 leaves): 4 + 2 + 1 + 1 inner nodes per row, one batch per level.
  const node = (pairs: Uint8Array) => sha256Many({ prefix: NODE_PREFIX, records: pairs, recordLength: 64 });
  const level1Input = new Uint8Array(n * 4 * 64);
  const commitmentWords = wordsOf(commitments);
  const level1Words = wordsOf(level1Input);
  for (let i = 0; i < n; i++) copyWords(commitmentWords, i * FIELD_COUNT * 8, level1Words, i * 64, 64);
  const level1 = node(level1Input); // n × 4 hashes
  const level2 = node(level1); // n × 2 hashes: (l1[0], l1[1]), (l1[2], l1[3])
  const level3 = node(level2); // n × 1
  const rootInput = new Uint8Array(n * 64);
  const level3Words = wordsOf(level3);
  const rootWords = wordsOf(rootInput);
  for (let i = 0; i < n; i++) {
    copyWords(level3Words, i * 8, rootWords, i * 16, 8);
    copyWords(commitmentWords, (i * FIELD_COUNT + 8) * 8, rootWords, i * 16 + 8, 8);
  }
  const fieldsRoots = node(rootInput);

  // Row leaves: SHA-256(0x00 ‖ 0x11 ‖ key ‖ fieldsRoot).
  const leafInput = new Uint8Array(n * 64);
  const fieldsRootWords = wordsOf(fieldsRoots);
  const leafInputWords = wordsOf(leafInput);
  for (let i = 0; i < n; i++) {
    copyWords(matchKeyWords, i * 8, leafInputWords, i * 16, 8);
    copyWords(fieldsRootWords, i * 8, leafInputWords, i * 16 + 8, 8);
  }
  const leafHashes = sha256Many({ prefix: ROW_LEAF_PREFIX, records: leafInput, recordLength: 64 });

  const view = new DataView(out.buffer);
  const outWords = wordsOf(out);
  const leafHashWords = wordsOf(leafHashes);
  const { numbers, codes, values } = packed;
  for (let i = 0; i < n; i++) {
    const at = i * SIDE_RECORD_LENGTH;
    const k = i * FIELD_COUNT;
    copyWords(matchKeyWords, i * 8, outWords, at / 4, 8);
    copyWords(leafHashWords, i * 8, outWords, (at + RECORD_LEAF_HASH) / 4, 8);
    copyWords(commitmentWords, k * 8, outWords, (at + RECORD_COMMITMENTS) / 4, FIELD_COUNT * 8);
    setUint64(view, at + RECORD_TOTAL_FEN, numbers[i * NUMBERS_PER_ROW]);
    setUint64(view, at + RECORD_SHARE_A_FEN, numbers[i * NUMBERS_PER_ROW + 1]);
    setUint64(view, at + RECORD_SHARE_B_FEN, numbers[i * NUMBERS_PER_ROW + 2]);
    view.setUint16(at + RECORD_RATIO_BP, numbers[i * NUMBERS_PER_ROW + 3]);
    out[at + RECORD_TYPE] = codes[i * 2];
    out[at + RECORD_STATUS] = codes[i * 2 + 1];
    // The dates and the currency are the quoted field values 1, 2 and 8 without their quotes.
    copy(values, starts[k + 1] + 1, out, at + RECORD_ACCOUNTING_DATE, 10);
    copy(values, starts[k + 2] + 1, out, at + RECORD_VALUE_DATE, 10);
    copy(values, starts[k + 8] + 1, out, at + RECORD_CURRENCY, 3);
    view.setUint32(at + RECORD_LINE, numbers[i * NUMBERS_PER_ROW + 4]);
  }
  return out;
}

/** Messages packed back to back in one buffer: message k is bytes[starts[k] .. starts[k] + lengths[k]). */
interface PackedMessages {
  bytes: Uint8Array;
  starts: Uint32Array;
  lengths: Uint16Array;
}

/**
 * SHA-256(prefix ‖ head_j ‖ message_k) for the messages k = j × stride + offset, where head_j is the
 * j-th 32-byte string of `heads` (none if `heads` is null), continued from `midstate` if given. Messages of one length are hashed in one
 * call; grouping uses a counting sort over typed arrays, so no object is made per message.
 */
function hashByLength(prefix: Uint8Array, heads: Uint8Array | null, messages: PackedMessages, stride: number, offset: number, midstate?: Sha256Midstate): Uint8Array {
  const count = Math.ceil((messages.lengths.length - offset) / stride);
  const headLength = heads ? 32 : 0;
  let maxLength = 0;
  for (let j = 0; j < count; j++) maxLength = Math.max(maxLength, messages.lengths[j * stride + offset]);
  const groupSizes = new Uint32Array(maxLength + 2);
  for (let j = 0; j < count; j++) groupSizes[messages.lengths[j * stride + offset] + 1]++;
  for (let length = 1; length <= maxLength + 1; length++) groupSizes[length] += groupSizes[length - 1];
  // order[groupStarts[L] ..] lists the j whose message is L bytes long.
  const groupStarts = groupSizes.slice(0, maxLength + 1);
  const fill = groupSizes.slice(0, maxLength + 1);
  const order = new Uint32Array(count);
  for (let j = 0; j < count; j++) order[fill[messages.lengths[j * stride + offset]]++] = j;

  const digests = new Uint8Array(count * 32);
  const digestWords = wordsOf(digests);
  const headWords = heads ? wordsOf(heads) : null;
  for (let length = 0; length <= maxLength; length++) {
    const from = groupStarts[length];
    const to = length === maxLength ? count : groupStarts[length + 1];
    if (to === from) continue;
    const recordLength = headLength + length;
    if (recordLength === 0) throw new RangeError('An empty message with no head cannot be hashed here.');
    // Records start on word boundaries, so a head is copied as eight words.
    const recordStride = (recordLength + 3) & ~3;
    const records = new Uint8Array((to - from) * recordStride);
    const recordWords = wordsOf(records);
    for (let m = from; m < to; m++) {
      const j = order[m];
      const at = (m - from) * recordStride;
      if (headWords) copyWords(headWords, j * 8, recordWords, at >>> 2, 8);
      copy(messages.bytes, messages.starts[j * stride + offset], records, at + headLength, length);
    }
    const hashed = wordsOf(sha256Many({ midstate, prefix, records, recordLength, recordStride }));
    for (let m = from; m < to; m++) copyWords(hashed, (m - from) * 8, digestWords, order[m] * 8, 8);
  }
  return digests;
}

/** HMAC-SHA-256 (RFC 2104) under a 32-byte key of the messages k = j × stride + offset. */
function hmacMany(key: Uint8Array, messages: PackedMessages, stride: number, offset: number): Uint8Array {
  const { inner, outer } = hmacMidstates(key);
  return sha256Many({ midstate: outer, prefix: NO_PREFIX, records: hashByLength(NO_PREFIX, null, messages, stride, offset, inner), recordLength: 32 });
}

/** HMAC-SHA-256 of fixed-length messages, one every `messageStride` bytes. */
export function hmacFixed(key: Uint8Array, messages: Uint8Array, messageLength: number, messageStride = messageLength): Uint8Array {
  const { inner, outer } = hmacMidstates(key);
  const innerHashes = sha256Many({ midstate: inner, prefix: NO_PREFIX, records: messages, recordLength: messageLength, recordStride: messageStride });
  return sha256Many({ midstate: outer, prefix: NO_PREFIX, records: innerHashes, recordLength: 32 });
}

/**
 * The key's inner and outer pad blocks, compressed once: every message's HMAC starts from these two
 * states, so each costs two SHA-256 blocks fewer and no pad is copied in front of it.
 */
function hmacMidstates(key: Uint8Array): { inner: Sha256Midstate; outer: Sha256Midstate } {
  if (key.length > 64) throw new RangeError('HMAC here takes keys of at most 64 bytes.');
  const inner = new Uint8Array(64).fill(0x36);
  const outer = new Uint8Array(64).fill(0x5c);
  key.forEach((byte, i) => {
    inner[i] ^= byte;
    outer[i] ^= byte;
  });
  return { inner: midstateOf(inner), outer: midstateOf(outer) };
}

/**
 * The 32-bit words of a buffer that starts on a word boundary, as every digest buffer and record
 * buffer here does (each is a new Uint8Array): hashes and records are copied four bytes at a time.
 */
function wordsOf(bytes: Uint8Array): Int32Array {
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
}

function copyWords(from: Int32Array, fromWord: number, to: Int32Array, toWord: number, count: number): void {
  for (let i = 0; i < count; i++) to[toWord + i] = from[fromWord + i];
}

// Byte loops instead of set(subarray(...)): a subarray is an object, and millions of them kept the
// garbage collector busy for a third of the ingest's time.
function copy(from: Uint8Array, fromOffset: number, to: Uint8Array, toOffset: number, length: number): void {
  for (let i = 0; i < length; i++) to[toOffset + i] = from[fromOffset + i];
}

/** `"text"` at `offset`; returns the offset after it. A valid row's strings need no escapes. */
function writeQuoted(text: string, to: Uint8Array, offset: number): number {
  to[offset++] = 0x22;
  for (let i = 0; i < text.length; i++) to[offset++] = text.charCodeAt(i);
  to[offset++] = 0x22;
  return offset;
}

/** Decimal digits of a non-negative safe integer at `offset` (as String(value)); returns the offset after them. */
function writeInteger(value: number, to: Uint8Array, offset: number): number {
  let digits = 1;
  for (let rest = Math.floor(value / 10); rest > 0; rest = Math.floor(rest / 10)) digits++;
  let rest = value;
  for (let d = digits - 1; d >= 0; d--) {
    to[offset + d] = 0x30 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return offset + digits;
}

function setUint64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, Math.floor(value / 2 ** 32));
  view.setUint32(offset + 4, value >>> 0);
}
