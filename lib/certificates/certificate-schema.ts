// The certificate JSON, format version 1 (spec: docs/proof-format.md). This schema is the only
// definition of the format: issuing, the HTTP API and every verifier parse through it, and a rejection
// names the exact field (`proof.path[2]: expected 0x-prefixed 32-byte hex`).
import { z } from 'zod';
import { DomainError } from '../errors';

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
function expecting(what: string) {
  return { error: (issue: ErrorInput) => (issue.input === undefined ? 'is missing' : `expected ${what}`) };
}

function hexBytes(byteLength: number) {
  const what = `0x-prefixed ${byteLength}-byte hex`;
  const lowercase = new RegExp(`^0x[0-9a-f]{${2 * byteLength}}$`);
  const anyCase = new RegExp(`^0x[0-9a-fA-F]{${2 * byteLength}}$`);
  return z.string(expecting(what)).regex(lowercase, {
    error: (issue: ErrorInput) =>
      typeof issue.input === 'string' && anyCase.test(issue.input) ? `expected ${what} in lowercase` : `expected ${what}`,
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

const uuid = z.string(expecting('a UUID')).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
  error: 'expected a lowercase UUID (8-4-4-4-12 hex digits)',
});

const isoDateTime = z.iso.datetime({ offset: true, ...expecting('an ISO-8601 date-time, e.g. 2026-01-01T00:00:00.000Z') });

// A lone UTF-16 surrogate cannot be written as UTF-8, so it cannot appear in a certificate file, and
// the EIP-712 signature (which hashes strings as UTF-8) could not cover it.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function unicodeText({ min, max }: { min?: number; max?: number } = {}) {
  const what = min ? 'a non-empty string' : 'a string';
  let text = z.string(expecting(what));
  if (min) text = text.min(min, { error: `expected ${what}` });
  if (max) text = text.max(max, { error: `expected ${what} of at most ${max} characters` });
  return text.refine((value) => !LONE_SURROGATE.test(value), {
    error: 'expected well-formed Unicode text (it contains a lone UTF-16 surrogate)',
  });
}

/** 'EVD' and four groups of four Crockford base32 digits (no I, L, O, U), e.g. EVD-7K3M-9QX2-R5T8-WB4N. */
export const CERTIFICATE_SERIAL_PATTERN = /^EVD(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

const nonNegativeInteger = z.number(expecting('a non-negative integer')).int(expecting('a non-negative integer')).min(0, {
  error: 'expected a non-negative integer',
});

// Nested objects are strict too: a field this version does not define may carry meaning a v1 verifier
// would silently ignore.
export const certificateSchema = z.strictObject({
  format: z.literal('evident.certificate', expecting('"evident.certificate"')),
  version: z.literal(1, expecting('1 (this verifier reads certificate format version 1)')),
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
      fileName: unicodeText(),
      size: nonNegativeInteger,
      mediaType: unicodeText(),
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
      value = JSON.parse(input.startsWith('\uFEFF') ? input.slice(1) : input);
    } catch (error) {
      throw new CertificateFormatError([{ path: 'certificate', message: `is not valid JSON (${(error as Error).message})` }]);
    }
  }
  const result = certificateSchema.safeParse(value, {
    error: (issue) => (issue.input === undefined ? 'is missing' : undefined),
  });
  if (result.success) return result.data;
  throw new CertificateFormatError(result.error.issues.flatMap(describeIssue));
}

/**
 * Download name, and the name of the attachment inside the PDF certificate:
 * `evident-certificate-EVD-7K3M-9QX2-R5T8-WB4N.json`.
 */
export function certificateFileName(certificate: UnsignedCertificate): string {
  return `evident-certificate-${certificate.serial}.json`;
}

function describeIssue(issue: z.core.$ZodIssue): CertificateFormatIssue[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: 'is not a field of certificate format version 1',
    }));
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0) {
    return [{ path, message: 'expected a JSON object' }];
  }
  return [{ path, message: issue.message }];
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return 'certificate';
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
