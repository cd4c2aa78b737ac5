// SHA-256(prefix ‖ record) for every fixed-length record in a flat buffer, into a flat buffer of
// 32-byte digests: how the sealer hashes a million leaves and their inner nodes without a call into
// node:crypto (and an allocation) per hash. The work is done by the SIMD module that
// emit-sha256-many-wasm.ts generates, compiled once per (prefix, record length).
import { emitSha256ManyWasm, MIDSTATE_BYTES, SHA256_LANES, sha256Midstate } from './emit-sha256-many-wasm';

/** Records copied into WebAssembly memory per call: a few hundred KiB, so memory stays small. */
const RECORDS_PER_CALL = 4096;
/** Where the first record sits in WebAssembly memory: after the midstate (address 0), then room for the prefix (≤ 8 bytes), read before it. */
const INPUT_OFFSET = MIDSTATE_BYTES + 16;
const PAGE_BYTES = 65536;

interface CompiledHasher {
  memory: WebAssembly.Memory;
  hash: (streamStart: number, out: number, groups: number) => void;
  outputOffset: number;
}

const hashers = new Map<string, CompiledHasher>();

/** Whole 64-byte blocks that every message starts with, already compressed (see {@link midstateOf}). */
export interface Sha256Midstate {
  state: Uint32Array;
  /** Bytes compressed into `state`: a multiple of 64. */
  length: number;
}

/** The midstate of messages that all start with `blocks` (whole 64-byte blocks, e.g. an HMAC key block). */
export function midstateOf(blocks: Uint8Array): Sha256Midstate {
  return { state: sha256Midstate(blocks), length: blocks.length };
}

export function sha256Many({
  midstate,
  prefix,
  records,
  recordLength,
  recordStride = recordLength,
}: {
  /** Blocks every message starts with, already compressed: digest m is SHA-256(those blocks ‖ prefix ‖ record m). */
  midstate?: Sha256Midstate;
  prefix: Uint8Array;
  /** count × recordStride bytes. */
  records: Uint8Array;
  recordLength: number;
  /** Bytes from one record's start to the next's (default recordLength): records padded to whole words are copied a word at a time by the caller. */
  recordStride?: number;
}): Uint8Array {
  if (!Number.isSafeInteger(recordLength) || recordLength < 1) {
    throw new RangeError(`recordLength must be a positive integer, got ${recordLength}.`);
  }
  if (!Number.isSafeInteger(recordStride) || recordStride < recordLength) {
    throw new RangeError(`recordStride must be an integer of at least recordLength (${recordLength}), got ${recordStride}.`);
  }
  if (records.length % recordStride !== 0) {
    throw new RangeError(`records is ${records.length} bytes, not a whole number of ${recordStride}-byte records.`);
  }
  const count = records.length / recordStride;
  const digests = new Uint8Array(count * 32);
  if (count === 0) return digests;
  const hasher = compiledHasher(prefix, recordLength, recordStride, midstate?.length ?? 0);
  if (midstate) {
    // Modules do not depend on the state (one per shape, whatever the key): it is written per call.
    const words = new DataView(hasher.memory.buffer, 0, MIDSTATE_BYTES);
    midstate.state.forEach((word, i) => words.setUint32(i * 4, word, true));
  }
  for (let first = 0; first < count; first += RECORDS_PER_CALL) {
    const n = Math.min(RECORDS_PER_CALL, count - first);
    // A view per call: memory.buffer is replaced if the memory ever grows.
    const memory = new Uint8Array(hasher.memory.buffer);
    memory.set(records.subarray(first * recordStride, (first + n) * recordStride), INPUT_OFFSET);
    hasher.hash(INPUT_OFFSET - prefix.length, hasher.outputOffset, Math.ceil(n / SHA256_LANES));
    digests.set(memory.subarray(hasher.outputOffset, hasher.outputOffset + n * 32), first * 32);
  }
  return digests;
}

function compiledHasher(prefix: Uint8Array, recordLength: number, recordStride: number, precededBy: number): CompiledHasher {
  const key = `${Array.from(prefix).join(',')}/${recordLength}/${recordStride}/${precededBy}`;
  let hasher = hashers.get(key);
  if (!hasher) {
    const module = new WebAssembly.Module(emitSha256ManyWasm({ prefix, recordLength, recordStride, precededBy }));
    const exports = new WebAssembly.Instance(module).exports as {
      memory: WebAssembly.Memory;
      hash: CompiledHasher['hash'];
    };
    // The last group may read up to three records past the chunk, plus a partial word.
    const inputEnd = INPUT_OFFSET + (RECORDS_PER_CALL + SHA256_LANES) * recordStride + 8;
    const outputOffset = Math.ceil(inputEnd / 16) * 16;
    const pages = Math.ceil((outputOffset + (RECORDS_PER_CALL + SHA256_LANES) * 32) / PAGE_BYTES);
    exports.memory.grow(pages - exports.memory.buffer.byteLength / PAGE_BYTES);
    hasher = { memory: exports.memory, hash: exports.hash, outputOffset };
    hashers.set(key, hasher);
  }
  return hasher;
}
