// Issues a reconciliation certificate (docs/reconciliation-format.md section 12): one v1 proof, the
// side(s) it is about as Evident attests them, signed with the issuer's certificate key (the key
// lib/certificates/load-issuer.ts loads, the signature scheme of sign-certificate.ts). A certificate
// whose proof does not hold against its attested sides is refused, never signed. Node-only.
import type { BaseWallet } from 'ethers';
import type { Issuer } from '../certificates/load-issuer';
import { newSerialNumber } from '../certificates/serial-number';
import { IssuerKeyMismatchError } from '../certificates/sign-certificate';
import { DomainError } from '../errors';
import {
  parseReconciliationCertificate,
  RECONCILIATION_CERTIFICATE_KIND,
  reconciliationCertificateTypedData,
  type AttestedSide,
  type CertificateClass,
  type ReconciliationCertificate,
  type UnsignedReconciliationCertificate,
} from './reconciliation-certificate';
import type { ReconciliationProof } from './reconciliation-proof-schema';
import { checkProofAgainstAttestedSides } from './verify-reconciliation-certificate';

export class UnprovableReconciliationCertificateError extends DomainError {
  readonly code = 'unprovable-reconciliation-certificate';
  constructor(
    /** The reconciliation-proof check's code: `reconciliation-proof.side-not-trusted` or `.invalid`. */
    readonly failure: string,
    message: string,
  ) {
    super(`The proof does not hold against the attested sides, so no certificate is issued: ${message}`);
  }
}

/**
 * Signs a reconciliation certificate as its issuer, after validating it (CertificateFormatError
 * otherwise). The key must be the one whose address the certificate names. It does not check the
 * proof: mintReconciliationCertificate does; the test vectors sign bad certificates through this.
 */
export async function signReconciliationCertificate(
  unsigned: UnsignedReconciliationCertificate,
  signer: BaseWallet,
): Promise<ReconciliationCertificate> {
  const { signature: _previous, ...certificate } = parseReconciliationCertificate(unsigned);
  const signerAddress = signer.address.toLowerCase();
  if (signerAddress !== certificate.issuer.address) throw new IssuerKeyMismatchError(signerAddress, certificate.issuer.address);
  const { domain, types, value } = reconciliationCertificateTypedData(certificate);
  const signature = await signer.signTypedData(domain, types, value);
  return { ...certificate, signature: { scheme: 'eip712', value: signature.toLowerCase() } };
}

export async function mintReconciliationCertificate({
  proof,
  pair,
  businessDate,
  breakClass,
  attestedSides,
  issuer,
  serial = newSerialNumber('EVR'),
  issuedAt = new Date(),
}: {
  proof: ReconciliationProof;
  pair: { id: string; bankA: string; bankB: string };
  businessDate: string;
  breakClass: CertificateClass;
  /** The side(s) the proof is about, as their signed receipts state them (one; two for a field mismatch, A first). */
  attestedSides: AttestedSide[];
  issuer: Pick<Issuer, 'name' | 'address' | 'wallet'>;
  serial?: string;
  issuedAt?: Date;
}): Promise<ReconciliationCertificate> {
  const unsigned = parseReconciliationCertificate({
    kind: RECONCILIATION_CERTIFICATE_KIND,
    version: 1,
    serial,
    issuer: { name: issuer.name, address: issuer.address },
    pair,
    businessDate,
    class: breakClass,
    attestedSides,
    proof,
    issuedAt: issuedAt.toISOString(),
  });
  const check = checkProofAgainstAttestedSides(unsigned);
  if (check.status === 'fail') throw new UnprovableReconciliationCertificateError(check.code, check.message);
  return signReconciliationCertificate(unsigned, issuer.wallet);
}
