// Does the certificate's RFC 3161 timestamp (format versions 2 and 3) prove that the batch root existed at
// the time it states? The token must be over SHA-256 of proof.root, signed by a timestamping
// authority whose certificate chains to a trusted TSA root. Without roots from the caller, the root
// the certificate carries is used, and the message says that it was not pinned.
import type { Certificate } from './certificate-schema';
import { fromHex, toHex } from './hex';
import { sha256 } from './timestamp-protocol';
import { verifyTimestampToken } from './verify-timestamp-token';
import type { VerificationCheck } from './verification-report';

const ID = 'timestamp';

/** trustedTsaRoots: DER certificates of the TSA roots the caller trusts. */
export async function checkTimestamp(certificate: Certificate, trustedTsaRoots?: readonly Uint8Array[]): Promise<VerificationCheck> {
  const { timestamp } = certificate;
  if (!timestamp) {
    return {
      id: ID,
      status: 'skipped',
      code: 'timestamp.absent',
      message: 'The certificate (format version 1, or version 3 issued before its token) carries no RFC 3161 timestamp; the chain anchor dates the evidence.',
    };
  }
  const certificates = timestamp.certificates.map(fromBase64);
  const carriedRoot = certificates[certificates.length - 1];
  const pinned = trustedTsaRoots !== undefined;
  const result = await verifyTimestampToken({
    token: fromBase64(timestamp.token),
    root: fromHex(certificate.proof.root, 32),
    trustedRoots: pinned ? [...trustedTsaRoots] : [carriedRoot],
  });
  if (!result.ok) {
    const params = { reason: result.message, failure: result.code };
    if (pinned && result.code === 'timestamp.untrusted') {
      return { id: ID, status: 'fail', code: 'timestamp.untrusted', message: `The timestamp is not from a trusted timestamping authority: ${result.message}.`, params, details: params };
    }
    return { id: ID, status: 'fail', code: 'timestamp.invalid', message: `The timestamp does not hold (${result.code}): ${result.message}.`, params, details: params };
  }
  const { genTime, tsaName, serial } = result.timestamp;
  const rootFingerprint = toHex(await sha256(pinned ? result.timestamp.chain[result.timestamp.chain.length - 1] : carriedRoot));
  const params = { genTime: genTime.toISOString(), tsaName, serial, rootFingerprint };
  if (pinned) {
    return {
      id: ID,
      status: 'pass',
      code: 'timestamp.trusted',
      message: `Timestamped by ${tsaName} at ${params.genTime}, under a trusted TSA root (SHA-256 ${rootFingerprint}).`,
      params,
      details: params,
    };
  }
  return {
    id: ID,
    status: 'pass',
    code: 'timestamp.not-pinned',
    message:
      `Timestamped by ${tsaName} at ${params.genTime}. The TSA root it chains to came with the certificate and was not pinned: ` +
      `compare its SHA-256 fingerprint ${rootFingerprint} with the one your timestamping authority publishes.`,
    params,
    details: params,
  };
}

function fromBase64(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
