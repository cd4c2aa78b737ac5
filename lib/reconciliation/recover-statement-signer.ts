// Recovers who signed a day's sign-off (§11.2), accepting only the one canonical encoding of a
// signature (65 bytes, v 27 or 28, low s): the rule the certificate signature follows
// (checkCanonicalSignature) and the one ReconciliationAnchor.sol applies on chain. Browser-safe.
import { verifyTypedData } from 'ethers';
import { checkCanonicalSignature, InvalidCertificateSignatureError } from '../proof/recover-certificate-signer';
import { InvalidSignOffSignatureError } from './reconciliation-anchor-errors';
import { statementSignOffTypedData, type StatementSignOff } from './statement-typed-data';

/**
 * The lowercase address of the key that signed `signOff`. A signature of any other values recovers
 * to some unrelated address: compare the result with the party's known address (verifyStatementSigner).
 * Throws InvalidReconciliationArgumentError for a sign-off that cannot be signed, InvalidSignOffSignatureError for
 * a malformed or non-canonical signature.
 */
export function recoverStatementSigner(signOff: StatementSignOff, signature: string): string {
  const { domain, types, value } = statementSignOffTypedData(signOff);
  try {
    checkCanonicalSignature(signature);
  } catch (error) {
    if (!(error instanceof InvalidCertificateSignatureError) || error.reason === 'unsigned' || error.reason === 'unencodable') throw error;
    throw new InvalidSignOffSignatureError(error.reason, `The ${signOff.party} sign-off signature ${REASONS[error.reason]}.`);
  }
  try {
    return verifyTypedData(domain, types, value, signature).toLowerCase();
  } catch (error) {
    throw new InvalidSignOffSignatureError(
      'unrecoverable',
      `No public key can be recovered from the ${signOff.party} sign-off signature (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/** Throws InvalidSignOffSignatureError ('wrong-signer') unless `expectedSigner` signed `signOff`. */
export function verifyStatementSigner(signOff: StatementSignOff, signature: string, expectedSigner: string): void {
  const signer = recoverStatementSigner(signOff, signature);
  if (signer !== expectedSigner.toLowerCase()) {
    throw new InvalidSignOffSignatureError(
      'wrong-signer',
      `The ${signOff.party} sign-off signature was made by ${signer}, not by ${expectedSigner.toLowerCase()}: ` +
        'another key signed it, or it was signed over other values (statement, sides, decision or objections).',
    );
  }
}

const REASONS: Record<'not-65-bytes' | 'invalid-v' | 'r-out-of-range' | 's-out-of-range' | 'unrecoverable', string> = {
  'not-65-bytes': 'is not 65 bytes of 0x-hex (r ‖ s ‖ v)',
  'invalid-v': 'has a last byte (v) other than 27 or 28',
  'r-out-of-range': 'has an r value outside 1 … n − 1 (n: the secp256k1 group order)',
  's-out-of-range': 'has an s value outside 1 … n / 2: only the low-s form of a signature is canonical',
  unrecoverable: 'recovers no public key',
};
