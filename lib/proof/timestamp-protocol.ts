// RFC 3161 messages on the wire: the TimeStampReq we send for a batch root and the TimeStampResp we
// read back. Browser-safe (pkijs over WebCrypto). What the response is worth is decided by
// verify-timestamp-token.ts, never here.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';
export const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
export const TIME_STAMPING_EKU_OID = '1.3.6.1.5.5.7.3.8';

/** PKIStatus values that carry a token (RFC 3161 §2.4.2: granted, grantedWithMods). */
const GRANTED = new Set([0, 1]);

export interface TimestampRequest {
  /** DER of the TimeStampReq, sent as application/timestamp-query. */
  der: Uint8Array;
  /** The nonce we sent, as unsigned big-endian bytes; the token must echo it. */
  nonce: Uint8Array;
}

/** Dotted decimal for an OID that asn1js read. asn1js writes an arc too large for a double (such as
 * the UUID arcs under 2.25) as `{hex}` of its base-128 digits; this spells it in decimal. */
export function normalizeOid(oid: string): string {
  return oid.replace(/\{([0-9a-f]+)\}/g, (_, hex: string) => {
    let value = 0n;
    for (let i = 0; i < hex.length; i += 2) value = value * 128n + BigInt(parseInt(hex.slice(i, i + 2), 16));
    return value.toString();
  });
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

/** A TimeStampReq over SHA-256 of the 32-byte batch root, with a random 8-byte nonce and certReq. */
export async function buildTimestampRequest({ root, policyOid }: { root: Uint8Array; policyOid?: string }): Promise<TimestampRequest> {
  const nonce = crypto.getRandomValues(new Uint8Array(8));
  nonce[0] &= 0x7f; // a positive INTEGER with no leading zero byte to disagree about
  nonce[0] |= 0x01;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: (await sha256(root)) as BufferSource }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce as BufferSource }),
    certReq: true,
    ...(policyOid ? { reqPolicy: policyOid } : {}),
  });
  return { der: new Uint8Array(request.toSchema().toBER()), nonce };
}

export interface ParsedTimestampResponse {
  status: number;
  statusText: string[];
  /** DER of the TimeStampToken when the status grants one. */
  token?: Uint8Array;
}

export class MalformedTimestampError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedTimestampError';
  }
}

export function parseTimestampResponse(der: Uint8Array): ParsedTimestampResponse {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(der as BufferSource);
  } catch (error) {
    throw new MalformedTimestampError(`not a TimeStampResp: ${(error as Error).message}`);
  }
  const status = response.status.status;
  const statusText = response.status.statusStrings?.map((s) => s.valueBlock.value) ?? [];
  if (!GRANTED.has(status)) return { status, statusText };
  if (!response.timeStampToken) throw new MalformedTimestampError('status granted but no timeStampToken');
  return { status, statusText, token: new Uint8Array(response.timeStampToken.toSchema().toBER()) };
}

/** The request's fields, as a TSA reads them. */
export function parseTimestampRequest(der: Uint8Array): { hashAlgorithm: string; hashedMessage: Uint8Array; nonce?: Uint8Array; certReq: boolean; policy?: string } {
  let request: pkijs.TimeStampReq;
  try {
    request = pkijs.TimeStampReq.fromBER(der as BufferSource);
  } catch (error) {
    throw new MalformedTimestampError(`not a TimeStampReq: ${(error as Error).message}`);
  }
  return {
    hashAlgorithm: request.messageImprint.hashAlgorithm.algorithmId,
    hashedMessage: new Uint8Array(request.messageImprint.hashedMessage.valueBlock.valueHexView),
    nonce: request.nonce ? new Uint8Array(request.nonce.valueBlock.valueHexView) : undefined,
    certReq: request.certReq ?? false,
    policy: request.reqPolicy === undefined ? undefined : normalizeOid(request.reqPolicy),
  };
}
