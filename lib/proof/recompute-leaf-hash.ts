// The leaf hash as it must have been when the batch was sealed, rebuilt from the certificate's own
// fields rather than trusted from leaf.hash.
import type { Certificate } from './certificate-schema';
import { fromHex } from './hex';
import { encodeLeaf, LEAF_FORMAT_VERSION } from './encode-leaf';
import { hashLeaf } from './hash-leaf';

/** Null when the certificate uses a leaf format this verifier does not know. */
export function recomputeLeafHash(certificate: Certificate): Uint8Array | null {
  if (certificate.leaf.version !== LEAF_FORMAT_VERSION) return null;
  return hashLeaf(
    encodeLeaf({
      contentSha256: fromHex(certificate.evidence.sha256, 32),
      salt: fromHex(certificate.leaf.salt, 32),
      sequence: BigInt(certificate.evidence.sequence),
    }),
  );
}
