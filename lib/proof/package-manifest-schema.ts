// What a verifier reads of an evidence package's manifest.json (docs/proof-format.md §14), in one
// place for checkPackageManifest and the offline verifier page, so both read one manifest alike.
// Browser-safe. Members not listed here are ignored: the signature covers them, but no check reads
// them (the case's title, the items' provenance, …).
import { z } from 'zod';
import { parseStrictJson } from './parse-strict-json';

export const PACKAGE_MANIFEST_FORMAT = 'evident.evidence-package';

const sha256Hex = z.string().regex(/^0x[0-9a-f]{64}$/, 'a SHA-256 is 0x and 64 lower-case hex digits');
const packagePath = z.string().min(1).max(1024);
/** A member this version does not have: whatever is there is ignored. */
const ignored = z.unknown().transform((): undefined => undefined).optional();
/** The certificate's and the report's two files; their digests are required from version 2. */
const digestsSince2 = <V extends 1 | 2>(version: V) => (version === 2 ? sha256Hex : ignored);

function manifestSchema<V extends 1 | 2>(version: V) {
  const digest = digestsSince2(version);
  const file = z.object({ path: packagePath, sha256: sha256Hex });
  return z.object({
    format: z.literal(PACKAGE_MANIFEST_FORMAT),
    version: z.literal(version),
    issuer: z.object({ address: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an address is 0x and 40 hex digits') }),
    case: z.object({ caseNumber: z.string().min(1) }),
    items: z.array(
      z.object({
        position: z.number().int().min(1),
        evidenceId: z.string().min(1),
        title: z.string().nullable(),
        fileName: z.string(),
        sha256: sha256Hex,
        original: packagePath.nullable(),
        certificate: z.object({ serial: z.string().min(1), json: packagePath, jsonSha256: digest, pdf: packagePath, pdfSha256: digest }).nullable(),
      }),
    ),
    report: z.object({ json: packagePath, jsonSha256: digest, pdf: packagePath, pdfSha256: digest }).nullable(),
    readme: version === 2 ? file : ignored,
    verifier: version === 2 ? file : ignored,
    /** Optional in version 2 (packages made before reconciliation certificates have none). */
    reconciliationCertificates: version === 2 ? z.array(z.object({ path: packagePath, sha256: sha256Hex, serial: z.string().min(1) })).optional() : ignored,
  });
}

const packageManifestSchema = z.discriminatedUnion('version', [manifestSchema(1), manifestSchema(2)]);

/** A manifest as a verifier reads it. Version 1 has no digests for the certificate files, the
 * report, the README and the verifier. */
export type VerifiedPackageManifest = z.infer<typeof packageManifestSchema>;

export type PackageManifestParse =
  | { ok: true; manifest: VerifiedPackageManifest }
  | { ok: false; code: 'package.manifest-malformed'; message: string };

/** Reads manifest.json strictly (UTF-8, no duplicate key) and checks the members a verifier reads. */
export function parsePackageManifest(manifestBytes: Uint8Array): PackageManifestParse {
  try {
    const value = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
    return { ok: true, manifest: packageManifestSchema.parse(value) };
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error).replaceAll('\n', ' ') : error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'package.manifest-malformed', message: `manifest.json is not a valid manifest (${detail}).` };
  }
}
