// The certificate JSON, format versions 1, 2 and 3 (spec: docs/proof-format.md). This schema is the only
// definition of the format: issuing, the HTTP API and every verifier parse through it, and a rejection
// names the exact field (`proof.path[2]: expected 0x-prefixed 32-byte hex`).
import { z } from 'zod';
import { DomainError } from './domain-error';
import { isPinnedDateTime } from './iso-date-time';
import { PLAIN_INTEGER, parseStrictJson, StrictJsonError } from './parse-strict-json';

export interface CertificateFormatIssue {
  /** Dotted field path, e.g. `proof.path[2]`; `certificate` for the document itself. */
  path: string;
  message: string;
}

export class CertificateFormatError extends DomainError {
  readonly code = 'invalid-certificate';
  constructor(readonly issues: CertificateFormatIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  }
}

type ErrorInput = { input?: unknown };

// Schema-level messages: say what was expected, or that the field is absent.
export function expecting(what: string) {
  return { error: (issue: ErrorInput) => (issue.input === undefined ? 'is missing' : `expected ${what}`) };
}

export function hexBytes(byteLength: number) {
  const what = `0x-prefixed ${byteLength}-byte hex`;
  const lowercase = new RegExp(`^0x[0-9a-f]{${2 * byteLength}}$`);
  const anyCase = new RegExp(`^0x[0-9a-fA-F]{${2 * byteLength}}$`);
  return z.string(expecting(what)).regex(lowercase, {
    error: (issue: ErrorInput) =>
      typeof issue.input === 'string' && anyCase.test(issue.input) ? `expected ${what} in lowercase` : `expected ${what}`,
  });
}

function base64Der(maxLength: number) {
  return z
    .string(expecting('base64 DER'))
    .max(maxLength, { error: `expected base64 DER of at most ${maxLength} characters` })
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, expecting('base64 DER'))
    // One spelling per byte string: unused bits of the last character must be zero.
    .refine((value) => !/^[A-Za-z0-9+/=]*$/.test(value) || value.length % 4 !== 0 || btoa(atob(value)) === value, {
      error: 'expected canonical base64 (unused bits zero)',
    });
}

const MAX_UINT64 = (1n << 64n) - 1n;

// uint64 values travel as decimal strings: JSON numbers lose precision above 2^53.
function decimalUint64({ positive = false } = {}) {
  const what = positive ? 'a decimal string of a positive integer' : 'a decimal string of an unsigned 64-bit integer';
  return z
    .string(expecting(what))
    .regex(positive ? /^[1-9][0-9]*$/ : /^(0|[1-9][0-9]*)$/, expecting(what))
    // Zod runs refinements even after the regex failed, so only digit strings reach BigInt().
    .refine((value) => !/^[0-9]+$/.test(value) || BigInt(value) <= MAX_UINT64, {
      error: `expected ${what} (at most 2^64 - 1)`,
    });
}

export const uuid = z.string(expecting('a UUID')).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
  error: 'expected a lowercase UUID (8-4-4-4-12 hex digits)',
});

export const isoDateTime = z
  .string(expecting('an RFC 3339 date-time, e.g. 2026-01-01T00:00:00.000Z'))
  .refine(isPinnedDateTime, {
    error: 'expected an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS, 1-9 fraction digits, Z or ±HH:MM; years 0001-9999), e.g. 2026-01-01T00:00:00.000Z',
  });

// A lone UTF-16 surrogate cannot be written as UTF-8, so it cannot appear in a certificate file, and
// the EIP-712 signature (which hashes strings as UTF-8) could not cover it.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Lengths are counted in Unicode code points (section 1.3): 张 is one, an emoji outside the BMP is one. */
export function unicodeText({ min, max }: { min?: number; max?: number } = {}) {
  const what = min ? 'a non-empty string' : 'a string';
  return z
    .string(expecting(what))
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: 'expected well-formed Unicode text (it contains a lone UTF-16 surrogate)',
    })
    .refine((value) => min === undefined || LONE_SURROGATE.test(value) || codePoints(value) >= min, { error: `expected ${what}` })
    .refine((value) => max === undefined || codePoints(value) <= max, {
      error: `expected ${what} of at most ${max} characters (Unicode code points)`,
    });
}

function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/** The certificate's integers, which must be spelled as plain decimal digits (section 1.1): `1.0`,
 * `1e0` and `-0` are the same number to JSON.parse but not the same bytes. */
const CERTIFICATE_INTEGER_PATHS = new Set(['$.version', '$.evidence.size', '$.leaf.version', '$.proof.leafIndex', '$.proof.treeSize']);

export function CERTIFICATE_NUMBER_POLICY(path: string, raw: string): string | null {
  if (!CERTIFICATE_INTEGER_PATHS.has(path) || PLAIN_INTEGER.test(raw)) return null;
  return `expected an integer written as plain decimal digits (no sign, fraction or exponent), got ${raw}`;
}

/** `$.evidence.fileName` → `evidence.fileName`, the paths CertificateFormatError names; `$` → `certificate`. */
function certificatePath(jsonPath: string): string {
  return jsonPath === '$' ? 'certificate' : jsonPath.replace(/^\$\.?/, '');
}

/** 'EVD' and four groups of four Crockford base32 digits (no I, L, O, U), e.g. EVD-7K3M-9QX2-R5T8-WB4N. */
export const CERTIFICATE_SERIAL_PATTERN = /^EVD(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

const nonNegativeInteger = z.number(expecting('a non-negative integer')).int(expecting('a non-negative integer')).min(0, {
  error: 'expected a non-negative integer',
});

/** Optional text of the subject and provenance (section 15): absent is `null`, never the empty string,
 * so that the signed encoding (null as the empty string) has one certificate per digest. */
function nullableText(max: number) {
  return unicodeText({ min: 1, max }).nullable();
}

/** The evidence type code (section 15.2 lists the codes this deployment issues). */
const evidenceTypeCode = z.string(expecting('an evidence type code')).regex(/^[a-z][a-z0-9_]{0,63}$/, {
  error: 'expected an evidence type code: lowercase letters, digits and underscores, e.g. loan_contract',
});

/** The lender's `source` object (section 15.3): the fields the ingest API accepts, at least one. */
const sourceObject = z
  .strictObject(
    {
      system: unicodeText({ min: 1, max: 100 }).optional(),
      exportJobId: unicodeText({ min: 1, max: 200 }).optional(),
      generatedAt: isoDateTime.optional(),
      generationMethod: unicodeText({ min: 1, max: 200 }).optional(),
      note: unicodeText({ min: 1, max: 500 }).optional(),
    },
    expecting('an object'),
  )
  .refine((source) => Object.keys(source).length > 0, {
    error: 'expected at least one of system, exportJobId, generatedAt, generationMethod, note (or null)',
  });

/** Format version 3: what the evidence item is and who submitted it (section 15). */
const subjectObject = z.strictObject(
  {
    organization: z
      .strictObject({ id: uuid, name: unicodeText({ min: 1, max: 200 }) }, expecting('an object or null'))
      .nullable(),
    title: nullableText(200),
    evidenceType: evidenceTypeCode.nullable(),
    loanReference: nullableText(200),
    borrower: z
      .strictObject({ name: unicodeText({ min: 1, max: 100 }), identifierHint: nullableText(254) }, expecting('an object or null'))
      .nullable(),
  },
  expecting('an object'),
);

export const PROVENANCE_CHANNELS = ['portal', 'api', 'system'] as const;

/** Format version 3: how the item arrived. The client address, the sending user and the
 * Idempotency-Key stay out: a certificate is public to whoever has its serial (section 15.3). */
const provenanceObject = z.strictObject(
  {
    channel: z.enum(PROVENANCE_CHANNELS, expecting('"portal", "api" or "system"')),
    source: sourceObject.nullable(),
  },
  expecting('an object'),
);

export const CERTIFICATE_FORMAT_VERSIONS = [1, 2, 3] as const;

// Nested objects are strict too: a field this version does not define may carry meaning a v1 verifier
// would silently ignore.
export const certificateSchema = z.strictObject({
  format: z.literal('evident.certificate', expecting('"evident.certificate"')),
  // Version 2 adds `timestamp` (an RFC 3161 token on the root); version 3 adds `subject` and
  // `provenance`, with `timestamp` optional. Versions 1 and 2 still verify as before.
  version: z.union([z.literal(1), z.literal(2), z.literal(3)], expecting('1, 2 or 3 (this verifier reads certificate format versions 1 to 3)')),
  serial: z.string(expecting('a serial like EVD-7K3M-9QX2-R5T8-WB4N')).regex(CERTIFICATE_SERIAL_PATTERN, {
    error: "expected a serial like EVD-7K3M-9QX2-R5T8-WB4N: 'EVD' and four groups of four Crockford base32 characters",
  }),
  issuer: z.strictObject(
    {
      name: unicodeText({ min: 1, max: 200 }),
      address: hexBytes(20),
    },
    expecting('an object'),
  ),
  evidence: z.strictObject(
    {
      id: uuid,
      sequence: decimalUint64(),
      fileName: unicodeText({ min: 1 }),
      size: nonNegativeInteger,
      mediaType: unicodeText({ min: 1 }),
      sha256: hexBytes(32),
      submittedAt: isoDateTime,
    },
    expecting('an object'),
  ),
  leaf: z.strictObject(
    {
      // Any version that fits the leaf's version byte parses; the verifier's leaf check explains that
      // only version 1 is known.
      version: z
        .number(expecting('a positive integer'))
        .int(expecting('a positive integer'))
        .min(1, { error: 'expected a positive integer' })
        .max(255, { error: 'expected a positive integer of at most 255 (the leaf version is one byte)' }),
      salt: hexBytes(32),
      hash: hexBytes(32),
    },
    expecting('an object'),
  ),
  proof: z.strictObject(
    {
      algorithm: z.literal('rfc9162-sha256', expecting('"rfc9162-sha256"')),
      leafIndex: nonNegativeInteger,
      treeSize: z.number(expecting('a positive integer')).int(expecting('a positive integer')).min(1, {
        error: 'expected a positive integer',
      }),
      // A tree of up to 2^64 leaves has paths of at most 64 hashes; this bounds what a verifier hashes.
      path: z.array(hexBytes(32), expecting('an array of hashes')).max(64, { error: 'expected at most 64 hashes' }),
      root: hexBytes(32),
    },
    expecting('an object'),
  ),
  anchor: z.strictObject(
    {
      chainId: decimalUint64({ positive: true }),
      contract: hexBytes(20),
      // The consortium member that anchored the root, and that member's root anchored just before it
      // (all zeros for its first): the link of the member's append-only chain of anchors.
      submitter: hexBytes(20),
      previousRoot: hexBytes(32),
      txHash: hexBytes(32),
      blockNumber: decimalUint64(),
      blockTime: decimalUint64(),
      batchId: uuid,
    },
    expecting('an object'),
  ),
  // An RFC 3161 timestamp token over SHA-256 of proof.root, and the TSA's certificate path (its own
  // certificate first, the root last), all base64 DER. Always in version 2, never in version 1, and in
  // version 3 once the root has a token.
  timestamp: z
    .strictObject(
      {
        token: base64Der(64 * 1024),
        certificates: z.array(base64Der(16 * 1024), expecting('an array of base64 certificates')).min(1).max(8, { error: 'expected at most 8 certificates' }),
      },
      expecting('an object'),
    )
    .optional(),
  // Version 3 only, both always present there.
  subject: subjectObject.optional(),
  provenance: provenanceObject.optional(),
  issuedAt: isoDateTime,
  // Optional here so that an unsigned certificate still parses and the verifier can say precisely that
  // it is unsigned, on the signature check, instead of rejecting the whole document.
  signature: z
    .strictObject(
      {
        scheme: z.literal('eip712', expecting('"eip712"')),
        // r ‖ s ‖ v, as ethers serialises a signature; docs/proof-format.md section 9.
        value: hexBytes(65),
      },
      expecting('an object'),
    )
    .optional(),
});

/** The fields each version has: version 1 never carries a timestamp (its signature would not cover
 * it), version 2 always does; subject and provenance are version 3's, and never optional there. */
function checkVersionFields(certificate: z.infer<typeof certificateSchema>): CertificateFormatIssue[] {
  const { version } = certificate;
  const notOfVersion = (path: string) => ({ path, message: `is not a field of certificate format version ${version}` });
  const issues: CertificateFormatIssue[] = [];
  if (version === 1 && certificate.timestamp) issues.push(notOfVersion('timestamp'));
  if (version === 2 && !certificate.timestamp) issues.push({ path: 'timestamp', message: 'is missing' });
  for (const field of ['subject', 'provenance'] as const) {
    if (version !== 3 && certificate[field]) issues.push(notOfVersion(field));
    if (version === 3 && !certificate[field]) issues.push({ path: field, message: 'is missing' });
  }
  return issues;
}

export type Certificate = z.infer<typeof certificateSchema>;

/** What the issuer assembles before signing (lib/certificates/sign-certificate.ts adds the signature). */
export type UnsignedCertificate = Omit<Certificate, 'signature'>;

/**
 * Validates a certificate. A string is parsed as JSON first, so callers can pass a file's text as is.
 * Throws CertificateFormatError listing every offending field.
 */
export function parseCertificate(input: unknown): Certificate {
  let value = input;
  if (typeof input === 'string') {
    try {
      // Editors on Windows like to start UTF-8 files with a byte-order mark, which JSON.parse rejects.
      value = parseStrictJson(input.startsWith('\uFEFF') ? input.slice(1) : input, { numberPolicy: CERTIFICATE_NUMBER_POLICY });
    } catch (error) {
      if (!(error instanceof StrictJsonError)) throw error;
      throw new CertificateFormatError([{ path: certificatePath(error.path), message: error.message }]);
    }
  }
  const result = certificateSchema.safeParse(value, {
    error: (issue) => (issue.input === undefined ? 'is missing' : undefined),
  });
  if (result.success) {
    const issues = checkVersionFields(result.data);
    if (issues.length === 0) return result.data;
    throw new CertificateFormatError(issues);
  }
  throw new CertificateFormatError(result.error.issues.flatMap((issue) => describeIssue(issue, statedVersion(value))));
}

/** The version the document states, for messages about fields it does not define; 1 when unreadable. */
function statedVersion(value: unknown): number {
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  return CERTIFICATE_FORMAT_VERSIONS.find((known) => known === version) ?? 1;
}

/**
 * Download name, and the name of the attachment inside the PDF certificate:
 * `evident-certificate-EVD-7K3M-9QX2-R5T8-WB4N.json`.
 */
export function certificateFileName(certificate: UnsignedCertificate): string {
  return `evident-certificate-${certificate.serial}.json`;
}

function describeIssue(issue: z.core.$ZodIssue, version: number): CertificateFormatIssue[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: `is not a field of certificate format version ${version}`,
    }));
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0) {
    return [{ path, message: 'expected a JSON object' }];
  }
  return [{ path, message: issue.message }];
}

export function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return 'certificate';
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
