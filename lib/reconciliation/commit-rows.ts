// The ingest's batched commitment of many rows at once: the same bytes as commitRow (commit-row.ts,
// the reference), computed with lib/merkle's WebAssembly SHA-256 over flat buffers, a few calls per
// thousand rows instead of ~31 hash calls per row (docs/architecture.md, "Why the seal uses its own
// SHA-256"). Every value in a valid row is ASCII, so a string's length is its UTF-8 length.
import { sha256Many } from '../merkle/sha256-many';
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

/** Canonical values of the nine fields, as JSON text (RFC 8785 for these ASCII-only values). */
function fieldTexts(row: ReconciliationRow): string[] {
  return [
    `["${row.loanNumber}","${row.transactionId}","${row.type}"]`,
    `"${row.accountingDate}"`,
    `"${row.valueDate}"`,
    String(row.totalFen),
    String(row.shareAFen),
    String(row.shareBFen),
    String(row.ratioBp),
    `"${row.status}"`,
    `"${row.currency}"`,
  ];
}

/** n side records (side-record.ts) for n rows, in input order. */
export function commitRows(keys: PairKeys, rows: readonly ReconciliationRow[], lines: readonly number[]): Uint8Array {
  const n = rows.length;
  const out = new Uint8Array(n * SIDE_RECORD_LENGTH);
  if (n === 0) return out;

  // Field values: n × 9 messages; text[i * 9 + f].
  const texts: string[] = new Array(n * FIELD_COUNT);
  for (let i = 0; i < n; i++) {
    const row = fieldTexts(rows[i]);
    for (let f = 0; f < FIELD_COUNT; f++) texts[i * FIELD_COUNT + f] = row[f];
  }

  // Matching key: HMAC(matchKey, identity value).
  const identities = Array.from({ length: n }, (_, i) => texts[i * FIELD_COUNT]);
  const matchKeys = hmacMany(keys.matchKey, identities);

  // Row seed: HMAC(saltKey, key ‖ 0x01); salts: SHA-256(seed ‖ f).
  const seedInput = new Uint8Array(n * 33);
  for (let i = 0; i < n; i++) {
    copy(matchKeys, i * 32, seedInput, i * 33, 32);
    seedInput[i * 33 + 32] = 0x01;
  }
  const seeds = hmacFixed(keys.saltKey, seedInput, 33);
  const saltInput = new Uint8Array(n * FIELD_COUNT * 33);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < FIELD_COUNT; f++) {
      const at = (i * FIELD_COUNT + f) * 33;
      copy(seeds, i * 32, saltInput, at, 32);
      saltInput[at + 32] = f;
    }
  }
  const salts = sha256Many({ prefix: NO_PREFIX, records: saltInput, recordLength: 33 });

  // Commitments: SHA-256(0x00 ‖ salt ‖ value), grouped by value length.
  const commitments = hashSaltedValues(salts, texts);

  // Field trees (9 leaves): 4 + 2 + 1 + 1 inner nodes per row, one batch per level.
  const node = (pairs: Uint8Array) => sha256Many({ prefix: NODE_PREFIX, records: pairs, recordLength: 64 });
  const level1Input = new Uint8Array(n * 4 * 64);
  for (let i = 0; i < n; i++) copy(commitments, i * FIELD_COUNT * 32, level1Input, i * 256, 256);
  const level1 = node(level1Input); // n × 4 hashes
  const level2 = node(level1); // n × 2 hashes: (l1[0], l1[1]), (l1[2], l1[3])
  const level3 = node(level2); // n × 1
  const rootInput = new Uint8Array(n * 64);
  for (let i = 0; i < n; i++) {
    copy(level3, i * 32, rootInput, i * 64, 32);
    copy(commitments, (i * FIELD_COUNT + 8) * 32, rootInput, i * 64 + 32, 32);
  }
  const fieldsRoots = node(rootInput);

  // Row leaves: SHA-256(0x00 ‖ 0x11 ‖ key ‖ fieldsRoot).
  const leafInput = new Uint8Array(n * 64);
  for (let i = 0; i < n; i++) {
    copy(matchKeys, i * 32, leafInput, i * 64, 32);
    copy(fieldsRoots, i * 32, leafInput, i * 64 + 32, 32);
  }
  const leafHashes = sha256Many({ prefix: ROW_LEAF_PREFIX, records: leafInput, recordLength: 64 });

  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const at = i * SIDE_RECORD_LENGTH;
    const row = rows[i];
    copy(matchKeys, i * 32, out, at, 32);
    copy(leafHashes, i * 32, out, at + RECORD_LEAF_HASH, 32);
    copy(commitments, i * FIELD_COUNT * 32, out, at + RECORD_COMMITMENTS, FIELD_COUNT * 32);
    setUint64(view, at + RECORD_TOTAL_FEN, row.totalFen);
    setUint64(view, at + RECORD_SHARE_A_FEN, row.shareAFen);
    setUint64(view, at + RECORD_SHARE_B_FEN, row.shareBFen);
    view.setUint16(at + RECORD_RATIO_BP, row.ratioBp);
    out[at + RECORD_TYPE] = TYPE_CODES.get(row.type)!;
    out[at + RECORD_STATUS] = STATUS_CODES.get(row.status)!;
    writeAscii(row.accountingDate, out, at + RECORD_ACCOUNTING_DATE);
    writeAscii(row.valueDate, out, at + RECORD_VALUE_DATE);
    writeAscii(row.currency, out, at + RECORD_CURRENCY);
    view.setUint32(at + RECORD_LINE, lines[i]);
  }
  return out;
}

/** SHA-256(0x00 ‖ salt_k ‖ ascii(texts[k])) for every k; messages of one length hashed in one call. */
function hashSaltedValues(salts: Uint8Array, texts: string[]): Uint8Array {
  const byLength = new Map<number, number[]>();
  texts.forEach((text, k) => {
    const group = byLength.get(text.length);
    if (group) group.push(k);
    else byLength.set(text.length, [k]);
  });
  const digests = new Uint8Array(texts.length * 32);
  for (const [length, members] of byLength) {
    const recordLength = 32 + length;
    const records = new Uint8Array(members.length * recordLength);
    members.forEach((k, j) => {
      copy(salts, k * 32, records, j * recordLength, 32);
      writeAscii(texts[k], records, j * recordLength + 32);
    });
    const hashed = sha256Many({ prefix: LEAF_PREFIX, records, recordLength });
    members.forEach((k, j) => copy(hashed, j * 32, digests, k * 32, 32));
  }
  return digests;
}

/** HMAC-SHA-256 (RFC 2104) under a 32-byte key, of ASCII messages of any lengths. */
export function hmacMany(key: Uint8Array, messages: string[]): Uint8Array {
  const byLength = new Map<number, number[]>();
  messages.forEach((message, k) => {
    const group = byLength.get(message.length);
    if (group) group.push(k);
    else byLength.set(message.length, [k]);
  });
  const macs = new Uint8Array(messages.length * 32);
  for (const [length, members] of byLength) {
    const flat = new Uint8Array(members.length * length);
    members.forEach((k, j) => writeAscii(messages[k], flat, j * length));
    const hashed = hmacFixed(key, flat, length);
    members.forEach((k, j) => copy(hashed, j * 32, macs, k * 32, 32));
  }
  return macs;
}

/** HMAC-SHA-256 of fixed-length messages packed back to back. */
export function hmacFixed(key: Uint8Array, messages: Uint8Array, messageLength: number): Uint8Array {
  if (key.length > 64) throw new RangeError('hmacFixed takes keys of at most 64 bytes.');
  const inner = new Uint8Array(64).fill(0x36);
  const outer = new Uint8Array(64).fill(0x5c);
  key.forEach((byte, i) => {
    inner[i] ^= byte;
    outer[i] ^= byte;
  });
  const count = messageLength === 0 ? 0 : messages.length / messageLength;
  const innerRecords = new Uint8Array(count * (64 + messageLength));
  for (let i = 0; i < count; i++) {
    copy(inner, 0, innerRecords, i * (64 + messageLength), 64);
    copy(messages, i * messageLength, innerRecords, i * (64 + messageLength) + 64, messageLength);
  }
  const innerHashes = sha256Many({ prefix: NO_PREFIX, records: innerRecords, recordLength: 64 + messageLength });
  const outerRecords = new Uint8Array(count * 96);
  for (let i = 0; i < count; i++) {
    copy(outer, 0, outerRecords, i * 96, 64);
    copy(innerHashes, i * 32, outerRecords, i * 96 + 64, 32);
  }
  return sha256Many({ prefix: NO_PREFIX, records: outerRecords, recordLength: 96 });
}

// Byte loops instead of set(subarray(...)): a subarray is an object, and millions of them kept the
// garbage collector busy for a third of the ingest's time.
function copy(from: Uint8Array, fromOffset: number, to: Uint8Array, toOffset: number, length: number): void {
  for (let i = 0; i < length; i++) to[toOffset + i] = from[fromOffset + i];
}

function writeAscii(text: string, to: Uint8Array, offset: number): void {
  for (let i = 0; i < text.length; i++) to[offset + i] = text.charCodeAt(i);
}

function setUint64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, Math.floor(value / 2 ** 32));
  view.setUint32(offset + 4, value >>> 0);
}
