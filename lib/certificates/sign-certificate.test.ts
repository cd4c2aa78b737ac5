import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import manifest from '../../docs/vectors/certificate-vectors.json';
import { CertificateFormatError, parseCertificate, type Certificate, type UnsignedCertificate } from '../proof/certificate-schema';
import { InvalidCertificateSignatureError, recoverCertificateSigner } from '../proof/recover-certificate-signer';
import { IssuerKeyMismatchError, signCertificate } from './sign-certificate';

const validText = readFileSync(path.resolve(__dirname, '../../docs/vectors/valid.certificate.json'), 'utf8');
const valid = (): Certificate => parseCertificate(validText);
const unsigned = (): UnsignedCertificate => {
  const { signature: _, ...rest } = valid();
  return rest;
};
const issuer = new Wallet(manifest.signing.issuerTestPrivateKey);
const other = new Wallet(manifest.signing.otherTestPrivateKey);

describe('signCertificate', () => {
  it('reproduces the signature of the valid vector (RFC 6979 signatures are deterministic)', async () => {
    const signed = await signCertificate(unsigned(), issuer);
    expect(signed).toEqual(valid());
    expect(signed.signature).toEqual({ scheme: 'eip712', value: manifest.signing.validCertificate.signature });
    expect(Object.keys(signed).at(-1)).toBe('signature');
  });

  it('compares the key address with issuer.address case-insensitively (ethers gives checksummed addresses)', async () => {
    const c = unsigned();
    expect(issuer.address).not.toBe(issuer.address.toLowerCase());
    expect((await signCertificate(c, issuer)).signature?.value).toMatch(/^0x[0-9a-f]{130}$/);
  });

  it('replaces a signature the input carried', async () => {
    const stale = { ...unsigned(), signature: { scheme: 'eip712' as const, value: `0x${'00'.repeat(65)}` } };
    expect(await signCertificate(stale, issuer)).toEqual(valid());
  });

  it('refuses a key that is not the issuer named in the certificate', async () => {
    const attempt = signCertificate(unsigned(), other);
    await expect(attempt).rejects.toBeInstanceOf(IssuerKeyMismatchError);
    await expect(attempt).rejects.toThrow(
      `The signing key belongs to ${other.address.toLowerCase()}, but the certificate names issuer ${manifest.signing.issuerAddress}`,
    );
  });

  it('refuses to sign a malformed certificate, naming the field', async () => {
    const broken = { ...unsigned(), serial: 'EVD-1' };
    await expect(signCertificate(broken, issuer)).rejects.toBeInstanceOf(CertificateFormatError);
    await expect(signCertificate(broken, issuer)).rejects.toThrow(/^serial: /);
  });
});

describe('recoverCertificateSigner', () => {
  it('recovers the issuer address, in lowercase', () => {
    expect(recoverCertificateSigner(valid())).toBe(manifest.signing.issuerAddress);
  });

  it('recovers another address once a field changed', () => {
    const c = valid();
    c.evidence.fileName = 'other.txt';
    const recovered = recoverCertificateSigner(c);
    expect(recovered).toMatch(/^0x[0-9a-f]{40}$/);
    expect(recovered).not.toBe(manifest.signing.issuerAddress);
  });

  it('throws a typed error for an unsigned certificate', () => {
    const { signature: _, ...c } = valid();
    expect(() => recoverCertificateSigner(c)).toThrow(InvalidCertificateSignatureError);
    expect(() => recoverCertificateSigner(c)).toThrow('The certificate is not signed.');
  });

  it('throws a typed error for a signature that is not 65 bytes', () => {
    const c = valid();
    c.signature = { scheme: 'eip712', value: '0x1234' };
    try {
      recoverCertificateSigner(c);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCertificateSignatureError);
      expect((error as InvalidCertificateSignatureError).reason).toBe('not-65-bytes');
    }
  });
});
