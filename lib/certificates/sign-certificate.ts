// Issuer signatures over certificates: EIP-712 typed data signed with the issuer's secp256k1 key
// (docs/proof-format.md section 9). Signing runs on the server; recovery is in the proof core
// (lib/proof/recover-certificate-signer.ts) and runs anywhere, the browser verifier included.
import type { BaseWallet } from 'ethers';
import { DomainError } from '../errors';
import { parseCertificate, type Certificate, type UnsignedCertificate } from '../proof/certificate-schema';
import { certificateTypedData } from '../proof/certificate-typed-data';

export class IssuerKeyMismatchError extends DomainError {
  readonly code = 'issuer-key-mismatch';
  constructor(
    readonly signerAddress: string,
    readonly issuerAddress: string,
  ) {
    super(
      `The signing key belongs to ${signerAddress}, but the certificate names issuer ${issuerAddress}: ` +
        'sign with the key whose address the certificate states as issuer.address.',
    );
  }
}

/**
 * Signs a certificate as its issuer. The certificate is validated first, and the key must be the one
 * whose address the certificate names as issuer.address. Any signature it carried is replaced.
 */
export async function signCertificate(unsigned: UnsignedCertificate, signer: BaseWallet): Promise<Certificate> {
  const { signature: _previous, ...certificate } = parseCertificate(unsigned);
  const signerAddress = signer.address.toLowerCase();
  if (signerAddress !== certificate.issuer.address.toLowerCase()) {
    throw new IssuerKeyMismatchError(signerAddress, certificate.issuer.address);
  }
  const { domain, types, value } = certificateTypedData(certificate);
  const signature = await signer.signTypedData(domain, types, value);
  return { ...certificate, signature: { scheme: 'eip712', value: signature.toLowerCase() } };
}
