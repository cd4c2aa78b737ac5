// The EIP-712 typed data an issuer signs for a certificate (spec: docs/proof-format.md section 9).
// Every field of the certificate is in the struct, descriptive ones included, so that changing any of
// them (a file name, a date, the issuer's name) invalidates the signature.
import type { TypedDataDomain, TypedDataField } from 'ethers';
import type { UnsignedCertificate } from './certificate-schema';

/**
 * No chainId or verifyingContract: a certificate is checked off chain, and the chain it was anchored
 * on is already a signed field (chainId) of the struct.
 */
export const CERTIFICATE_EIP712_DOMAIN = { name: 'Evident Certificate', version: '1' } as const satisfies TypedDataDomain;

// The field order is part of the signature (it fixes the type hash): never reorder. Adding a field
// changes the type hash too, so certificates signed under an older list no longer verify and must be
// re-signed (issuing re-signs from the database on every download).
export const CERTIFICATE_EIP712_TYPES = {
  Certificate: [
    { name: 'serial', type: 'string' },
    { name: 'issuerName', type: 'string' },
    { name: 'issuer', type: 'address' },
    { name: 'evidenceId', type: 'string' },
    { name: 'sequence', type: 'uint64' },
    { name: 'fileName', type: 'string' },
    { name: 'size', type: 'uint64' },
    { name: 'mediaType', type: 'string' },
    { name: 'sha256', type: 'bytes32' },
    { name: 'submittedAt', type: 'string' },
    { name: 'leafVersion', type: 'uint8' },
    { name: 'salt', type: 'bytes32' },
    { name: 'leafHash', type: 'bytes32' },
    { name: 'leafIndex', type: 'uint64' },
    { name: 'treeSize', type: 'uint64' },
    { name: 'proofPath', type: 'bytes32[]' },
    { name: 'root', type: 'bytes32' },
    { name: 'proofAlgorithm', type: 'string' },
    { name: 'chainId', type: 'uint256' },
    { name: 'contract', type: 'address' },
    { name: 'anchorSubmitter', type: 'address' },
    { name: 'previousRoot', type: 'bytes32' },
    { name: 'txHash', type: 'bytes32' },
    { name: 'blockNumber', type: 'uint64' },
    { name: 'blockTime', type: 'uint64' },
    { name: 'batchId', type: 'string' },
    { name: 'issuedAt', type: 'string' },
  ],
} as const satisfies Record<string, readonly TypedDataField[]>;

export interface CertificateTypedData {
  domain: TypedDataDomain;
  types: Record<string, TypedDataField[]>;
  value: Record<string, unknown>;
}

/** Arguments for ethers' signTypedData / verifyTypedData / TypedDataEncoder.hash, in that order. */
export function certificateTypedData(certificate: UnsignedCertificate): CertificateTypedData {
  const { serial, issuer, evidence, leaf, proof, anchor, issuedAt } = certificate;
  return {
    domain: { ...CERTIFICATE_EIP712_DOMAIN },
    types: { Certificate: CERTIFICATE_EIP712_TYPES.Certificate.map((field) => ({ ...field })) },
    value: {
      serial,
      issuerName: issuer.name,
      issuer: issuer.address,
      evidenceId: evidence.id,
      sequence: BigInt(evidence.sequence),
      fileName: evidence.fileName,
      size: evidence.size,
      mediaType: evidence.mediaType,
      sha256: evidence.sha256,
      submittedAt: evidence.submittedAt,
      leafVersion: leaf.version,
      salt: leaf.salt,
      leafHash: leaf.hash,
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      proofPath: [...proof.path],
      root: proof.root,
      proofAlgorithm: proof.algorithm,
      chainId: BigInt(anchor.chainId),
      contract: anchor.contract,
      anchorSubmitter: anchor.submitter,
      previousRoot: anchor.previousRoot,
      txHash: anchor.txHash,
      blockNumber: BigInt(anchor.blockNumber),
      blockTime: BigInt(anchor.blockTime),
      batchId: anchor.batchId,
      issuedAt,
    },
  };
}
