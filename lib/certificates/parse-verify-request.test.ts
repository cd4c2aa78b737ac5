import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors';
import { CertificateFormatError } from '../proof/certificate-schema';
import { verifyCertificate } from '../proof/verify-certificate';
import { parseVerifyRequest } from './parse-verify-request';

const certificateText = readFileSync(path.resolve(__dirname, '../../docs/vectors/valid.certificate.json'), 'utf8').trim();
const post = (body: string) => new Request('http://evident.test/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('POST /api/v1/verify bodies', () => {
  it('makes a certificate with a duplicate key malformed, naming the key, and the report says so', async () => {
    const forged = certificateText.replace('"evidence": {', '"evidence": {"fileName": "forged.pdf"},\n  "evidence": {');
    const { certificate } = await parseVerifyRequest(post(`{"certificate": ${forged}}`));
    expect(certificate).toBeInstanceOf(CertificateFormatError);
    const report = await verifyCertificate({ certificate });
    expect(report.valid).toBe(false);
    expect(report.checks).toEqual([expect.objectContaining({ id: 'certificate-format', status: 'fail', details: { evidence: 'duplicate key "evidence"' } })]);
  });

  it('holds the certificate’s integers to plain digits', async () => {
    const { certificate } = await parseVerifyRequest(post(`{"certificate": ${certificateText.replace('"version": 1', '"version": 1.0')}}`));
    expect(certificate).toBeInstanceOf(CertificateFormatError);
    expect((certificate as CertificateFormatError).issues[0]).toMatchObject({ path: 'version' });
  });

  it('holds a reconciliation certificate’s numbers to plain digits, as when it comes as a file', async () => {
    const reconciliation = readFileSync(path.resolve(__dirname, '../../docs/vectors/reconciliation/certificate.valid.matched.json'), 'utf8');
    const { certificate } = await parseVerifyRequest(post(`{"certificate": ${reconciliation.replace('"rowCount": 5,', '"rowCount": 5.0,')}}`));
    expect(certificate).toBeInstanceOf(CertificateFormatError);
    expect((certificate as CertificateFormatError).issues[0]).toMatchObject({ path: 'attestedSides[0].rowCount' });
    const { certificate: parsed } = await parseVerifyRequest(post(`{"certificate": ${reconciliation}}`));
    expect((await verifyCertificate({ certificate: parsed })).valid).toBe(true);
  });

  it('refuses a duplicate key outside the certificate, and an empty fileSha256, as a bad request', async () => {
    await expect(parseVerifyRequest(post(`{"certificate": ${certificateText}, "certificate": ${certificateText}}`))).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(parseVerifyRequest(post(`{"certificate": ${certificateText}, "fileSha256": ""}`))).rejects.toThrow(/fileSha256/);
    await expect(parseVerifyRequest(post('{"certificate":'))).rejects.toThrow('The body is not valid JSON.');
  });

  it('reads a well-formed request as before', async () => {
    const digest = `0x${'ab'.repeat(32)}`;
    const { certificate, fileSha256 } = await parseVerifyRequest(post(`{"certificate": ${certificateText}, "fileSha256": "${digest}"}`));
    expect(certificate).toEqual(JSON.parse(certificateText));
    expect(fileSha256).toHaveLength(32);
  });
});
