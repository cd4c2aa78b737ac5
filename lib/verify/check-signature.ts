// Did the issuer named in the certificate sign exactly this certificate, and is that issuer one the
// caller trusts? The signature covers every field, so this is what protects the descriptive ones
// (file name, dates, ids) that the Merkle proof and the chain do not.
import type { Certificate } from '../certificates/certificate-schema';
import { InvalidCertificateSignatureError, recoverCertificateSigner } from '../certificates/sign-certificate';
import { ISSUER_DOCUMENT_PATH } from './issuer-document';
import type { VerificationCheck } from './verification-report';

const ID = 'signature';

/** trustedIssuers: lowercase addresses; without it any key that signs its own name passes (and the message says so). */
export function checkSignature(certificate: Certificate, trustedIssuers?: readonly string[]): VerificationCheck {
  const fail = (message: string, details?: Record<string, string>): VerificationCheck => ({
    id: ID,
    status: 'fail',
    message,
    ...(details ? { details } : {}),
  });
  const { issuer } = certificate;
  if (!certificate.signature) {
    return fail('The certificate is not signed, so nothing shows that the issuer it names produced it.');
  }

  let recovered: string;
  try {
    recovered = recoverCertificateSigner(certificate);
  } catch (error) {
    if (error instanceof InvalidCertificateSignatureError) {
      return fail(error.message, { reason: error.reason });
    }
    return fail(`The signature could not be checked: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (recovered !== issuer.address) {
    return fail(
      'The signature does not match the certificate: it was altered after signing, or signed by another key ' +
        `(recovered ${recovered}, but the certificate names issuer ${issuer.address}).`,
      { recoveredSigner: recovered, issuer: issuer.address },
    );
  }

  const details = { issuer: issuer.address, issuerName: issuer.name };
  if (trustedIssuers) {
    const trusted = trustedIssuers.map((address) => address.toLowerCase());
    if (!trusted.includes(recovered)) {
      return fail(
        `Signed by ${recovered}, which is not a trusted Evident issuer (trusted: ${trusted.length ? trusted.join(', ') : 'none'}).`,
        details,
      );
    }
    return { id: ID, status: 'pass', message: `Signed by ${issuer.name} (${recovered}), a trusted issuer.`, details };
  }
  return {
    id: ID,
    status: 'pass',
    message:
      `Signed by the key of the issuer the certificate names, ${issuer.name} (${recovered}). That issuer was not pinned, ` +
      `and anyone can sign a certificate in their own name: compare ${recovered} with the address the issuer publishes ` +
      `at ${ISSUER_DOCUMENT_PATH}.`,
    details,
  };
}
