// SHA-256(prefix ‖ record) for every fixed-length record in a flat buffer, into a flat buffer of
// 32-byte digests: how the sealer hashes a million leaves and their inner nodes without a call into
// node:crypto (and an allocation) per hash. The work is done by the SIMD module that
// emit-sha256-many-wasm.ts generates, compiled once per (prefix, record length).
import { emitSha256ManyWasm, SHA256_LANES } from './emit-sha256-many-wasm';

/** Records copied into WebAssembly memory per call: a few hundred KiB, so memory stays small. */
const RECORDS_PER_CALL = 4096;
/** Where the first record sits in WebAssembly memory; the prefix (≤ 8 bytes) is read before it. */
const INPUT_OFFSET = 16;
const PAGE_BYTES = 65536;

interface CompiledHasher {
  memory: WebAssembly.Memory;
  hash: (streamStart: number, out: number, groups: number) => void;
  outputOffset: number;
}

const hashers = new Map<string, CompiledHasher>();

export function sha256Many({
  prefix,
  records,
  recordLength,
}: {
  prefix: Uint8Array;
  /** count × recordLength bytes. */
  records: Uint8Array;
  recordLength: number;
}): Uint8Array {
  if (!Number.isSafeInteger(recordLength) || recordLength < 1) {
    throw new RangeError(`recordLength must be a positive integer, got ${recordLength}.`);
  }
  if (records.length % recordLength !== 0) {
    throw new RangeError(`records is ${records.length} bytes, not a whole number of ${recordLength}-byte records.`);
  }
  const count = records.length / recordLength;
  const digests = new Uint8Array(count * 32);
  if (count === 0) return digests;
  const hasher = compiledHasher(prefix, recordLength);
  for (let first = 0; first < count; first += RECORDS_PER_CALL) {
    const n = Math.min(RECORDS_PER_CALL, count - first);
    // A view per call: memory.buffer is replaced if the memory ever grows.
    const memory = new Uint8Array(hasher.memory.buffer);
    memory.set(records.subarray(first * recordLength, (first + n) * recordLength), INPUT_OFFSET);
    hasher.hash(INPUT_OFFSET - prefix.length, hasher.outputOffset, Math.ceil(n / SHA256_LANES));
    digests.set(memory.subarray(hasher.outputOffset, hasher.outputOffset + n * 32), first * 32);
  }
  return digests;
}

function compiledHasher(prefix: Uint8Array, recordLength: number): CompiledHasher {
  const key = `${Array.from(prefix).join(',')}/${recordLength}`;
  let hasher = hashers.get(key);
  if (!hasher) {
    const module = new WebAssembly.Module(emitSha256ManyWasm({ prefix, recordLength }));
    const exports = new WebAssembly.Instance(module).exports as {
      memory: WebAssembly.Memory;
      hash: CompiledHasher['hash'];
    };
    // The last group may read up to three records past the chunk, plus a partial word.
    const inputEnd = INPUT_OFFSET + (RECORDS_PER_CALL + SHA256_LANES) * recordLength + 8;
    const outputOffset = Math.ceil(inputEnd / 16) * 16;
    const pages = Math.ceil((outputOffset + (RECORDS_PER_CALL + SHA256_LANES) * 32) / PAGE_BYTES);
    exports.memory.grow(pages - exports.memory.buffer.byteLength / PAGE_BYTES);
    hasher = { memory: exports.memory, hash: exports.hash, outputOffset };
    hashers.set(key, hasher);
  }
  return hasher;
}
