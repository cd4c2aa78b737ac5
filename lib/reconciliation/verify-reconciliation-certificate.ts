// The checks of a reconciliation certificate (docs/reconciliation-format.md section 12.6), in the
// report every verifier front end renders. Called by the proof core's verifyCertificate, which
// recognises the document by its `kind`: the browser /verify page, the CLI and POST /api/v1/verify
// reach it through that one function. Never throws; browser-safe.
import { CertificateFormatError } from '../proof/certificate-schema';
import { checkIssuerSignature } from '../proof/check-signature';
import { recoverTypedDataSigner } from '../proof/recover-certificate-signer';
import type { VerificationCheck, VerificationReport } from '../proof/verification-report';
import {
  isReconciliationDocument,
  parseReconciliationCertificate,
  reconciliationCertificateTypedData,
  type AttestedSide,
  type ReconciliationCertificate,
} from './reconciliation-certificate';
import type { ReconciliationProof } from './reconciliation-proof-schema';
import { verifyReconciliationProof, type TrustedSide } from './verify-reconciliation-proof';

// The proof core enters lib/reconciliation through this module only (eslint.config.js).
export { isReconciliationDocument, type ReconciliationCertificate };

export function verifyReconciliationCertificate({
  certificate,
  trustedIssuers,
}: {
  /** The file's text (parsed strictly), a parsed object, or a CertificateFormatError a caller's own strict parse found. */
  certificate: unknown;
  trustedIssuers?: readonly string[];
}): VerificationReport {
  let parsed: ReconciliationCertificate;
  try {
    if (certificate instanceof CertificateFormatError) throw certificate;
    parsed = parseReconciliationCertificate(certificate);
  } catch (error) {
    if (!(error instanceof CertificateFormatError)) throw error;
    return {
      valid: false,
      checks: [
        {
          id: 'certificate-format',
          status: 'fail',
          code: 'certificate-format.invalid',
          message: `The reconciliation certificate is not valid: ${error.message}`,
          params: { fields: error.issues.map((issue) => issue.path).join(', ') },
          details: Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message])),
        },
      ],
    };
  }
  const checks: VerificationCheck[] = [
    {
      id: 'certificate-format',
      status: 'pass',
      code: 'certificate-format.reconciliation-valid',
      message: `The reconciliation certificate is well-formed (kind reconciliation-certificate, version ${parsed.version}).`,
      params: { version: String(parsed.version) },
    },
    checkProofAgainstAttestedSides(parsed),
    checkIssuerSignature({
      document: parsed,
      recoverSigner: () => recoverTypedDataSigner(parsed.signature!.value, () => reconciliationCertificateTypedData(parsed)),
      trustedIssuers,
      signedDetails: signedFacts(parsed),
    }),
    {
      id: 'revocation',
      status: 'skipped',
      code: 'revocation.not-offered',
      message: 'Reconciliation certificates have no revocation status yet (version 1): there is nothing to ask the issuer.',
    },
  ];
  return { valid: checks.every((check) => check.status !== 'fail'), checks, reconciliationCertificate: parsed };
}

/** The proof holds, and the side(s) it is about are the ones the certificate attests (section 6.1). */
export function checkProofAgainstAttestedSides(certificate: ReconciliationCertificate): VerificationCheck {
  const { proof } = certificate;
  const attested = (bank: 'A' | 'B'): TrustedSide | undefined => certificate.attestedSides.find((side) => side.bank === bank);
  const trusted =
    proof.kind === 'reconciliation-field-mismatch' ? { a: attested('A'), b: attested('B') } : { side: certificate.attestedSides[0] };
  const verdict = verifyReconciliationProof(proof, trusted);
  const proofKind = proof.kind.replace(/^reconciliation-/, '');
  if (verdict.valid) {
    const sides = certificate.attestedSides.map((side) => `${side.bank} ${side.root} (${side.rowCount})`).join(', ');
    return {
      id: 'reconciliation-proof',
      status: 'pass',
      code: 'reconciliation-proof.valid',
      message: `The ${proofKind} proof holds against the side(s) the certificate attests: ${sides}.`,
      params: { proofKind, key: keyOf(proof) },
    };
  }
  if (verdict.code === 'side-not-trusted') {
    const [side, stated] = mismatchedSide(certificate);
    const params = {
      bank: side.bank,
      attestedRoot: side.root,
      attestedRowCount: String(side.rowCount),
      proofRoot: stated.root,
      proofRowCount: String(stated.rowCount),
    };
    return {
      id: 'reconciliation-proof',
      status: 'fail',
      code: 'reconciliation-proof.side-not-trusted',
      message:
        `The proof is about a side (root ${stated.root}, ${stated.rowCount} rows) that is not the one the certificate attests ` +
        `for bank ${side.bank} (root ${side.root}, ${side.rowCount} rows).`,
      params,
      details: params,
    };
  }
  return {
    id: 'reconciliation-proof',
    status: 'fail',
    code: 'reconciliation-proof.invalid',
    message: `The ${proofKind} proof does not hold (${verdict.code}): ${verdict.message}`,
    params: { proofKind, failure: verdict.code, reason: verdict.message },
    details: { failure: verdict.code, reason: verdict.message },
  };
}

/** The attested side and the proof's own statement of it, for the first bank where they differ. */
function mismatchedSide(certificate: ReconciliationCertificate): [AttestedSide, { root: string; rowCount: number }] {
  const { proof } = certificate;
  const stated = (bank: 'A' | 'B') =>
    proof.kind === 'reconciliation-field-mismatch' ? (bank === 'A' ? proof.a.side : proof.b.side) : proof.side;
  const pairs = certificate.attestedSides.map((side) => [side, stated(side.bank)] as const);
  const differing = pairs.find(([side, own]) => side.root !== own.root || side.rowCount !== own.rowCount) ?? pairs[0];
  return [differing[0], differing[1]];
}

function keyOf(proof: ReconciliationProof): string {
  return proof.kind === 'reconciliation-inclusion' ? proof.leaf.key : proof.key;
}

/** What the issuer states, shown once the signature shows the issuer said it (section 12.7). */
export function signedFacts(certificate: ReconciliationCertificate): Record<string, string> {
  const { pair, proof } = certificate;
  const facts: Record<string, string> = {
    serial: certificate.serial,
    pairId: pair.id,
    bankA: pair.bankA,
    bankB: pair.bankB,
    businessDate: certificate.businessDate,
    breakClass: certificate.class,
    recordKey: keyOf(proof),
  };
  if (proof.kind === 'reconciliation-field-mismatch') facts.field = proof.field;
  for (const side of certificate.attestedSides) {
    facts[`side${side.bank}Root`] = side.root;
    facts[`side${side.bank}RowCount`] = String(side.rowCount);
    facts[`side${side.bank}ReceiptSha256`] = side.receiptSha256;
  }
  return facts;
}
