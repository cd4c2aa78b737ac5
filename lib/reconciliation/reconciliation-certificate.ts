// The reconciliation certificate, version 1 (docs/reconciliation-format.md section 12): one JSON file
// a bank hands to a tribunal or regulator, carrying one v1 proof (section 6) unchanged, the side(s) it
// is about as Evident attests them, and the issuer's EIP-712 signature with its certificate key. This
// module is its only definition: the strict parse, the file's bytes, the proof's canonical bytes and
// the signed typed data. Browser-safe (the proof core's verifyCertificate reaches it).
import { sha256 } from '@noble/hashes/sha2.js';
import canonicalize from 'canonicalize';
import type { TypedDataField } from 'ethers';
import { z } from 'zod';
import { CertificateFormatError, expecting, formatPath, hexBytes, isoDateTime, unicodeText, uuid, type CertificateFormatIssue } from '../proof/certificate-schema';
import { CERTIFICATE_EIP712_DOMAIN, type CertificateTypedData } from '../proof/certificate-typed-data';
import { toHex } from '../proof/hex';
import { PLAIN_INTEGER, parseStrictJson, StrictJsonError } from '../proof/parse-strict-json';
import { reconciliationProofSchema, type ReconciliationProof } from './reconciliation-proof-schema';
import { isCalendarDate } from './validate-row';

export const RECONCILIATION_CERTIFICATE_KIND = 'reconciliation-certificate' as const;

/** 'EVR' and four groups of four Crockford base32 digits: a reconciliation serial never reads as an
 * evidence certificate's (EVD-…). */
export const RECONCILIATION_SERIAL_PATTERN = /^EVR(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

/** What the certificate says about the record: the merge-join's class (section 5.1). */
export const CERTIFICATE_CLASSES = ['matched', 'only-a', 'only-b', 'field-mismatch'] as const;
export type CertificateClass = (typeof CERTIFICATE_CLASSES)[number];

const BARE_PROOF_KINDS = new Set(['reconciliation-inclusion', 'reconciliation-absence', 'reconciliation-field-mismatch']);

const rowCount = z
  .number(expecting('a non-negative integer'))
  .int(expecting('a non-negative integer'))
  .min(0, { error: 'expected a non-negative integer' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'expected an integer of at most 2^53 - 1' });

const attestedSide = z.strictObject(
  {
    bank: z.enum(['A', 'B'], expecting('"A" or "B"')),
    root: hexBytes(32),
    rowCount,
    // SHA-256 of the side's signed receipt file, exactly as Evident issued it; opaque here.
    receiptSha256: hexBytes(32),
  },
  expecting('an object'),
);

export const reconciliationCertificateSchema = z.strictObject({
  kind: z.literal(RECONCILIATION_CERTIFICATE_KIND, expecting(`"${RECONCILIATION_CERTIFICATE_KIND}"`)),
  version: z.literal(1, expecting('1 (this verifier reads reconciliation certificate version 1)')),
  serial: z.string(expecting('a serial like EVR-7K3M-9QX2-R5T8-WB4N')).regex(RECONCILIATION_SERIAL_PATTERN, {
    error: "expected a serial like EVR-7K3M-9QX2-R5T8-WB4N: 'EVR' and four groups of four Crockford base32 characters",
  }),
  issuer: z.strictObject({ name: unicodeText({ min: 1, max: 200 }), address: hexBytes(20) }, expecting('an object')),
  pair: z.strictObject(
    { id: uuid, bankA: unicodeText({ min: 1, max: 200 }), bankB: unicodeText({ min: 1, max: 200 }) },
    expecting('an object'),
  ),
  businessDate: z.string(expecting('a date YYYY-MM-DD')).refine(isCalendarDate, { error: 'expected a real calendar date YYYY-MM-DD' }),
  class: z.enum(CERTIFICATE_CLASSES, expecting(`one of ${CERTIFICATE_CLASSES.join(', ')}`)),
  attestedSides: z.array(attestedSide, expecting('an array of attested sides')).min(1).max(2),
  proof: reconciliationProofSchema,
  // Reserved for the version that carries the statement both banks signed and its anchors (section
  // 12.5): never in version 1, and a version 1 verifier refuses a certificate that has either.
  statementSha256: z.unknown().optional(),
  statementAnchors: z.unknown().optional(),
  issuedAt: isoDateTime,
  // Optional so that an unsigned certificate parses and the signature check says it is unsigned.
  signature: z
    .strictObject({ scheme: z.literal('eip712', expecting('"eip712"')), value: hexBytes(65) }, expecting('an object'))
    .optional(),
});

export type ReconciliationCertificate = Omit<z.infer<typeof reconciliationCertificateSchema>, 'statementSha256' | 'statementAnchors'>;
export type UnsignedReconciliationCertificate = Omit<ReconciliationCertificate, 'signature'>;
export type AttestedSide = ReconciliationCertificate['attestedSides'][number];

/**
 * A document with a top-level `kind` member is a reconciliation document (section 12.1); an evidence
 * certificate has `format` and no `kind`. Text is read leniently here only to route it: the strict
 * parse that follows reports whatever is wrong with it.
 */
export function isReconciliationDocument(input: unknown): boolean {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input.startsWith('\uFEFF') ? input.slice(1) : input);
    } catch {
      return false;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'kind');
}

/** Every number in a reconciliation certificate is an integer, written as plain digits (section 12.2). */
export function RECONCILIATION_CERTIFICATE_NUMBER_POLICY(_path: string, raw: string): string | null {
  return PLAIN_INTEGER.test(raw) ? null : `expected an integer written as plain decimal digits (no sign, fraction or exponent), got ${raw}`;
}

/**
 * Validates a reconciliation certificate: a string is parsed as strict JSON first (a duplicate member
 * at any depth is refused). Throws CertificateFormatError naming every offending member, as the
 * evidence certificate's parse does.
 */
export function parseReconciliationCertificate(input: unknown): ReconciliationCertificate {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = parseStrictJson(input.startsWith('\uFEFF') ? input.slice(1) : input, { numberPolicy: RECONCILIATION_CERTIFICATE_NUMBER_POLICY, maxDepth: 16 });
    } catch (error) {
      if (!(error instanceof StrictJsonError)) throw error;
      throw new CertificateFormatError([{ path: error.path === '$' ? 'certificate' : error.path.replace(/^\$\.?/, ''), message: error.message }]);
    }
  }
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (typeof kind === 'string' && BARE_PROOF_KINDS.has(kind)) {
    throw new CertificateFormatError([
      { path: 'kind', message: `is ${kind}: a bare proof, which nobody signed; verify the reconciliation certificate that carries it` },
    ]);
  }
  const result = reconciliationCertificateSchema.safeParse(value, { error: (issue) => (issue.input === undefined ? 'is missing' : undefined) });
  if (!result.success) throw new CertificateFormatError(result.error.issues.flatMap(describeIssue));
  const { statementSha256, statementAnchors, ...certificate } = result.data;
  const issues = [
    ...(statementSha256 !== undefined ? [reserved('statementSha256')] : []),
    ...(statementAnchors !== undefined ? [reserved('statementAnchors')] : []),
    ...proofFitsClass(certificate),
  ];
  if (issues.length > 0) throw new CertificateFormatError(issues);
  return certificate;
}

function reserved(path: string): CertificateFormatIssue {
  return { path, message: 'is reserved for a later version (the statement both banks signed, and its anchors); a version 1 certificate does not carry it' };
}

/**
 * Which proof each class carries, about which bank's side (section 12.2). A proof is about one side,
 * except a field mismatch, which is about both, A first.
 */
function proofFitsClass(certificate: UnsignedReconciliationCertificate): CertificateFormatIssue[] {
  const { proof, attestedSides } = certificate;
  const banks = attestedSides.map((side) => side.bank).join('+');
  const wanted: Record<CertificateClass, Partial<Record<ReconciliationProof['kind'], string>>> = {
    matched: { 'reconciliation-inclusion': 'A|B' },
    'only-a': { 'reconciliation-inclusion': 'A', 'reconciliation-absence': 'B' },
    'only-b': { 'reconciliation-inclusion': 'B', 'reconciliation-absence': 'A' },
    'field-mismatch': { 'reconciliation-field-mismatch': 'A+B' },
  };
  const sides = wanted[certificate.class][proof.kind];
  if (sides === undefined) {
    const kinds = Object.keys(wanted[certificate.class]).join(' or ');
    return [{ path: 'proof.kind', message: `is ${proof.kind}, but a ${certificate.class} certificate carries ${kinds}` }];
  }
  if (!sides.split('|').includes(banks)) {
    return [{ path: 'attestedSides', message: `attest bank(s) ${banks}, but a ${certificate.class} certificate with ${proof.kind} attests ${sides.replace('|', ' or ')}` }];
  }
  return [];
}

function describeIssue(issue: z.core.$ZodIssue): CertificateFormatIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'is not a member of reconciliation certificate version 1' }));
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0) return [{ path: 'certificate', message: 'expected a JSON object' }];
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/** The proof's canonical bytes: UTF-8 of its RFC 8785 JSON. The signature covers their SHA-256. */
export function proofCanonicalBytes(proof: ReconciliationProof): Uint8Array {
  return new TextEncoder().encode(canonicalize(proof)!);
}

export function proofSha256(proof: ReconciliationProof): string {
  return toHex(sha256(proofCanonicalBytes(proof)));
}

/**
 * The file Evident serves: the members in the order of section 12.2, two-space JSON, a final newline.
 * Its bytes are a presentation; what is signed is the typed data below, whatever the spacing.
 */
export function reconciliationCertificateBytes(certificate: ReconciliationCertificate): Uint8Array {
  const { kind, version, serial, issuer, pair, businessDate, attestedSides, proof, issuedAt, signature } = certificate;
  const ordered = {
    kind,
    version,
    serial,
    issuer: { name: issuer.name, address: issuer.address },
    pair: { id: pair.id, bankA: pair.bankA, bankB: pair.bankB },
    businessDate,
    class: certificate.class,
    attestedSides: attestedSides.map((side) => ({ bank: side.bank, root: side.root, rowCount: side.rowCount, receiptSha256: side.receiptSha256 })),
    proof,
    issuedAt,
    ...(signature ? { signature: { scheme: signature.scheme, value: signature.value } } : {}),
  };
  return new TextEncoder().encode(`${JSON.stringify(ordered, null, 2)}\n`);
}

/** `evident-reconciliation-certificate-EVR-….json`, the download's name. */
export function reconciliationCertificateFileName(certificate: Pick<ReconciliationCertificate, 'serial'>): string {
  return `evident-reconciliation-certificate-${certificate.serial}.json`;
}

// The field order is part of the signature (it fixes the type hash): never reorder. A later version
// that admits the reserved members adds them to a new list, picked by `version`.
export const RECONCILIATION_CERTIFICATE_EIP712_TYPES = {
  ReconciliationCertificate: [
    { name: 'kind', type: 'string' },
    { name: 'version', type: 'uint8' },
    { name: 'serial', type: 'string' },
    { name: 'issuerName', type: 'string' },
    { name: 'issuer', type: 'address' },
    { name: 'pairId', type: 'string' },
    { name: 'bankA', type: 'string' },
    { name: 'bankB', type: 'string' },
    { name: 'businessDate', type: 'string' },
    { name: 'breakClass', type: 'string' },
    { name: 'attestedSides', type: 'AttestedSide[]' },
    { name: 'proofSha256', type: 'bytes32' },
    { name: 'issuedAt', type: 'string' },
  ],
  AttestedSide: [
    { name: 'bank', type: 'string' },
    { name: 'root', type: 'bytes32' },
    { name: 'rowCount', type: 'uint64' },
    { name: 'receiptSha256', type: 'bytes32' },
  ],
} as const satisfies Record<string, readonly TypedDataField[]>;

/**
 * Arguments for ethers' signTypedData / TypedDataEncoder.hash. The domain is the evidence
 * certificate's ({name: "Evident Certificate", version: "1"}), which the issuer document publishes:
 * the primary type's own type hash keeps the two kinds of certificate apart.
 */
export function reconciliationCertificateTypedData(certificate: UnsignedReconciliationCertificate): CertificateTypedData {
  const types = RECONCILIATION_CERTIFICATE_EIP712_TYPES;
  return {
    domain: { ...CERTIFICATE_EIP712_DOMAIN },
    types: {
      ReconciliationCertificate: types.ReconciliationCertificate.map((field) => ({ ...field })),
      AttestedSide: types.AttestedSide.map((field) => ({ ...field })),
    },
    value: {
      kind: certificate.kind,
      version: certificate.version,
      serial: certificate.serial,
      issuerName: certificate.issuer.name,
      issuer: certificate.issuer.address,
      pairId: certificate.pair.id,
      bankA: certificate.pair.bankA,
      bankB: certificate.pair.bankB,
      businessDate: certificate.businessDate,
      breakClass: certificate.class,
      attestedSides: certificate.attestedSides.map((side) => ({
        bank: side.bank,
        root: side.root,
        rowCount: BigInt(side.rowCount),
        receiptSha256: side.receiptSha256,
      })),
      proofSha256: proofSha256(certificate.proof),
      issuedAt: certificate.issuedAt,
    },
  };
}
