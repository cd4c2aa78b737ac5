// A record a bank disclosed to the regulator (§13.2): the row's inclusion in the bank's committed
// side (the §6.2 proof) and, for each committed field read back from the side record, its canonical
// value, salt, commitment and field path, the opening the field-mismatch proof carries (§6.4), so
// the regulator checks every value against the row's fieldsRoot and the side's root, not Evident's
// word. The identity (f = 0) is not in side records (§4.2) and is not disclosed. Minting is
// Node-only (side files); verifying is pure.
import { bytesEqual } from '../proof/bytes-equal';
import { fromHex, toHex } from '../proof/hex';
import { InvalidProofError } from '../proof/merkle-errors';
import { rootFromInclusionProof } from '../proof/verify-inclusion-proof';
import { commitField, fieldSalt, rowSeed } from './commit-row';
import type { PairKeys } from './derive-pair-keys';
import { fieldTreePath } from './field-tree';
import { commitmentsOf, mintInclusionProof, storedFieldValue } from './mint-reconciliation-proofs';
import type { InclusionProof } from './reconciliation-proof-schema';
import { COMMITTED_FIELDS, FIELD_COUNT, type CommittedField } from './row-format';
import type { SideTree } from './side-tree';
import { verifyRowInclusion, type TrustedSide } from './verify-reconciliation-proof';

/** The fields a disclosure opens: every committed field a side record stores. */
export const DISCLOSED_FIELDS = COMMITTED_FIELDS.filter((field) => field !== 'identity');

export interface RecordDisclosure {
  inclusion: InclusionProof;
  fields: Array<{ field: CommittedField; value: string; salt: string; commitment: string; fieldPath: string[] }>;
}

export function mintRecordDisclosure({ tree, index, keys }: { tree: SideTree; index: number; keys: PairKeys }): RecordDisclosure {
  const record = tree.record(index);
  const commitments = commitmentsOf(record);
  const seed = rowSeed(keys, record.subarray(0, 32));
  return {
    inclusion: mintInclusionProof(tree, index),
    fields: DISCLOSED_FIELDS.map((field) => {
      const f = COMMITTED_FIELDS.indexOf(field);
      return {
        field,
        value: storedFieldValue(record, field),
        salt: toHex(fieldSalt(seed, f)),
        commitment: toHex(commitments[f]),
        fieldPath: fieldTreePath(commitments, f).map(toHex),
      };
    }),
  };
}

export type DisclosureVerdict = { valid: true } | { valid: false; message: string };

const utf8 = new TextEncoder();

/** Checks a disclosure against the side the bank committed and the record that was asked for. */
export function verifyRecordDisclosure(
  disclosure: RecordDisclosure,
  expected: { side: TrustedSide; key: string; leafIndex: number },
): DisclosureVerdict {
  const inclusion = verifyRowInclusion(disclosure.inclusion, expected.side);
  if (!inclusion.valid) return { valid: false, message: inclusion.message };
  const { leaf } = disclosure.inclusion;
  if (leaf.key !== expected.key || leaf.index !== expected.leafIndex) {
    return { valid: false, message: `The disclosed row is leaf ${leaf.index} with key ${leaf.key}, not the record asked for.` };
  }
  const fieldsRoot = fromHex(leaf.fieldsRoot, 32);
  for (const opened of disclosure.fields) {
    const f = COMMITTED_FIELDS.indexOf(opened.field);
    if (f <= 0) return { valid: false, message: `${JSON.stringify(opened.field)} is not a disclosed field.` };
    const commitment = fromHex(opened.commitment, 32);
    if (!bytesEqual(commitField(fromHex(opened.salt, 32), utf8.encode(opened.value)), commitment)) {
      return { valid: false, message: `The value ${JSON.stringify(opened.value)} and salt do not give the ${opened.field} commitment.` };
    }
    try {
      const root = rootFromInclusionProof({ leafHash: commitment, leafIndex: f, treeSize: FIELD_COUNT, proof: opened.fieldPath.map((hash) => fromHex(hash, 32)) });
      if (!bytesEqual(root, fieldsRoot)) return { valid: false, message: `The ${opened.field} commitment does not lead to the row's fields root.` };
    } catch (error) {
      if (error instanceof InvalidProofError) return { valid: false, message: `The ${opened.field} field path: ${error.message}` };
      throw error;
    }
  }
  return { valid: true };
}
