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

const nonNegativeInteger = z.number(expecting('a non-negative integer')).int(expecting('a non-negative integer')).min(0, {
  error: 'expected a non-negative integer',
});

// Nested objects are strict too: a field this version does not define may carry meaning a v1 verifier
// would silently ignore.
export const certificateSchema = z.strictObject({
  format: z.literal('evident.certificate', expecting('"evident.certificate"')),
  version: z.literal(1, expecting('1 (this verifier reads certificate format version 1)')),
  evidence: z.strictObject(
    {
      id: uuid,
      sequence: decimalUint64(),
      fileName: z.string(expecting('a string')),
      size: nonNegativeInteger,
      mediaType: z.string(expecting('a string')),
      sha256: hexBytes(32),
      submittedAt: isoDateTime,
    },
    expecting('an object'),
  ),
  leaf: z.strictObject(
    {
      // Any positive version parses; the verifier's leaf check explains that only version 1 is known.
      version: z.number(expecting('a positive integer')).int(expecting('a positive integer')).min(1, {
        error: 'expected a positive integer',
      }),
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
      txHash: hexBytes(32),
      blockNumber: decimalUint64(),
      blockTime: decimalUint64(),
      batchId: uuid,
    },
    expecting('an object'),
  ),
  issuedAt: isoDateTime,
  // Reserved for issuer signatures, a later format addition: kept as is, not interpreted yet.
  signature: z.record(z.string(), z.unknown(), expecting('an object')).optional(),
});

export type Certificate = z.infer<typeof certificateSchema>;

/**
 * Validates a certificate. A string is parsed as JSON first, so callers can pass a file's text as is.
 * Throws CertificateFormatError listing every offending field.
 */
export function parseCertificate(input: unknown): Certificate {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
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

/** Download name for a certificate, e.g. `evident-certificate-<evidence id>.json`. */
export function certificateFileName(certificate: Certificate): string {
  return `evident-certificate-${certificate.evidence.id}.json`;
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
