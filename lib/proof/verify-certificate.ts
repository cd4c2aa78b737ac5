// The one verification routine. It never throws: whatever is wrong ends up in the report, on the
// check it concerns, in words a non-specialist can act on. It reads both documents the issuer signs:
// an evidence certificate (docs/proof-format.md), and a reconciliation certificate, recognised by its
// top-level `kind` (docs/reconciliation-format.md section 12), whose checks live beside the
// reconciliation proofs they run.
import type { AnchorLookup } from './anchor-lookup';
import { CertificateFormatError, parseCertificate, type Certificate } from './certificate-schema';
import { checkChainAnchor } from './check-chain-anchor';
import { checkFileHash } from './check-file-hash';
import { checkInclusionProof } from './check-inclusion-proof';
import { checkLeaf } from './check-leaf';
import { checkRevocation } from './check-revocation';
import { checkSignature } from './check-signature';
import { checkTimestamp } from './check-timestamp';
import { recomputeLeafHash } from './recompute-leaf-hash';
import type { RevocationLookup } from './revocation-status';
import type { VerificationCheck, VerificationReport } from './verification-report';
import { isReconciliationDocument, verifyReconciliationCertificate } from '../reconciliation/verify-reconciliation-certificate';

export interface VerifyCertificateOptions {
  /** A parsed object, a Certificate, the certificate file's text (parsed strictly), or the
   * CertificateFormatError a caller's own strict parse already found (POST /api/v1/verify's body).
   * A reconciliation certificate is checked by its own checks; it has no file, anchor, revocation
   * status or timestamp in version 1, so only trustedIssuers applies to it. */
  certificate: unknown;
  /** SHA-256 of the file being checked; without it the file-hash check is skipped. */
  fileSha256?: Uint8Array;
  /** Chain access; without it the chain-anchor check is skipped. */
  chain?: AnchorLookup;
  /**
   * Lowercase addresses of the issuers the caller trusts (from their /.well-known/evident-issuer.json).
   * Without it the signature check only proves that the issuer the certificate names signed it.
   */
  trustedIssuers?: string[];
  /** The issuer's revocation status for a serial; without it the revocation check is skipped. */
  revocation?: RevocationLookup;
  /** DER certificates of the TSA roots the caller trusts; without them a version 2 certificate's
   * timestamp is checked against the root it carries, and the check says it was not pinned. */
  trustedTsaRoots?: Uint8Array[];
}

export async function verifyCertificate({
  certificate,
  fileSha256,
  chain,
  trustedIssuers,
  revocation,
  trustedTsaRoots,
}: VerifyCertificateOptions): Promise<VerificationReport> {
  if (isReconciliationDocument(certificate)) return verifyReconciliationCertificate({ certificate, trustedIssuers });
  let parsed: Certificate;
  if (certificate instanceof CertificateFormatError) return { valid: false, checks: [formatFailure(certificate)] };
  try {
    parsed = parseCertificate(certificate);
  } catch (error) {
    if (!(error instanceof CertificateFormatError)) throw error;
    return { valid: false, checks: [formatFailure(error)] };
  }

  const leafHash = recomputeLeafHash(parsed);
  const checks: VerificationCheck[] = [
    {
      id: 'certificate-format',
      status: 'pass',
      code: 'certificate-format.valid',
      message: `The certificate is well-formed (format evident.certificate, version ${parsed.version}).`,
    },
    checkFileHash(parsed, fileSha256),
    checkLeaf(parsed, leafHash),
    checkInclusionProof(parsed, leafHash),
    await checkChainAnchor(parsed, chain),
    checkSignature(parsed, trustedIssuers),
    await checkRevocation(parsed, revocation),
    await checkTimestamp(parsed, trustedTsaRoots),
  ];
  return { valid: checks.every((check) => check.status !== 'fail'), checks, certificate: parsed };
}

function formatFailure(error: CertificateFormatError): VerificationCheck {
  return {
    id: 'certificate-format',
    status: 'fail',
    code: 'certificate-format.invalid',
    message: `The certificate is not a valid Evident certificate: ${error.message}`,
    params: { fields: error.issues.map((issue) => issue.path).join(', ') },
    details: Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message])),
  };
}
