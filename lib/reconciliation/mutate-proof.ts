// Named ways to spoil a valid proof, each of which a verifier must reject: used by the vectors
// script (the bad vectors) and the mutated-corpus test. A mutation that does not apply to a given
// proof (no path element to drop) returns null.
import type { AbsenceProof, FieldMismatchProof, InclusionProof, ReconciliationProof } from './reconciliation-proof-schema';
import { COMMITTED_FIELDS } from './row-format';

type Mutation<P> = (proof: P) => P | null;

const flipLastDigit = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
const clone = <P>(proof: P): P => JSON.parse(JSON.stringify(proof)) as P;

export const INCLUSION_MUTATIONS: Record<string, Mutation<InclusionProof>> = {
  'path-byte-flipped': (p) => (p.path.length ? { ...clone(p), path: p.path.map((h, i) => (i === 0 ? flipLastDigit(h) : h)) } : null),
  'path-element-dropped': (p) => (p.path.length ? { ...clone(p), path: p.path.slice(1) } : null),
  'path-element-added': (p) => ({ ...clone(p), path: [...p.path, p.leaf.key] }),
  'leaf-index-altered': (p) => (p.side.rowCount > 1 ? { ...clone(p), leaf: { ...p.leaf, index: p.leaf.index === 0 ? 1 : p.leaf.index - 1 } } : null),
  'row-count-altered': (p) => ({ ...clone(p), side: { ...p.side, rowCount: p.side.rowCount * 2 + 1 } }),
  'root-altered': (p) => ({ ...clone(p), side: { ...p.side, root: flipLastDigit(p.side.root) } }),
  'key-altered': (p) => ({ ...clone(p), leaf: { ...p.leaf, key: flipLastDigit(p.leaf.key) } }),
  'fields-root-altered': (p) => ({ ...clone(p), leaf: { ...p.leaf, fieldsRoot: flipLastDigit(p.leaf.fieldsRoot) } }),
};

export const ABSENCE_MUTATIONS: Record<string, Mutation<AbsenceProof>> = {
  'key-equals-left-leaf': (p) => (p.left ? { ...clone(p), key: p.left.key } : null),
  'key-equals-right-leaf': (p) => (p.right ? { ...clone(p), key: p.right.key } : null),
  'leaves-not-adjacent': (p) => (p.left && p.right && p.left.index > 0 ? { ...clone(p), left: { ...p.left, index: p.left.index - 1 } } : null),
  'left-leaf-dropped': (p) => (p.left && p.right ? { ...clone(p), left: null } : null),
  'right-leaf-dropped': (p) => (p.left && p.right ? { ...clone(p), right: null } : null),
  'shared-path-byte-flipped': (p) => (p.sharedPath.length ? { ...clone(p), sharedPath: p.sharedPath.map((h, i) => (i === 0 ? flipLastDigit(h) : h)) } : null),
  'left-path-byte-flipped': (p) => (p.leftPath.length ? { ...clone(p), leftPath: p.leftPath.map((h, i) => (i === 0 ? flipLastDigit(h) : h)) } : null),
  'right-path-byte-flipped': (p) => (p.rightPath.length ? { ...clone(p), rightPath: p.rightPath.map((h, i) => (i === 0 ? flipLastDigit(h) : h)) } : null),
  'root-altered': (p) => ({ ...clone(p), side: { ...p.side, root: flipLastDigit(p.side.root) } }),
  'row-count-altered': (p) => ({ ...clone(p), side: { ...p.side, rowCount: p.side.rowCount + 1 } }),
  'right-fields-root-altered': (p) => (p.right ? { ...clone(p), right: { ...p.right, fieldsRoot: flipLastDigit(p.right.fieldsRoot) } } : null),
};

export const FIELD_MISMATCH_MUTATIONS: Record<string, Mutation<FieldMismatchProof>> = {
  'commitment-a-altered': (p) => ({ ...clone(p), a: { ...p.a, commitment: flipLastDigit(p.a.commitment) } }),
  'commitments-made-equal': (p) => ({ ...clone(p), b: { ...p.b, commitment: p.a.commitment } }),
  'field-path-byte-flipped': (p) => ({ ...clone(p), b: { ...p.b, fieldPath: p.b.fieldPath.map((h, i) => (i === 0 ? flipLastDigit(h) : h)) } }),
  'field-renamed': (p) => ({ ...clone(p), field: COMMITTED_FIELDS[(COMMITTED_FIELDS.indexOf(p.field) + 1) % COMMITTED_FIELDS.length] }),
  'key-altered': (p) => ({ ...clone(p), key: flipLastDigit(p.key) }),
  'side-b-path-dropped': (p) => (p.b.path.length ? { ...clone(p), b: { ...p.b, path: p.b.path.slice(1) } } : null),
  'side-a-index-altered': (p) => (p.a.side.rowCount > 1 ? { ...clone(p), a: { ...p.a, index: p.a.index === 0 ? 1 : p.a.index - 1 } } : null),
  'opening-value-altered': (p) => (p.opening ? { ...clone(p), opening: { ...p.opening, a: p.opening.b } } : null),
  'opening-salt-altered': (p) => (p.opening ? { ...clone(p), opening: { ...p.opening, salt: flipLastDigit(p.opening.salt) } } : null),
  'unknown-member': (p) => ({ ...clone(p), note: 'added' }) as FieldMismatchProof,
};

export function mutationsFor(proof: ReconciliationProof): [string, ReconciliationProof][] {
  const table = (
    proof.kind === 'reconciliation-inclusion' ? INCLUSION_MUTATIONS : proof.kind === 'reconciliation-absence' ? ABSENCE_MUTATIONS : FIELD_MISMATCH_MUTATIONS
  ) as unknown as Record<string, Mutation<ReconciliationProof>>;
  return Object.entries(table).flatMap(([name, mutate]) => {
    const mutated = mutate(proof);
    return mutated ? [[name, mutated] as [string, ReconciliationProof]] : [];
  });
}
