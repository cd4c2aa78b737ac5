// The manifest signature of an evidence package (docs/proof-format.md §14): each step of the check
// order, and the case the order exists for, a genuine manifest's edit re-signed by another key.
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { checkPackageManifest, manifestSha256, PACKAGE_SIGNATURE_FORMAT, packageSignatureTypedData, type UnsignedPackageSignature } from './package-manifest-signature';

const issuer = new Wallet('0x' + '11'.repeat(32));
const stranger = new Wallet('0x' + '22'.repeat(32));
const encoder = new TextEncoder();

function manifestOf({ address = issuer.address.toLowerCase(), caseNumber = 'GZAC-2026-0001' } = {}): Uint8Array {
  const manifest = { format: 'evident.evidence-package', version: 2, issuer: { name: 'Evident', address }, case: { caseNumber, title: '借款纠纷' }, items: [], report: null, readme: { path: 'README.txt', sha256: `0x${'ab'.repeat(32)}` }, verifier: { path: 'verify.html', sha256: `0x${'cd'.repeat(32)}` } };
  return encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

async function signatureOf(manifest: Uint8Array, signer: Wallet, caseNumber = 'GZAC-2026-0001'): Promise<string> {
  const unsigned: UnsignedPackageSignature = {
    format: PACKAGE_SIGNATURE_FORMAT,
    version: 1,
    caseNumber,
    manifestSha256: manifestSha256(manifest),
    issuer: { name: 'Evident', address: signer.address.toLowerCase() },
  };
  const { domain, types, value } = packageSignatureTypedData(unsigned);
  const signature = (await signer.signTypedData(domain, types, value)).toLowerCase();
  return `${JSON.stringify({ ...unsigned, signature: { scheme: 'eip712', value: signature } }, null, 2)}\n`;
}

describe('checkPackageManifest', () => {
  it('passes a manifest signed by the issuer it names, for the case it names', async () => {
    const manifest = manifestOf();
    expect(checkPackageManifest(manifest, await signatureOf(manifest, issuer))).toEqual({
      ok: true,
      signer: issuer.address.toLowerCase(),
      issuer: { name: 'Evident', address: issuer.address.toLowerCase() },
      caseNumber: 'GZAC-2026-0001',
    });
  });

  it('names the manifest as altered when one byte of it changed', async () => {
    const manifest = manifestOf();
    const signature = await signatureOf(manifest, issuer);
    const edited = manifestOf({ caseNumber: 'GZAC-2026-0002' });
    expect(checkPackageManifest(edited, signature)).toMatchObject({ ok: false, code: 'package.manifest-altered' });
  });

  it('refuses a manifest that names the genuine issuer but was re-signed by another key', async () => {
    // The attacker edits the manifest (keeping the genuine issuer's address in it, so the page would
    // check every certificate against the genuine issuer) and signs the digest with a key of their own.
    const manifest = manifestOf();
    const result = checkPackageManifest(manifest, await signatureOf(manifest, stranger));
    expect(result).toMatchObject({ ok: false, code: 'package.signature-invalid' });
    expect(result.ok === false && result.message).toContain(stranger.address.toLowerCase());
  });

  it('refuses a signature made for another case number than the manifest names', async () => {
    const manifest = manifestOf();
    expect(checkPackageManifest(manifest, await signatureOf(manifest, issuer, 'GZAC-2026-0009'))).toMatchObject({
      ok: false,
      code: 'package.signature-invalid',
    });
  });

  it('reads both files strictly: a duplicate key is malformed, not last-one-wins', async () => {
    const manifest = manifestOf();
    const signature = await signatureOf(manifest, issuer);
    const duplicated = signature.replace('"caseNumber": "GZAC-2026-0001",', '"caseNumber": "GZAC-2026-0001",\n  "caseNumber": "GZAC-2026-0001",');
    expect(duplicated).not.toBe(signature);
    expect(checkPackageManifest(manifest, duplicated)).toMatchObject({ ok: false, code: 'package.signature-malformed' });

    const text = new TextDecoder().decode(manifest);
    const twoIssuers = encoder.encode(text.replace('"format": "evident.evidence-package",', `"format": "evident.evidence-package",\n  "issuer": { "address": "${stranger.address.toLowerCase()}" },`));
    expect(checkPackageManifest(twoIssuers, await signatureOf(twoIssuers, issuer))).toMatchObject({ ok: false, code: 'package.manifest-malformed' });
  });

  it('refuses a missing or non-canonical signature', async () => {
    const manifest = manifestOf();
    expect(checkPackageManifest(manifest, '')).toMatchObject({ ok: false, code: 'package.signature-malformed' });
    const signature = await signatureOf(manifest, issuer);
    const value = (JSON.parse(signature) as { signature: { value: string } }).signature.value;
    const v = value.slice(-2);
    const highV = signature.replace(value, `${value.slice(0, -2)}${v === '1b' ? '00' : '01'}`);
    expect(checkPackageManifest(manifest, highV)).toMatchObject({ ok: false, code: 'package.signature-invalid' });
  });
});
