// Does the file in hand match the file the certificate speaks of? Only the SHA-256 is compared: the
// file itself never leaves the user's machine in the browser verifier.
import type { Certificate } from './certificate-schema';
import { toHex } from './hex';
import type { VerificationCheck } from './verification-report';

export function checkFileHash(certificate: Certificate, fileSha256?: Uint8Array): VerificationCheck {
  const id = 'file-hash';
  const stated = certificate.evidence.sha256;
  if (fileSha256 === undefined) {
    return {
      id,
      status: 'skipped',
      code: 'file-hash.no-file',
      message: 'No file was given, so the file itself was not compared with the certificate.',
    };
  }
  if (!(fileSha256 instanceof Uint8Array) || fileSha256.length !== 32) {
    return {
      id,
      status: 'fail',
      code: 'file-hash.bad-digest',
      message: 'The file digest handed to the verifier is not a 32-byte SHA-256 digest, so the file cannot be compared.',
    };
  }
  const actual = toHex(fileSha256);
  if (actual !== stated) {
    return {
      id,
      status: 'fail',
      code: 'file-hash.mismatch',
      message: `The file's SHA-256 ${actual} does not match the certificate's ${stated}.`,
      params: { fileSha256: actual, certificateSha256: stated },
      details: { fileSha256: actual, certificateSha256: stated },
    };
  }
  return {
    id,
    status: 'pass',
    code: 'file-hash.match',
    message: `The file's SHA-256 ${actual} matches the certificate.`,
    params: { fileSha256: actual },
    details: { fileSha256: actual },
  };
}
