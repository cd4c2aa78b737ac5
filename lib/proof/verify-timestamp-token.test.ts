import { describe, expect, it } from 'vitest';
import { issueTimestampResponse, refuseTimestampRequest, TIMESTAMP_STATUS } from '../timestamps/issue-timestamp-response';
import { createTsaCredentials, importTsaPrivateKey, type TsaCredentials } from '../timestamps/tsa-credentials';
import { buildTimestampRequest, normalizeOid, parseTimestampRequest, sha256 } from './timestamp-protocol';
import { verifyTimestampToken } from './verify-timestamp-token';

const root = new Uint8Array(32).fill(7);
const POLICY = '1.3.6.1.4.1.99999.1';

async function respond(credentials: TsaCredentials, options: { nonce?: Uint8Array; imprint?: Uint8Array; hashAlgorithm?: string; genTime?: Date } = {}) {
  const request = await buildTimestampRequest({ root });
  const parsed = parseTimestampRequest(request.der);
  const response = await issueTimestampResponse({
    imprint: { hashAlgorithm: options.hashAlgorithm ?? parsed.hashAlgorithm, hashedMessage: options.imprint ?? parsed.hashedMessage },
    nonce: options.nonce ?? parsed.nonce,
    certReq: parsed.certReq,
    signer: { certificate: credentials.tsaCertificate, privateKey: await importTsaPrivateKey(credentials.tsaPrivateKey) },
    policyOid: POLICY,
    serial: new Uint8Array([1, 2, 3]),
    genTime: options.genTime,
  });
  return { request, response };
}

describe('verifyTimestampToken', async () => {
  const good = await createTsaCredentials({ name: 'Test' });

  it('accepts a token over SHA-256 of the root from a trusted TSA, with its fields', async () => {
    const { request, response } = await respond(good);
    const result = await verifyTimestampToken({ response, root, trustedRoots: [good.rootCertificate], expectedNonce: request.nonce });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.timestamp.policy).toBe(POLICY);
    expect(result.timestamp.serial).toBe('0x010203');
    expect(result.timestamp.tsaName).toBe('CN=Test TSA');
    expect(result.timestamp.chain).toEqual([good.tsaCertificate, good.rootCertificate]);
    expect(Math.abs(result.timestamp.genTime.getTime() - Date.now())).toBeLessThan(5000);
    const again = await verifyTimestampToken({ token: result.timestamp.token, root, trustedRoots: [good.rootCertificate] });
    expect(again.ok).toBe(true);
  });

  it.each([
    ['another root', async () => ({ ...(await respond(good)), root: new Uint8Array(32).fill(8) }), 'timestamp.imprint-mismatch'],
    ['another digest', async () => ({ ...(await respond(good, { hashAlgorithm: '2.16.840.1.101.3.4.2.3', imprint: new Uint8Array(64) })) }), 'timestamp.imprint-mismatch'],
    ['another nonce', async () => ({ ...(await respond(good, { nonce: new Uint8Array([5, 5]) })) }), 'timestamp.nonce-mismatch'],
    ['an untrusted TSA', async () => ({ ...(await respond(await createTsaCredentials({ name: 'Other' }))) }), 'timestamp.untrusted'],
    ['no EKU', async () => ({ ...(await respond(await createTsaCredentials({ name: 'Test', timeStampingUsage: 'absent' }))) }), 'timestamp.no-eku'],
    ['a non-critical EKU', async () => ({ ...(await respond(await createTsaCredentials({ name: 'Test', timeStampingUsage: 'non-critical' }))) }), 'timestamp.no-eku'],
    [
      'an expired TSA certificate',
      async () => ({ ...(await respond(await createTsaCredentials({ name: 'Test', validFrom: new Date('2020-01-01'), validTo: new Date('2021-01-01') }))) }),
      'timestamp.expired',
    ],
  ])('refuses %s', async (_label, make, code) => {
    const made = (await make()) as { request: { nonce: Uint8Array }; response: Uint8Array; root?: Uint8Array };
    // the untrusted / EKU / expired cases are signed by other credentials: trust only `good` or their own root
    const result = await verifyTimestampToken({
      response: made.response,
      root: made.root ?? root,
      trustedRoots: [good.rootCertificate],
      expectedNonce: made.request.nonce,
    });
    expect(result.ok ? 'ok' : result.code).toBe(code);
  });

  it('refuses a rejection, a truncated token and garbage', async () => {
    const rejected = await verifyTimestampToken({ response: refuseTimestampRequest({ status: TIMESTAMP_STATUS.rejection, reason: 'no' }), root, trustedRoots: [good.rootCertificate] });
    expect(rejected.ok ? 'ok' : rejected.code).toBe('timestamp.rejected');
    const { response } = await respond(good);
    const truncated = await verifyTimestampToken({ response: response.slice(0, response.length - 20), root, trustedRoots: [good.rootCertificate] });
    expect(truncated.ok ? 'ok' : truncated.code).toBe('timestamp.malformed');
    const garbage = await verifyTimestampToken({ token: new TextEncoder().encode('not a token'), root, trustedRoots: [good.rootCertificate] });
    expect(garbage.ok ? 'ok' : garbage.code).toBe('timestamp.malformed');
  });

  it('refuses a token whose signature no longer matches its content', async () => {
    const { response } = await respond(good);
    const tampered = response.slice();
    // flip a byte of the genTime inside the TSTInfo: the content digest no longer matches
    const digestOfRoot = await sha256(root);
    const at = indexOf(tampered, digestOfRoot) + digestOfRoot.length + 8;
    tampered[at] ^= 0x01;
    const result = await verifyTimestampToken({ response: tampered, root, trustedRoots: [good.rootCertificate] });
    expect(result.ok ? 'ok' : result.code).toMatch(/timestamp\.(bad-signature|malformed)/);
  });

});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('normalizeOid', () => {
  it('spells a UUID arc that asn1js reads as base-128 digits in decimal', () => {
    expect(normalizeOid('2.25.{0309037f072378720a4138176466442e2b5c2b}')).toBe('2.25.261214032101733631358223035791668080171');
    expect(normalizeOid('1.2.840.113549.1.9.16.1.4')).toBe('1.2.840.113549.1.9.16.1.4');
  });
});
