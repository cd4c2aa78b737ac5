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
// re-signed: a new field list is a new format version (the version picks the list).
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

/** Format version 2: version 1's fields in the same order, then the RFC 3161 timestamp (token and
 * the TSA's certificate path, as DER bytes), so the signature covers it. Version 1 certificates keep
 * the version 1 list and verify as before. */
export const CERTIFICATE_V2_EIP712_TYPES = {
  Certificate: [
    ...CERTIFICATE_EIP712_TYPES.Certificate,
    { name: 'timestampToken', type: 'bytes' },
    { name: 'timestampCertificates', type: 'bytes[]' },
  ],
} as const satisfies Record<string, readonly TypedDataField[]>;

/** Format version 3 (section 15): version 2's fields in the same order (the timestamp empty while the
 * root has no token), then the subject and the provenance, flattened. Every nullable value is signed
 * as the empty string, which the schema never allows for a present value, so the mapping is one to
 * one. Strings are signed as the UTF-8 bytes of the JSON value, with no Unicode normalization. */
export const CERTIFICATE_V3_EIP712_TYPES = {
  Certificate: [
    ...CERTIFICATE_V2_EIP712_TYPES.Certificate,
    { name: 'organizationId', type: 'string' },
    { name: 'organizationName', type: 'string' },
    { name: 'title', type: 'string' },
    { name: 'evidenceType', type: 'string' },
    { name: 'loanReference', type: 'string' },
    { name: 'borrowerName', type: 'string' },
    { name: 'borrowerIdentifierHint', type: 'string' },
    { name: 'channel', type: 'string' },
    { name: 'sourceSystem', type: 'string' },
    { name: 'sourceExportJobId', type: 'string' },
    { name: 'sourceGeneratedAt', type: 'string' },
    { name: 'sourceGenerationMethod', type: 'string' },
    { name: 'sourceNote', type: 'string' },
  ],
} as const satisfies Record<string, readonly TypedDataField[]>;

const TYPES_BY_VERSION = {
  1: CERTIFICATE_EIP712_TYPES,
  2: CERTIFICATE_V2_EIP712_TYPES,
  3: CERTIFICATE_V3_EIP712_TYPES,
} as const;

export interface CertificateTypedData {
  domain: TypedDataDomain;
  types: Record<string, TypedDataField[]>;
  value: Record<string, unknown>;
}

/** Arguments for ethers' signTypedData / verifyTypedData / TypedDataEncoder.hash, in that order. */
export function certificateTypedData(certificate: UnsignedCertificate): CertificateTypedData {
  const { serial, issuer, evidence, leaf, proof, anchor, issuedAt, timestamp, subject, provenance } = certificate;
  const fields = TYPES_BY_VERSION[certificate.version].Certificate;
  return {
    domain: { ...CERTIFICATE_EIP712_DOMAIN },
    types: { Certificate: fields.map((field) => ({ ...field })) },
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
      ...(certificate.version >= 2
        ? {
            timestampToken: base64ToHex(timestamp?.token ?? ''),
            timestampCertificates: (timestamp?.certificates ?? []).map(base64ToHex),
          }
        : {}),
      ...(certificate.version === 3
        ? {
            organizationId: subject?.organization?.id ?? '',
            organizationName: subject?.organization?.name ?? '',
            title: subject?.title ?? '',
            evidenceType: subject?.evidenceType ?? '',
            loanReference: subject?.loanReference ?? '',
            borrowerName: subject?.borrower?.name ?? '',
            borrowerIdentifierHint: subject?.borrower?.identifierHint ?? '',
            channel: provenance?.channel ?? '',
            sourceSystem: provenance?.source?.system ?? '',
            sourceExportJobId: provenance?.source?.exportJobId ?? '',
            sourceGeneratedAt: provenance?.source?.generatedAt ?? '',
            sourceGenerationMethod: provenance?.source?.generationMethod ?? '',
            sourceNote: provenance?.source?.note ?? '',
          }
        : {}),
    },
  };
}

function base64ToHex(base64: string): string {
  let hex = '0x';
  for (const c of atob(base64)) hex += c.charCodeAt(0).toString(16).padStart(2, '0');
  return hex;
}
