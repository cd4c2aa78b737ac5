// Binds the certificate's file hash, salt and sequence to the leaf hash it claims.
import type { Certificate } from './certificate-schema';
import { toHex } from './hex';
import { LEAF_FORMAT_VERSION } from './encode-leaf';
import type { VerificationCheck } from './verification-report';

export function checkLeaf(certificate: Certificate, recomputedLeafHash: Uint8Array | null): VerificationCheck {
  const id = 'leaf';
  const { leaf, evidence } = certificate;
  if (recomputedLeafHash === null) {
    return {
      id,
      status: 'fail',
      code: 'leaf.unsupported-version',
      message: `Leaf format version ${leaf.version} is not supported: this verifier knows leaf version ${LEAF_FORMAT_VERSION} only.`,
      params: { version: String(leaf.version), supportedVersion: String(LEAF_FORMAT_VERSION) },
    };
  }
  const recomputed = toHex(recomputedLeafHash);
  if (recomputed !== leaf.hash) {
    return {
      id,
      status: 'fail',
      code: 'leaf.mismatch',
      message:
        `Recomputing the leaf from the file's SHA-256, the salt and sequence ${evidence.sequence} gives ${recomputed}, ` +
        `but the certificate states ${leaf.hash}: one of these fields was altered.`,
      params: { sequence: String(evidence.sequence), recomputedLeafHash: recomputed, certificateLeafHash: leaf.hash },
      details: { recomputedLeafHash: recomputed, certificateLeafHash: leaf.hash },
    };
  }
  return {
    id,
    status: 'pass',
    code: 'leaf.match',
    message: `The leaf hash ${recomputed} is reproduced from the file's SHA-256, the salt and sequence ${evidence.sequence}.`,
    params: { leafHash: recomputed, sequence: String(evidence.sequence) },
    details: { leafHash: recomputed },
  };
}
