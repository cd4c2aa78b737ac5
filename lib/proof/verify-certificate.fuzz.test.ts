// Property-based: whatever is done to the signed vector certificate, the verifier answers (it never
// throws) and accepts it only if the change was no change at all. A failure prints the seed and the
// shrunk mutation list; rerun it by setting `seed` (and `path`) in the fc.assert options below.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import manifest from '../../docs/vectors/certificate-vectors.json';
import { inMemoryAnchorLookup } from './__fixtures__/in-memory-anchor-lookup';
import type { RevocationLookup } from './revocation-status';
import { verifyCertificate } from './verify-certificate';

const SEED = 20260101;
const NUM_RUNS = 1000;

const validText = readFileSync(path.resolve(__dirname, '../../docs/vectors/valid.certificate.json'), 'utf8');
const original: unknown = JSON.parse(validText);
const fileSha256 = sha256(utf8ToBytes(manifest.cases[0].fileContentAscii));
// Knows the genuine anchor and the anchoring member's previous one.
const chain = inMemoryAnchorLookup(manifest.chain);
const notRevoked: RevocationLookup = async () => ({ revoked: false });

type Segment = string | number;
type JsonPath = Segment[];

function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return here;
}

function valueAt(root: unknown, at: JsonPath): unknown {
  let node = root;
  for (const segment of at) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<Segment, unknown>)[segment];
  }
  return node;
}

const allPaths = pathsOf(original);
const pathsWhere = (test: (value: unknown) => boolean) => allPaths.filter((p) => test(valueAt(original, p)));
const containerPaths = pathsWhere((v) => typeof v === 'object' && v !== null);
const arrayPaths = pathsWhere(Array.isArray);
const stringPaths = pathsWhere((v) => typeof v === 'string');
const hexPaths = pathsWhere((v) => typeof v === 'string' && /^0x[0-9a-f]+$/.test(v));
const numberPaths = pathsWhere((v) => typeof v === 'number');
const memberPaths = allPaths.filter((p) => p.length > 0);

type Mutation =
  | { kind: 'replace'; at: JsonPath; value: unknown }
  | { kind: 'keep'; at: JsonPath }
  | { kind: 'delete'; at: JsonPath }
  | { kind: 'add'; at: JsonPath; key: string; index: number; value: unknown }
  | { kind: 'flip-hex'; at: JsonPath; digit: number; xor: number }
  | { kind: 'number'; at: JsonPath; value: number }
  | { kind: 'truncate'; at: JsonPath; length: number }
  | { kind: 'edit-string'; at: JsonPath; position: number; remove: number; insert: string };

type TextMutation = { kind: 'text-edit'; position: number; remove: number; insert: string } | { kind: 'text-truncate'; length: number };

const unicode = fc.string({ unit: 'binary', maxLength: 12 });
// Values of every JSON type and then some that JSON cannot even carry.
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  unicode,
  fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 64, true, [], {}, '', '0x', '0x00'),
  fc.bigInt(),
);
const pick = (paths: JsonPath[]) => fc.constantFrom(...paths);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: pick(allPaths), value: anyValue }),
  fc.record({ kind: fc.constant('keep' as const), at: pick(allPaths) }),
  fc.record({ kind: fc.constant('delete' as const), at: pick(memberPaths) }),
  fc.record({
    kind: fc.constant('add' as const),
    at: pick(containerPaths),
    key: fc.oneof(unicode, fc.constantFrom('__proto__', 'signature', 'note')),
    index: fc.nat(),
    value: anyValue,
  }),
  fc.record({ kind: fc.constant('flip-hex' as const), at: pick(hexPaths), digit: fc.nat(), xor: fc.integer({ min: 1, max: 15 }) }),
  fc.record({
    kind: fc.constant('number' as const),
    at: pick(numberPaths),
    value: fc.oneof(fc.integer({ min: -3, max: 300 }), fc.double(), fc.constantFrom(2 ** 53, 2 ** 53 - 1, 2 ** 64, -0)),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: pick(arrayPaths), length: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('edit-string' as const), at: pick(stringPaths), position: fc.nat(), remove: fc.nat({ max: 3 }), insert: unicode }),
);

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('text-edit' as const), position: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.oneof(unicode, fc.constantFrom(' ', '\n', ',', '"', '}', '\\u0000')) }),
  fc.record({ kind: fc.constant('text-truncate' as const), length: fc.nat() }),
);

function apply(root: unknown, m: Mutation): unknown {
  if (m.at.length === 0) {
    if (m.kind === 'replace') return structuredClone(m.value);
    if (m.kind !== 'add') return root;
  }
  const parent = m.at.length === 0 ? undefined : valueAt(root, m.at.slice(0, -1));
  const key = m.at[m.at.length - 1];
  const target = valueAt(root, m.at);
  const set = (value: unknown) => {
    if (typeof parent === 'object' && parent !== null) (parent as Record<Segment, unknown>)[key] = value;
  };
  switch (m.kind) {
    case 'replace':
      set(structuredClone(m.value));
      break;
    case 'keep':
      set(structuredClone(target));
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else if (typeof parent === 'object' && parent !== null) delete (parent as Record<Segment, unknown>)[key];
      break;
    case 'add':
      // Arrays get an element: a named property on an array is not something JSON can carry.
      if (Array.isArray(target)) target.splice(m.index % (target.length + 1), 0, structuredClone(m.value));
      // defineProperty, so that "__proto__" becomes a field rather than a new prototype.
      else if (typeof target === 'object' && target !== null) {
        Object.defineProperty(target, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
      }
      break;
    case 'flip-hex':
      if (typeof target === 'string' && target.length > 2) {
        const i = 2 + (m.digit % (target.length - 2));
        const digit = (Number.parseInt(target[i], 16) ^ m.xor).toString(16);
        set(target.slice(0, i) + digit + target.slice(i + 1));
      }
      break;
    case 'number':
      if (typeof target === 'number') set(m.value);
      break;
    case 'truncate':
      if (Array.isArray(target)) target.length = Math.min(target.length, m.length);
      break;
    case 'edit-string':
      if (typeof target === 'string') set(splice(target, m.position, m.remove, m.insert));
      break;
  }
  return root;
}

function applyToText(text: string, m: TextMutation): string {
  return m.kind === 'text-truncate' ? text.slice(0, m.length % (text.length + 1)) : splice(text, m.position, m.remove, m.insert);
}

function splice(text: string, position: number, remove: number, insert: string): string {
  const at = position % (text.length + 1);
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** What the verifier effectively receives: text is read as JSON when it is JSON. */
function received(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input.startsWith('\uFEFF') ? input.slice(1) : input);
  } catch {
    return Symbol('not JSON');
  }
}

describe('verifyCertificate under random mutation', () => {
  it(`never throws, and accepts only unchanged certificates (seed ${SEED}, ${NUM_RUNS} runs)`, async () => {
    let unchanged = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.oneof(fc.constant(null), fc.array(textMutation, { minLength: 1, maxLength: 2 })),
        fc.boolean(),
        fc.boolean(),
        async (mutations, textMutations, pinIssuer, askRevocation) => {
          let document = structuredClone(original);
          for (const m of mutations) document = apply(document, m);
          let input: unknown = document;
          if (textMutations) {
            // JSON.stringify drops what JSON cannot hold (undefined, NaN becomes null), as a file would.
            const text = safeStringify(document);
            input = text === null ? document : textMutations.reduce(applyToText, text);
          }

          const report = await verifyCertificate({
            certificate: input,
            fileSha256,
            chain,
            ...(pinIssuer ? { trustedIssuers: manifest.trustedIssuers } : {}),
            ...(askRevocation ? { revocation: notRevoked } : {}),
          });

          if (isDeepStrictEqual(received(input), original)) {
            unchanged++;
            expect(report.valid).toBe(true);
            expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
          } else {
            expect(report.valid).toBe(false);
            expect(report.checks.some((c) => c.status === 'fail')).toBe(true);
          }
        },
      ),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    // Guards against a generator that only ever produces no-ops (or never does).
    expect(unchanged).toBeGreaterThan(0);
    expect(unchanged).toBeLessThan(NUM_RUNS / 4);
  });
});

function safeStringify(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null; // a bigint somewhere: hand over the object instead
  }
}
