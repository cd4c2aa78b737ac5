// Evident's signature over a reconciliation document (a side receipt, a day's statement): the
// certificates' scheme (EIP-712 with the issuer's secp256k1 key, the canonical low-s encoding only,
// proof-format.md §9), over the SHA-256 of the document's RFC 8785 canonical bytes without its
// `signature` member. One struct for every kind, so the format name is signed with the digest and a
// receipt's signature can never be passed off as a statement's. Browser-safe.
import { sha256 } from '@noble/hashes/sha2.js';
import canonicalize from 'canonicalize';
import { recoverAddress, TypedDataEncoder, type BaseWallet, type TypedDataDomain, type TypedDataField } from 'ethers';
import { toHex } from '../proof/hex';
import { checkCanonicalSignature } from '../proof/recover-certificate-signer';

export const RECONCILIATION_EIP712_DOMAIN = { name: 'Evident Reconciliation', version: '1' } as const satisfies TypedDataDomain;

// Never reorder: the order fixes the type hash.
export const RECONCILIATION_EIP712_TYPES = {
  ReconciliationDocument: [
    { name: 'format', type: 'string' },
    { name: 'sha256', type: 'bytes32' },
  ],
} as const satisfies Record<string, readonly TypedDataField[]>;

export interface EvidentSignature {
  scheme: 'eip712';
  /** 65 bytes, 0x-hex, lowercase: r ‖ s ‖ v with v 27 or 28 and s in the lower half of the order. */
  value: string;
}

/** UTF-8 of the RFC 8785 canonical JSON of `body` (a document without its `signature`). */
export function canonicalDocumentBytes(body: object): Uint8Array {
  const text = canonicalize(body);
  if (text === undefined) throw new TypeError('The document has no JSON representation.');
  return new TextEncoder().encode(text);
}

/** The document's SHA-256 as 0x-hex: what is signed, what the next receipt chains to, what is anchored. */
export function documentSha256(body: object): string {
  return toHex(sha256(canonicalDocumentBytes(body)));
}

function typedData(format: string, digest: string) {
  return {
    domain: { ...RECONCILIATION_EIP712_DOMAIN },
    types: { ReconciliationDocument: RECONCILIATION_EIP712_TYPES.ReconciliationDocument.map((field) => ({ ...field })) },
    value: { format, sha256: digest },
  };
}

export async function signReconciliationDocument(format: string, body: object, signer: BaseWallet): Promise<EvidentSignature> {
  const { domain, types, value } = typedData(format, documentSha256(body));
  return { scheme: 'eip712', value: (await signer.signTypedData(domain, types, value)).toLowerCase() };
}

/** The lowercase address that signed `body` as `format`; throws on a malformed or non-canonical signature. */
export function recoverReconciliationSigner(format: string, body: object, signature: EvidentSignature): string {
  checkCanonicalSignature(signature.value);
  const { domain, types, value } = typedData(format, documentSha256(body));
  return recoverAddress(TypedDataEncoder.hash(domain, types, value), signature.value).toLowerCase();
}
