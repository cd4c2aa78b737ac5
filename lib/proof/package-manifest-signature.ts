// The issuer's signature over an evidence package's manifest (docs/proof-format.md, "Evidence
// package"): EIP-712 with the issuer's certificate key, over the SHA-256 of manifest.json's exact
// bytes, kept in manifest.sig.json so the manifest stays plain JSON. Browser-safe: the offline
// verifier page checks it.
import { sha256 } from '@noble/hashes/sha2.js';
import { recoverAddress, TypedDataEncoder, type TypedDataDomain, type TypedDataField } from 'ethers';
import { z } from 'zod';
import { toHex } from './hex';
import { parsePackageManifest } from './package-manifest-schema';
import { parseStrictJson } from './parse-strict-json';
import { checkCanonicalSignature, InvalidCertificateSignatureError } from './recover-certificate-signer';

export const PACKAGE_SIGNATURE_FORMAT = 'evident.package-signature';

export const PACKAGE_EIP712_DOMAIN = { name: 'Evident Evidence Package', version: '1' } as const satisfies TypedDataDomain;

// Never reorder: the order fixes the type hash.
export const PACKAGE_EIP712_TYPES = {
  EvidencePackage: [
    { name: 'caseNumber', type: 'string' },
    { name: 'manifestSha256', type: 'bytes32' },
    { name: 'issuerName', type: 'string' },
    { name: 'issuer', type: 'address' },
  ],
} as const satisfies Record<string, TypedDataField[]>;

const HEX32 = /^0x[0-9a-f]{64}$/;

export const packageSignatureSchema = z.strictObject({
  format: z.literal(PACKAGE_SIGNATURE_FORMAT),
  version: z.literal(1),
  caseNumber: z.string().min(1).max(100),
  manifestSha256: z.string().regex(HEX32),
  issuer: z.strictObject({ name: z.string().min(1).max(200), address: z.string().regex(/^0x[0-9a-f]{40}$/) }),
  signature: z.strictObject({ scheme: z.literal('eip712'), value: z.string().regex(/^0x[0-9a-f]{130}$/) }),
});

export type PackageSignature = z.infer<typeof packageSignatureSchema>;
export type UnsignedPackageSignature = Omit<PackageSignature, 'signature'>;

export function packageSignatureTypedData(document: UnsignedPackageSignature) {
  return {
    domain: PACKAGE_EIP712_DOMAIN,
    types: PACKAGE_EIP712_TYPES as unknown as Record<string, TypedDataField[]>,
    value: {
      caseNumber: document.caseNumber,
      manifestSha256: document.manifestSha256,
      issuerName: document.issuer.name,
      issuer: document.issuer.address,
    },
  };
}

export function manifestSha256(manifestBytes: Uint8Array): string {
  return toHex(sha256(manifestBytes));
}

export type PackageManifestCheck =
  | { ok: true; signer: string; issuer: PackageSignature['issuer']; caseNumber: string }
  | {
      ok: false;
      code: 'package.signature-malformed' | 'package.manifest-altered' | 'package.manifest-malformed' | 'package.signature-invalid';
      message: string;
    };

/**
 * Checks manifest.sig.json against manifest.json's bytes: the digest matches, the signature is
 * canonical and recovers to the issuer it names, and that issuer and case number are the ones the
 * manifest names (the manifest read by parsePackageManifest, so a malformed one is refused here). Both files are read strictly (a duplicate key is malformed, as in certificates).
 * Whether that issuer is the one you trust is the caller's comparison (with the published issuer
 * address).
 */
export function checkPackageManifest(manifestBytes: Uint8Array, signatureText: string): PackageManifestCheck {
  let document: PackageSignature;
  try {
    document = packageSignatureSchema.parse(parseStrictJson(signatureText));
  } catch (error) {
    return { ok: false, code: 'package.signature-malformed', message: `manifest.sig.json is not a valid package signature (${messageOf(error)}).` };
  }
  const actual = manifestSha256(manifestBytes);
  if (actual !== document.manifestSha256) {
    return {
      ok: false,
      code: 'package.manifest-altered',
      message: `manifest.json has SHA-256 ${actual}, but the signature covers ${document.manifestSha256}: the manifest was changed.`,
    };
  }
  let signer: string;
  try {
    checkCanonicalSignature(document.signature.value);
    const { domain, types, value } = packageSignatureTypedData(document);
    signer = recoverAddress(TypedDataEncoder.hash(domain, types, value), document.signature.value).toLowerCase();
  } catch (error) {
    const detail = error instanceof InvalidCertificateSignatureError ? error.message : messageOf(error);
    return { ok: false, code: 'package.signature-invalid', message: `The manifest signature is invalid: ${detail}` };
  }
  if (signer !== document.issuer.address) {
    return {
      ok: false,
      code: 'package.signature-invalid',
      message: `The manifest was signed by ${signer}, not by the issuer it names (${document.issuer.address}).`,
    };
  }
  // The signer signs "this case's manifest, as issuer X": a manifest that names another issuer or
  // case is not the one that was signed for.
  const parsed = parsePackageManifest(manifestBytes);
  if (!parsed.ok) return parsed;
  const { manifest } = parsed;
  if (manifest.issuer.address.toLowerCase() !== signer || manifest.case.caseNumber !== document.caseNumber) {
    return {
      ok: false,
      code: 'package.signature-invalid',
      message:
        `The manifest names issuer ${manifest.issuer.address} and case ${manifest.case.caseNumber}, but its signature is by ` +
        `${signer} for case ${document.caseNumber}: it was not signed as this case's manifest by the issuer it names.`,
    };
  }
  return { ok: true, signer, issuer: document.issuer, caseNumber: document.caseNumber };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
