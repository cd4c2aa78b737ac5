// Did the issuer named in the certificate sign exactly this certificate, and is that issuer one the
// caller trusts? The signature covers every field, so this is what protects the descriptive ones
// (file name, dates, ids) that the Merkle proof and the chain do not.
import type { Certificate } from './certificate-schema';
import { InvalidCertificateSignatureError, recoverCertificateSigner } from './recover-certificate-signer';
import { ISSUER_DOCUMENT_PATH } from './issuer-document';
import type { CheckCode, VerificationCheck } from './verification-report';

const ID = 'signature';

/** trustedIssuers: lowercase addresses; without it any key that signs its own name passes (and the message says so). */
export function checkSignature(certificate: Certificate, trustedIssuers?: readonly string[]): VerificationCheck {
  return checkIssuerSignature({
    document: certificate,
    recoverSigner: () => recoverCertificateSigner(certificate),
    trustedIssuers,
    signedDetails: signedSubjectDetails(certificate),
  });
}

/** What an issuer-signed document states about its signer: the issuer it names and the signature. */
export interface IssuerSignedDocument {
  issuer: { name: string; address: string };
  signature?: { scheme: 'eip712'; value: string };
}

/**
 * The signature check of any document the issuer signs with its certificate key (an evidence
 * certificate, a reconciliation certificate): the same outcomes and codes, one place. `recoverSigner`
 * recovers from the document's own typed data; `signedDetails` are shown only when the check passes,
 * because it is the signature that makes them the issuer's statement.
 */
export function checkIssuerSignature({
  document,
  recoverSigner,
  trustedIssuers,
  signedDetails = {},
}: {
  document: IssuerSignedDocument;
  recoverSigner: () => string;
  trustedIssuers?: readonly string[];
  signedDetails?: Record<string, string>;
}): VerificationCheck {
  const fail = (code: CheckCode, message: string, params?: Record<string, string>, details?: Record<string, string>): VerificationCheck => ({
    id: ID,
    status: 'fail',
    code,
    message,
    ...(params ? { params } : {}),
    ...(details ? { details } : {}),
  });
  const { issuer } = document;
  if (!document.signature) {
    return fail('signature.unsigned', 'The certificate is not signed, so nothing shows that the issuer it names produced it.');
  }

  let recovered: string;
  try {
    recovered = recoverSigner();
  } catch (error) {
    if (error instanceof InvalidCertificateSignatureError) {
      return fail('signature.invalid-encoding', error.message, { reason: error.reason }, { reason: error.reason });
    }
    const reason = error instanceof Error ? error.message : String(error);
    return fail('signature.unreadable', `The signature could not be checked: ${reason}`, { reason });
  }
  if (recovered !== issuer.address) {
    const params = { recoveredSigner: recovered, issuer: issuer.address };
    return fail(
      'signature.mismatch',
      'The signature does not match the certificate: it was altered after signing, or signed by another key ' +
        `(recovered ${recovered}, but the certificate names issuer ${issuer.address}).`,
      params,
      params,
    );
  }

  const details = { issuer: issuer.address, issuerName: issuer.name, ...signedDetails };
  if (trustedIssuers) {
    const trusted = trustedIssuers.map((address) => address.toLowerCase());
    if (!trusted.includes(recovered)) {
      return fail(
        'signature.untrusted',
        `Signed by ${recovered}, which is not a trusted Evident issuer (trusted: ${trusted.length ? trusted.join(', ') : 'none'}).`,
        { recoveredSigner: recovered, trusted: trusted.join(', ') },
        { issuer: issuer.address, issuerName: issuer.name },
      );
    }
    return {
      id: ID,
      status: 'pass',
      code: 'signature.trusted',
      message: `Signed by ${issuer.name} (${recovered}), a trusted issuer.`,
      params: { issuerName: issuer.name, signer: recovered },
      details,
    };
  }
  return {
    id: ID,
    status: 'pass',
    code: 'signature.not-pinned',
    message:
      `Signed by the key of the issuer the certificate names, ${issuer.name} (${recovered}). That issuer was not pinned, ` +
      `and anyone can sign a certificate in their own name: compare ${recovered} with the address the issuer publishes ` +
      `at ${ISSUER_DOCUMENT_PATH}.`,
    params: { issuerName: issuer.name, signer: recovered, issuerDocumentPath: ISSUER_DOCUMENT_PATH },
    details,
  };
}

/**
 * A version 3 certificate's subject and provenance (docs/proof-format.md section 15), as details of a
 * passing signature check only: it is the signature that makes them the issuer's statement. Values
 * that are null are left out. The client address, the sending user and the Idempotency-Key are never
 * in a certificate, so never here.
 */
export const SIGNED_SUBJECT_DETAIL_KEYS = [
  'organizationName',
  'organizationId',
  'title',
  'evidenceType',
  'loanReference',
  'borrowerName',
  'borrowerIdentifierHint',
  'channel',
  'sourceSystem',
  'sourceExportJobId',
  'sourceGeneratedAt',
  'sourceGenerationMethod',
  'sourceNote',
] as const;

export function signedSubjectDetails(certificate: Certificate): Record<string, string> {
  const { subject, provenance } = certificate;
  if (!subject || !provenance) return {};
  const entries: [string, string | null | undefined][] = [
    ['organizationName', subject.organization?.name],
    ['organizationId', subject.organization?.id],
    ['title', subject.title],
    ['evidenceType', subject.evidenceType],
    ['loanReference', subject.loanReference],
    ['borrowerName', subject.borrower?.name],
    ['borrowerIdentifierHint', subject.borrower?.identifierHint],
    ['channel', provenance.channel],
    ['sourceSystem', provenance.source?.system],
    ['sourceExportJobId', provenance.source?.exportJobId],
    ['sourceGeneratedAt', provenance.source?.generatedAt],
    ['sourceGenerationMethod', provenance.source?.generationMethod],
    ['sourceNote', provenance.source?.note],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
