// Recovers the key that signed a certificate, accepting only the one canonical encoding of a
// signature. Part of the browser-safe proof core: every verifier calls it.
import { recoverAddress, TypedDataEncoder } from 'ethers';
import { certificateTypedData, type CertificateTypedData } from './certificate-typed-data';
import type { Certificate } from './certificate-schema';
import { DomainError } from './domain-error';
import { fromHex } from './hex';

export type InvalidCertificateSignatureReason =
  | 'unsigned'
  | 'not-65-bytes'
  | 'invalid-v'
  | 'r-out-of-range'
  | 's-out-of-range'
  | 'unencodable'
  | 'unrecoverable';

export class InvalidCertificateSignatureError extends DomainError {
  readonly code = 'invalid-certificate-signature';
  constructor(
    readonly reason: InvalidCertificateSignatureReason,
    message: string,
  ) {
    super(message);
  }
}

// Order n of the secp256k1 group.
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * The lowercase address of the key that signed the certificate. It does not say whether that key is
 * the issuer's: compare it with issuer.address and with the issuer's published address.
 *
 * Only the one canonical encoding of a signature is accepted (v of 27 or 28, s in the lower half of
 * the curve order, as EIP-2 requires of transactions), so a certificate cannot be re-encoded into a
 * second, different-looking file that verifies just the same.
 * Throws InvalidCertificateSignatureError.
 */
export function recoverCertificateSigner(certificate: Certificate): string {
  if (!certificate.signature) {
    throw new InvalidCertificateSignatureError('unsigned', 'The certificate is not signed.');
  }
  return recoverTypedDataSigner(certificate.signature.value, () => certificateTypedData(certificate));
}

/**
 * The same recovery for any document the issuer signs as EIP-712 typed data with its certificate key
 * (a reconciliation certificate: docs/reconciliation-format.md section 12): one canonical encoding,
 * one way to fail. `typedData` is called once, inside the guard that reports an unencodable document.
 */
export function recoverTypedDataSigner(signature: string, typedData: () => CertificateTypedData): string {
  checkCanonicalSignature(signature);
  let digest: string;
  try {
    const { domain, types, value } = typedData();
    digest = TypedDataEncoder.hash(domain, types, value);
  } catch (error) {
    throw new InvalidCertificateSignatureError(
      'unencodable',
      `The certificate cannot be encoded as EIP-712 typed data, so no signature can cover it (${messageOf(error)}).`,
    );
  }
  try {
    return recoverAddress(digest, signature).toLowerCase();
  } catch (error) {
    throw new InvalidCertificateSignatureError('unrecoverable', malformed(`no public key can be recovered from it (${messageOf(error)})`));
  }
}

function malformed(detail: string): string {
  return `The certificate signature is malformed: ${detail}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Throws InvalidCertificateSignatureError unless the signature is 65 bytes, v 27 or 28, low s. */
export function checkCanonicalSignature(signature: string): void {
  let bytes: Uint8Array;
  try {
    bytes = fromHex(signature, 65);
  } catch (error) {
    throw new InvalidCertificateSignatureError('not-65-bytes', malformed(`it is not 65 bytes of hex (${messageOf(error)})`));
  }
  const r = bigEndian(bytes.subarray(0, 32));
  const s = bigEndian(bytes.subarray(32, 64));
  const v = bytes[64];
  if (v !== 27 && v !== 28) {
    throw new InvalidCertificateSignatureError('invalid-v', malformed(`its last byte (v) is ${v}; it must be 27 or 28`));
  }
  if (r === 0n || r >= SECP256K1_N) {
    throw new InvalidCertificateSignatureError('r-out-of-range', malformed('its r value is not between 1 and n - 1 (n: the secp256k1 group order)'));
  }
  if (s === 0n || s > SECP256K1_N / 2n) {
    throw new InvalidCertificateSignatureError(
      's-out-of-range',
      malformed('its s value is not between 1 and n / 2; only the low-s form of a signature is canonical'),
    );
  }
}

function bigEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}
