// Walks the audit path from the recomputed leaf up to the root (RFC 9162 §2.1.3.2).
import type { Certificate } from './certificate-schema';
import { fromHex, toHex } from './hex';
import { InvalidProofError } from './merkle-errors';
import { rootFromInclusionProof } from './verify-inclusion-proof';
import type { VerificationCheck } from './verification-report';

export function checkInclusionProof(certificate: Certificate, recomputedLeafHash: Uint8Array | null): VerificationCheck {
  const id = 'inclusion-proof';
  const { leafIndex, treeSize, path, root } = certificate.proof;
  if (recomputedLeafHash === null) {
    return { id, status: 'skipped', code: 'inclusion-proof.no-leaf', message: 'Not checked: the leaf could not be recomputed (see the leaf check).' };
  }
  let computedRoot: string;
  try {
    computedRoot = toHex(
      rootFromInclusionProof({
        leafHash: recomputedLeafHash,
        leafIndex,
        treeSize,
        proof: path.map((hash) => fromHex(hash, 32)),
      }),
    );
  } catch (error) {
    if (!(error instanceof InvalidProofError)) throw error;
    return {
      id,
      status: 'fail',
      code: 'inclusion-proof.malformed',
      message: `The inclusion proof is malformed: ${error.message}`,
      params: { reason: error.reason },
      details: { reason: error.reason },
    };
  }
  if (computedRoot !== root) {
    return {
      id,
      status: 'fail',
      code: 'inclusion-proof.root-mismatch',
      message:
        `The proof path leads from leaf ${leafIndex} to ${computedRoot}, not to the certificate's root ${root}: ` +
        'the proof, the leaf or the root was altered.',
      params: { leafIndex: String(leafIndex), computedRoot, certificateRoot: root },
      details: { computedRoot, certificateRoot: root },
    };
  }
  return {
    id,
    status: 'pass',
    code: 'inclusion-proof.valid',
    message: `The proof path leads from leaf ${leafIndex} of a tree of ${treeSize} leaves to the root ${root}.`,
    params: { leafIndex: String(leafIndex), treeSize: String(treeSize), root },
    details: { root },
  };
}
