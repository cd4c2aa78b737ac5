// A version 2 certificate's RFC 3161 timestamp through the one verification routine: it passes
// against the root it carries (not pinned) or a trusted root, and fails for a token over another
// root, an untrusted TSA, or a timestamp swapped after signing.
import { describe, expect, it } from 'vitest';
import type { Certificate } from './certificate-schema';
import { signCertificate } from '../certificates/sign-certificate';
import { fromHex } from './hex';
import { stampRoot } from '../testing/start-test-tsa';
import { createTsaCredentials, type TsaCredentials } from '../timestamps/tsa-credentials';
import { certificateFromVectors, TEST_ISSUER } from './__fixtures__/certificate-from-vectors';
import type { VerificationReport } from './verification-report';
import { verifyCertificate } from './verify-certificate';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const timestampCheck = (report: VerificationReport) => report.checks.find((c) => c.id === 'timestamp')!;

async function stampedCertificate(credentials: TsaCredentials, rootOverride?: Uint8Array): Promise<Certificate> {
  const { certificate } = await certificateFromVectors(7, 6);
  const { signature: _old, ...unsigned } = certificate;
  const token = await stampRoot(credentials, rootOverride ?? fromHex(certificate.proof.root, 32));
  return signCertificate(
    { ...unsigned, version: 2, timestamp: { token: base64(token), certificates: [base64(credentials.tsaCertificate), base64(credentials.rootCertificate)] } },
    TEST_ISSUER,
  );
}

describe('checkTimestamp', async () => {
  const tsa = await createTsaCredentials({ name: 'Vector' });

  it('skips a version 1 certificate, which has no timestamp', async () => {
    const { certificate } = await certificateFromVectors(7, 6);
    const report = await verifyCertificate({ certificate });
    expect(timestampCheck(report)).toMatchObject({ status: 'skipped', code: 'timestamp.absent' });
    expect(report.valid).toBe(true);
  });

  it('passes a version 2 certificate, unpinned with the root it carries and pinned with a trusted root', async () => {
    const certificate = await stampedCertificate(tsa);
    const unpinned = await verifyCertificate({ certificate: JSON.stringify(certificate) });
    expect(timestampCheck(unpinned)).toMatchObject({ status: 'pass', code: 'timestamp.not-pinned', params: { tsaName: 'CN=Vector TSA' } });
    expect(unpinned.checks.find((c) => c.id === 'signature')!.status).toBe('pass');
    expect(unpinned.valid).toBe(true);
    const pinned = await verifyCertificate({ certificate, trustedTsaRoots: [tsa.rootCertificate] });
    expect(timestampCheck(pinned)).toMatchObject({ status: 'pass', code: 'timestamp.trusted' });
  });

  it('fails a token from a TSA the caller does not trust', async () => {
    const certificate = await stampedCertificate(tsa);
    const other = await createTsaCredentials({ name: 'Other' });
    const report = await verifyCertificate({ certificate, trustedTsaRoots: [other.rootCertificate] });
    expect(timestampCheck(report)).toMatchObject({ status: 'fail', code: 'timestamp.untrusted', params: { failure: 'timestamp.untrusted' } });
    expect(report.valid).toBe(false);
  });

  it('fails a token over another root, even when the issuer signed it', async () => {
    const certificate = await stampedCertificate(tsa, new Uint8Array(32).fill(9));
    const report = await verifyCertificate({ certificate });
    expect(timestampCheck(report)).toMatchObject({ status: 'fail', code: 'timestamp.invalid', params: { failure: 'timestamp.imprint-mismatch' } });
    expect(report.valid).toBe(false);
  });

  it('fails the signature when the timestamp is swapped after signing', async () => {
    const certificate = await stampedCertificate(tsa);
    const swapped = { ...certificate, timestamp: { ...certificate.timestamp!, token: base64(await stampRoot(tsa, fromHex(certificate.proof.root, 32))) } };
    const report = await verifyCertificate({ certificate: swapped });
    expect(report.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'fail', code: 'signature.mismatch' });
    expect(timestampCheck(report).status).toBe('pass');
  });
});
