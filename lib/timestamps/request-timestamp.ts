// Asks a TSA for a timestamp on one batch root and returns it only once it has been verified: the
// status, our nonce, the imprint, the signature and the chain to a trusted root. A TSA that is slow,
// down or answers anything else raises TimestampRequestError with a code the batcher logs and stores.
import { buildTimestampRequest } from '../proof/timestamp-protocol';
import { verifyTimestampToken, type TimestampFailureCode, type VerifiedTimestamp } from '../proof/verify-timestamp-token';

export interface TimestampSettings {
  url: string;
  /** DER certificates of the TSA roots to trust. */
  trustedRoots: Uint8Array[];
  policyOid?: string;
  timeoutMs: number;
}

export type TimestampRequestFailureCode = TimestampFailureCode | 'timestamp.unreachable' | 'timestamp.timeout' | 'timestamp.http-error';

export class TimestampRequestError extends Error {
  constructor(
    readonly code: TimestampRequestFailureCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'TimestampRequestError';
  }
}

export async function requestTimestamp({ root, settings }: { root: Uint8Array; settings: TimestampSettings }): Promise<VerifiedTimestamp> {
  const request = await buildTimestampRequest({ root, policyOid: settings.policyOid });
  let body: Uint8Array;
  try {
    const response = await fetch(settings.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: request.der as BodyInit,
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (!response.ok) throw new TimestampRequestError('timestamp.http-error', `TSA answered HTTP ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('application/timestamp-reply')) {
      throw new TimestampRequestError('timestamp.http-error', `TSA answered ${type || 'no content type'}, not application/timestamp-reply`);
    }
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof TimestampRequestError) throw error;
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new TimestampRequestError('timestamp.timeout', `no answer within ${settings.timeoutMs} ms`);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new TimestampRequestError('timestamp.unreachable', `${(error as Error).message}${cause ? ` (${cause})` : ''}`);
  }
  const verified = await verifyTimestampToken({ response: body, root, trustedRoots: settings.trustedRoots, expectedNonce: request.nonce });
  if (!verified.ok) throw new TimestampRequestError(verified.code, verified.message);
  if (settings.policyOid && verified.timestamp.policy !== settings.policyOid) {
    throw new TimestampRequestError('timestamp.rejected', `TSA used policy ${verified.timestamp.policy}, not ${settings.policyOid}`);
  }
  return verified.timestamp;
}
