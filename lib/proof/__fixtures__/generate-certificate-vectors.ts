// Writes the certificate test vectors into docs/vectors/. Run: npx tsx lib/proof/__fixtures__/generate-certificate-vectors.ts
// (add --new-timestamps to make a new test TSA and tokens too). certificate-vectors.test.ts checks that
// the committed files are exactly what makeCertificateVectors() makes.
//
// The valid certificate is assembled from the Merkle vectors (leaf 6 of the 7-leaf tree, whose
// neighbour-less position exercises the carried-up node) and a fixed fake anchor, and signed with a
// published test key. Each mutated copy changes one thing; the manifest lists which checks must fail
// for it. Nothing here calls the verifier or lib/certificates: the EIP-712 encoding below is written
// out by hand from docs/proof-format.md (only the ECDSA primitive comes from ethers), so the vectors
// cannot merely echo the implementation's behaviour.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { computeAddress, SigningKey } from 'ethers';
import rfc9162 from '../../merkle/__fixtures__/rfc9162-vectors.json';
import keptTimestampsJson from './certificate-vector-timestamps.json';
import { stampRoot } from '../../testing/start-test-tsa';
import { createTsaCredentials, type TsaCredentials } from '../../timestamps/tsa-credentials';

// Published test keys: anyone can sign with them. Never configure them as a real issuer's key.
const ISSUER_TEST_KEY = '0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const OTHER_TEST_KEY = '0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';
const issuerAddress = computeAddress(ISSUER_TEST_KEY).toLowerCase();
const otherAddress = computeAddress(OTHER_TEST_KEY).toLowerCase();
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const TREE_SIZE = 7;
const LEAF_INDEX = 6;
const leaf = rfc9162.leaves[LEAF_INDEX];
const tree = rfc9162.trees[TREE_SIZE - 1];

// The anchoring member's previous batch, the one its anchor of this batch links to: one leaf
// (sequence 0) under a placeholder root, anchored as that member's first, so after the zero root.
const previousAnchor = {
  root: `0x${bytesToHex(sha256(utf8ToBytes('evident test vectors: previous batch')))}`,
  blockNumber: '40',
  blockTime: '1767225588',
  firstSequence: '0',
  leafCount: '1',
  previousRoot: `0x${'00'.repeat(32)}`,
};

const chain = {
  chainId: '31337',
  contract: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  txHash: '0x3c0d7e54cd0e6c3f0f0a1c3d9e6f1b2a4c5d6e7f8091a2b3c4d5e6f708192a3b',
  blockNumber: '42',
  blockTime: '1767225600',
  // anvil's account #0, the consortium member that anchored the batch.
  submitter: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
  previousRoot: previousAnchor.root,
};
// anvil's account #1, another member.
const OTHER_MEMBER = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

const unsigned = {
  format: 'evident.certificate',
  version: 1,
  serial: 'EVD-7K3M-9QX2-R5T8-WB4N',
  issuer: { name: 'Evident Test Vectors', address: issuerAddress },
  evidence: {
    id: '0b6c3a52-8d4e-4f3a-9c1e-2a7b5d9e0f16',
    sequence: leaf.sequence,
    fileName: `${leaf.contentAscii}.txt`,
    size: leaf.contentAscii.length,
    mediaType: 'text/plain',
    sha256: leaf.contentSha256,
    submittedAt: '2025-12-31T23:59:30.000Z',
  },
  leaf: { version: 1, salt: leaf.salt, hash: leaf.leafHash },
  proof: {
    algorithm: 'rfc9162-sha256',
    leafIndex: LEAF_INDEX,
    treeSize: TREE_SIZE,
    path: tree.auditPaths[LEAF_INDEX],
    root: tree.root,
  },
  anchor: {
    chainId: chain.chainId,
    contract: chain.contract,
    submitter: chain.submitter,
    previousRoot: chain.previousRoot,
    txHash: chain.txHash,
    blockNumber: chain.blockNumber,
    blockTime: chain.blockTime,
    batchId: '5e1f2d3c-4b5a-4697-8877-665544332211',
  },
  issuedAt: '2026-01-01T00:00:05.000Z',
};

interface Subject {
  organization: { id: string; name: string } | null;
  title: string | null;
  evidenceType: string | null;
  loanReference: string | null;
  borrower: { name: string; identifierHint: string | null } | null;
}
interface Provenance {
  channel: string;
  source: { system?: string; exportJobId?: string; generatedAt?: string; generationMethod?: string; note?: string } | null;
}
type UnsignedCertificate = Omit<typeof unsigned, 'version'> & {
  version: number;
  timestamp?: { token: string; certificates: string[] };
  subject?: Subject;
  provenance?: Provenance;
};
type Certificate = UnsignedCertificate & { signature?: { scheme: string; value: string } };
type Json = Record<string, unknown>;

// EIP-712 (docs/proof-format.md section 9), by hand.
const hex = (bytes: Uint8Array) => `0x${bytesToHex(bytes)}`;
const bytesOf = (value: string) => hexToBytes(value.slice(2));
const keccak = (...parts: Uint8Array[]) => keccak_256(concatBytes(...parts));

const DOMAIN_TYPE = 'EIP712Domain(string name,string version)';
const CERTIFICATE_FIELDS = [
  ['string', 'serial'],
  ['string', 'issuerName'],
  ['address', 'issuer'],
  ['string', 'evidenceId'],
  ['uint64', 'sequence'],
  ['string', 'fileName'],
  ['uint64', 'size'],
  ['string', 'mediaType'],
  ['bytes32', 'sha256'],
  ['string', 'submittedAt'],
  ['uint8', 'leafVersion'],
  ['bytes32', 'salt'],
  ['bytes32', 'leafHash'],
  ['uint64', 'leafIndex'],
  ['uint64', 'treeSize'],
  ['bytes32[]', 'proofPath'],
  ['bytes32', 'root'],
  ['string', 'proofAlgorithm'],
  ['uint256', 'chainId'],
  ['address', 'contract'],
  ['address', 'anchorSubmitter'],
  ['bytes32', 'previousRoot'],
  ['bytes32', 'txHash'],
  ['uint64', 'blockNumber'],
  ['uint64', 'blockTime'],
  ['string', 'batchId'],
  ['string', 'issuedAt'],
] as const;
const CERTIFICATE_TYPE = `Certificate(${CERTIFICATE_FIELDS.map(([type, name]) => `${type} ${name}`).join(',')})`;
// Format version 2 (section 13): version 1's fields, then the RFC 3161 token and the TSA's certificate path as DER.
const CERTIFICATE_V2_FIELDS = [...CERTIFICATE_FIELDS, ['bytes', 'timestampToken'], ['bytes[]', 'timestampCertificates']] as const;
const CERTIFICATE_V2_TYPE = `Certificate(${CERTIFICATE_V2_FIELDS.map(([type, name]) => `${type} ${name}`).join(',')})`;
// Format version 3 (section 15): version 2's fields (the timestamp empty bytes and an empty array
// while there is no token), then the subject and the provenance as strings, null as "".
const CERTIFICATE_V3_FIELDS = [
  ...CERTIFICATE_V2_FIELDS,
  ...[
    'organizationId',
    'organizationName',
    'title',
    'evidenceType',
    'loanReference',
    'borrowerName',
    'borrowerIdentifierHint',
    'channel',
    'sourceSystem',
    'sourceExportJobId',
    'sourceGeneratedAt',
    'sourceGenerationMethod',
    'sourceNote',
  ].map((name) => ['string', name] as const),
] as const;
const CERTIFICATE_V3_TYPE = `Certificate(${CERTIFICATE_V3_FIELDS.map(([type, name]) => `${type} ${name}`).join(',')})`;
const base64ToHex = (base64: string) => hex(Uint8Array.from(Buffer.from(base64, 'base64')));

function word(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

function encodeField(type: string, value: unknown): Uint8Array {
  if (type === 'string') return keccak(utf8ToBytes(value as string));
  if (type === 'bytes32') return bytesOf(value as string);
  if (type === 'bytes32[]') return keccak(...(value as string[]).map(bytesOf));
  if (type === 'bytes') return keccak(bytesOf(value as string));
  if (type === 'bytes[]') return keccak(...(value as string[]).map((item) => keccak(bytesOf(item))));
  if (type === 'address') return concatBytes(new Uint8Array(12), bytesOf(value as string));
  return word(BigInt(value as string | number));
}

function fieldValues(c: UnsignedCertificate): Record<string, unknown> {
  return {
    serial: c.serial,
    issuerName: c.issuer.name,
    issuer: c.issuer.address,
    evidenceId: c.evidence.id,
    sequence: c.evidence.sequence,
    fileName: c.evidence.fileName,
    size: c.evidence.size,
    mediaType: c.evidence.mediaType,
    sha256: c.evidence.sha256,
    submittedAt: c.evidence.submittedAt,
    leafVersion: c.leaf.version,
    salt: c.leaf.salt,
    leafHash: c.leaf.hash,
    leafIndex: c.proof.leafIndex,
    treeSize: c.proof.treeSize,
    proofPath: c.proof.path,
    root: c.proof.root,
    proofAlgorithm: c.proof.algorithm,
    chainId: c.anchor.chainId,
    contract: c.anchor.contract,
    anchorSubmitter: c.anchor.submitter,
    previousRoot: c.anchor.previousRoot,
    txHash: c.anchor.txHash,
    blockNumber: c.anchor.blockNumber,
    blockTime: c.anchor.blockTime,
    batchId: c.anchor.batchId,
    issuedAt: c.issuedAt,
    timestampToken: c.timestamp ? base64ToHex(c.timestamp.token) : '0x',
    timestampCertificates: c.timestamp ? c.timestamp.certificates.map(base64ToHex) : [],
    organizationId: c.subject?.organization?.id ?? '',
    organizationName: c.subject?.organization?.name ?? '',
    title: c.subject?.title ?? '',
    evidenceType: c.subject?.evidenceType ?? '',
    loanReference: c.subject?.loanReference ?? '',
    borrowerName: c.subject?.borrower?.name ?? '',
    borrowerIdentifierHint: c.subject?.borrower?.identifierHint ?? '',
    channel: c.provenance?.channel ?? '',
    sourceSystem: c.provenance?.source?.system ?? '',
    sourceExportJobId: c.provenance?.source?.exportJobId ?? '',
    sourceGeneratedAt: c.provenance?.source?.generatedAt ?? '',
    sourceGenerationMethod: c.provenance?.source?.generationMethod ?? '',
    sourceNote: c.provenance?.source?.note ?? '',
  };
}

const domainSeparator = keccak(keccak(utf8ToBytes(DOMAIN_TYPE)), keccak(utf8ToBytes('Evident Certificate')), keccak(utf8ToBytes('1')));

function eip712(c: UnsignedCertificate) {
  const values = fieldValues(c);
  const [fields, typeString] =
    c.version === 3
      ? [CERTIFICATE_V3_FIELDS, CERTIFICATE_V3_TYPE]
      : c.version === 2
        ? [CERTIFICATE_V2_FIELDS, CERTIFICATE_V2_TYPE]
        : [CERTIFICATE_FIELDS, CERTIFICATE_TYPE];
  const encodedFields = fields.map(([type, name]) => ({ name, type, encoded: encodeField(type, values[name]) }));
  const structHash = keccak(keccak(utf8ToBytes(typeString)), ...encodedFields.map((field) => field.encoded));
  const digest = keccak(Uint8Array.of(0x19, 0x01), domainSeparator, structHash);
  return { encodedFields, structHash, digest };
}

function signed(c: UnsignedCertificate, privateKey: string): Certificate {
  const signature = new SigningKey(privateKey).sign(hex(eip712(c).digest)).serialized.toLowerCase();
  return { ...c, signature: { scheme: 'eip712', value: signature } };
}

const valid = signed(unsigned, ISSUER_TEST_KEY);
const validSignature = valid.signature!.value;

function flipLastByte(hex: string): string {
  const last = Number.parseInt(hex.slice(-2), 16) ^ 0x01;
  return hex.slice(0, -2) + last.toString(16).padStart(2, '0');
}

function withSignatureBytes(change: (bytes: Uint8Array) => void): string {
  const bytes = bytesOf(validSignature);
  change(bytes);
  return hex(bytes);
}

const validText = `${JSON.stringify(valid, null, 2)}\n`;

/** The valid certificate's text with one exact replacement (it must match once). */
function editText(from: string, to: string): string {
  if (validText.split(from).length !== 2) throw new Error(`${from} does not occur exactly once in the valid certificate`);
  return validText.replace(from, to);
}

/** A new transaction hash whose RootAnchored event says something other than the certificate. */
const EVENT_MISMATCH_TX_HASH = '0x7e5a0b3c9d1f2e4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6d8e0f1a';

function mutate(change: (certificate: Certificate & Json) => void): Json {
  const copy = structuredClone(valid) as Certificate & Json;
  change(copy);
  return copy;
}

const FILE = leaf.contentAscii;
const REVOKED_SERIAL = 'EVD-3R9C-0V5D-H2KP-M8TQ';
const OTHER_FILE = rfc9162.leaves[5].contentAscii;

interface Case {
  name: string;
  description: string;
  /** Written as JSON, or as this exact text when `text` is set (spellings JSON.stringify cannot make). */
  certificate: Json;
  text?: string;
  fileContentAscii: string | null;
  expectedFailures: string[];
  expectedFailureFields?: string[];
}

/** Base64 DER of a test TSA's certificates. */
interface VectorTsa {
  rootCertificate: string;
  tsaCertificate: string;
}
/** The RFC 3161 material of the version 2 and 3 vectors, base64 DER (made by makeVectorTimestamps). */
export interface VectorTimestamps {
  trustedTsa: VectorTsa;
  untrustedTsa: VectorTsa;
  /** The trusted TSA's token over SHA-256 of the tree root. */
  rootToken: string;
  /** The trusted TSA's token over SHA-256 of "another root". */
  otherRootToken: string;
  /** The untrusted TSA's token over SHA-256 of the tree root. */
  untrustedRootToken: string;
}
const keptTimestamps: VectorTimestamps = keptTimestampsJson;


/**
 * Every file of docs/vectors/ that this generator owns, by name, as the exact text to write. Pure: the
 * same timestamps give the same bytes.
 */
export function makeCertificateVectors(timestamps: VectorTimestamps = keptTimestamps): Map<string, string> {
  /** A case checked with the valid certificate's file; a name fail.<check>.<what> fails <check> alone unless told otherwise. */
  function failing(
    name: string,
    description: string,
    certificate: Json,
    { text, expectedFailures = [name.split('.')[1]], expectedFailureFields }: Pick<Partial<Case>, 'text' | 'expectedFailures' | 'expectedFailureFields'> = {},
  ): Case {
    return { name, description, certificate, ...(text !== undefined ? { text } : {}), fileContentAscii: FILE, expectedFailures, ...(expectedFailureFields ? { expectedFailureFields } : {}) };
  }

  const cases: Case[] = [
    { name: 'valid', description: 'Unaltered certificate and matching file.', certificate: valid, fileContentAscii: FILE, expectedFailures: [] },
    {
      name: 'fail.file-hash.other-file',
      description: 'Unaltered certificate, but the file checked against it is another one.',
      certificate: valid,
      fileContentAscii: OTHER_FILE,
      expectedFailures: ['file-hash'],
    },
    {
      name: 'fail.certificate-format.path-element-not-hex32',
      description: 'proof.path[1] is 2 bytes long.',
      certificate: mutate((c) => (c.proof.path = [c.proof.path[0], '0x1234'])),
      fileContentAscii: FILE,
      expectedFailures: ['certificate-format'],
      expectedFailureFields: ['proof.path[1]'],
    },
    {
      name: 'fail.certificate-format.uppercase-hex',
      description: 'evidence.sha256 in upper case: certificates carry lowercase hex only.',
      certificate: mutate((c) => (c.evidence.sha256 = `0x${c.evidence.sha256.slice(2).toUpperCase()}`)),
      fileContentAscii: FILE,
      expectedFailures: ['certificate-format'],
      expectedFailureFields: ['evidence.sha256'],
    },
    failing(
      'fail.certificate-format.unknown-field',
      'An extra top-level field "note" that format version 1 does not define.',
      mutate((c) => (c.note = 'added later')),
      { expectedFailureFields: ['note'] },
    ),
    failing(
      'fail.certificate-format.missing-root',
      'proof.root removed.',
      mutate((c) => delete (c.proof as Json).root),
      { expectedFailureFields: ['proof.root'] },
    ),
    failing(
      'fail.certificate-format.sequence-as-number',
      'evidence.sequence as a JSON number instead of a decimal string.',
      mutate((c) => ((c.evidence as Json).sequence = Number(c.evidence.sequence))),
      { expectedFailureFields: ['evidence.sequence'] },
    ),
    failing(
      'fail.certificate-format.serial-not-crockford',
      "serial ends in 'U', which Crockford base32 leaves out.",
      mutate((c) => (c.serial = 'EVD-7K3M-9QX2-R5T8-WB4U')),
      { expectedFailureFields: ['serial'] },
    ),
    failing(
      'fail.certificate-format.signature-scheme-unknown',
      'signature.scheme "eip191" instead of "eip712".',
      mutate((c) => (c.signature = { scheme: 'eip191', value: validSignature })),
      { expectedFailureFields: ['signature.scheme'] },
    ),
    failing(
      'fail.certificate-format.signature-64-bytes',
      'signature.value without its last byte (v): 64 bytes instead of 65.',
      mutate((c) => (c.signature = { scheme: 'eip712', value: validSignature.slice(0, -2) })),
      { expectedFailureFields: ['signature.value'] },
    ),
    failing(
      'fail.certificate-format.issuer-name-empty',
      'issuer.name is the empty string.',
      mutate((c) => (c.issuer = { ...c.issuer, name: '' })),
      { expectedFailureFields: ['issuer.name'] },
    ),
    failing(
      'fail.certificate-format.duplicate-key-evidence',
      'The evidence object appears twice, a forged one first and the genuine one second: a duplicate key anywhere is malformed (section 1.1).',
      valid,
      { text: editText('  "evidence": {', '  "evidence": {\n    "fileName": "forged.pdf"\n  },\n  "evidence": {'), expectedFailureFields: ['evidence'] },
    ),
    failing(
      'fail.certificate-format.duplicate-key-escaped',
      'signature.value appears twice, once spelled with a \\u escape: keys are compared after unescaping.',
      valid,
      { text: editText('    "value": ', '    "\\u0076alue": "0x00",\n    "value": '), expectedFailureFields: ['signature.value'] },
    ),
    ...(
      [
        ['version-1.0', '\n  "version": 1,', '\n  "version": 1.0,', 'version'],
        ['size-exponent', `"size": ${valid.evidence.size},`, `"size": ${valid.evidence.size}e0,`, 'evidence.size'],
        ['tree-size-negative-zero', `"leafIndex": ${valid.proof.leafIndex},`, `"leafIndex": ${valid.proof.leafIndex === 0 ? '-0' : `${valid.proof.leafIndex}.0`},`, 'proof.leafIndex'],
      ] as const
    ).map(([what, from, to, field]) => ({
      name: `fail.certificate-format.integer-${what}`,
      description: `${field} spelled ${to.split(': ')[1]!.replace(/,$/, '')}: integers are plain decimal digits only (section 1.1).`,
      certificate: valid,
      text: editText(from, to),
      fileContentAscii: FILE,
      expectedFailures: ['certificate-format'],
      expectedFailureFields: [field],
    })),
    failing(
      'fail.certificate-format.issued-at-year-zero',
      'issuedAt in year 0000: date-times are RFC 3339 with years 0001-9999 (section 1.2).',
      mutate((c) => (c.issuedAt = `0000${c.issuedAt.slice(4)}`)),
      { expectedFailureFields: ['issuedAt'] },
    ),
    failing(
      'fail.certificate-format.submitted-at-unknown-offset',
      'evidence.submittedAt with offset -00:00 (unknown local offset), which the pinned profile refuses.',
      mutate((c) => (c.evidence.submittedAt = `${c.evidence.submittedAt.slice(0, 19)}-00:00`)),
      { expectedFailureFields: ['evidence.submittedAt'] },
    ),
    failing(
      'fail.certificate-format.file-name-empty',
      'evidence.fileName is empty: fileName and mediaType are non-empty (section 1.3).',
      mutate((c) => (c.evidence.fileName = '')),
      { expectedFailureFields: ['evidence.fileName'] },
    ),
    failing(
      'fail.certificate-format.issuer-name-201-code-points',
      'issuer.name is 201 code points (402 UTF-16 units): the limit of 200 counts code points (section 1.3).',
      mutate((c) => (c.issuer = { ...c.issuer, name: '\u{20000}'.repeat(201) })),
      { expectedFailureFields: ['issuer.name'] },
    ),
    {
      name: 'valid.issuer-name-200-code-points',
      description: 'issuer.name of 200 code points outside the BMP (400 UTF-16 units), signed: within the limit.',
      certificate: signed({ ...structuredClone(unsigned), issuer: { ...unsigned.issuer, name: '\u{20000}'.repeat(200) } }, ISSUER_TEST_KEY),
      fileContentAscii: FILE,
      expectedFailures: [],
    },
    failing(
      'fail.chain-anchor.event-mismatch',
      'anchor.txHash names a transaction whose RootAnchored event records another blockTime than the contract and the certificate (section 8.3), re-signed.',
      signed({ ...structuredClone(unsigned), anchor: { ...unsigned.anchor, txHash: EVENT_MISMATCH_TX_HASH } }, ISSUER_TEST_KEY),
    ),
    failing(
      'fail.chain-anchor.contract-not-found',
      'anchor.contract is an address where getAnchor answers 0x (no contract), re-signed: chain-anchor.contract-not-found (section 8.2).',
      signed({ ...structuredClone(unsigned), anchor: { ...unsigned.anchor, contract: '0x000000000000000000000000000000000000dead' } }, ISSUER_TEST_KEY),
    ),
    failing(
      'fail.leaf.salt-altered',
      'Last byte of leaf.salt flipped: the recomputed leaf differs, so the proof no longer reaches the root.',
      mutate((c) => (c.leaf.salt = flipLastByte(c.leaf.salt))),
      { expectedFailures: ['leaf', 'inclusion-proof', 'signature'] },
    ),
    failing(
      'fail.leaf.sequence-altered',
      'evidence.sequence changed from 7 to 8.',
      mutate((c) => (c.evidence.sequence = (BigInt(c.evidence.sequence) + 1n).toString())),
      { expectedFailures: ['leaf', 'inclusion-proof', 'signature'] },
    ),
    failing(
      'fail.leaf.sha256-altered',
      "evidence.sha256 replaced by another file's hash; the file checked is the original.",
      mutate((c) => (c.evidence.sha256 = rfc9162.leaves[5].contentSha256)),
      { expectedFailures: ['file-hash', 'leaf', 'inclusion-proof', 'signature'] },
    ),
    failing(
      'fail.leaf.hash-altered',
      'Last byte of leaf.hash flipped. The proof is checked from the recomputed leaf, so of the Merkle checks only the leaf check fails.',
      mutate((c) => (c.leaf.hash = flipLastByte(c.leaf.hash))),
      { expectedFailures: ['leaf', 'signature'] },
    ),
    failing(
      'fail.leaf.unsupported-version',
      'leaf.version 2, which a version-1 verifier cannot recompute (the inclusion proof is then skipped).',
      mutate((c) => (c.leaf.version = 2)),
      { expectedFailures: ['leaf', 'signature'] },
    ),
    failing(
      'fail.inclusion-proof.path-byte-flipped',
      'Last byte of proof.path[0] flipped.',
      mutate((c) => (c.proof.path = [flipLastByte(c.proof.path[0]), ...c.proof.path.slice(1)])),
      { expectedFailures: ['inclusion-proof', 'signature'] },
    ),
    failing(
      'fail.inclusion-proof.path-element-dropped',
      'Last element of proof.path removed (proof too short).',
      mutate((c) => (c.proof.path = c.proof.path.slice(0, -1))),
      { expectedFailures: ['inclusion-proof', 'signature'] },
    ),
    failing(
      'fail.inclusion-proof.path-element-added',
      'An extra hash appended to proof.path (proof too long).',
      mutate((c) => (c.proof.path = [...c.proof.path, rfc9162.leaves[0].leafHash])),
      { expectedFailures: ['inclusion-proof', 'signature'] },
    ),
    failing(
      'fail.inclusion-proof.leaf-index-altered',
      'proof.leafIndex changed from 6 to 5.',
      mutate((c) => (c.proof.leafIndex = 5)),
      { expectedFailures: ['inclusion-proof', 'signature'] },
    ),
    failing(
      'fail.inclusion-proof.leaf-index-out-of-range',
      'proof.leafIndex 7 in a tree of 7 leaves.',
      mutate((c) => (c.proof.leafIndex = 7)),
      { expectedFailures: ['inclusion-proof', 'signature'] },
    ),
    failing(
      'fail.inclusion-proof.tree-size-altered',
      'proof.treeSize changed from 7 to 8; the anchored leaf count (7) disagrees as well.',
      mutate((c) => (c.proof.treeSize = 8)),
      { expectedFailures: ['inclusion-proof', 'chain-anchor', 'signature'] },
    ),
    failing(
      'fail.inclusion-proof.root-altered',
      'Last byte of proof.root flipped; that root is not anchored either.',
      mutate((c) => (c.proof.root = flipLastByte(c.proof.root))),
      { expectedFailures: ['inclusion-proof', 'chain-anchor', 'signature'] },
    ),
    failing(
      'fail.chain-anchor.chain-id-altered',
      'anchor.chainId 1 instead of 31337.',
      mutate((c) => (c.anchor.chainId = '1')),
      { expectedFailures: ['chain-anchor', 'signature'] },
    ),
    failing(
      'fail.chain-anchor.contract-altered',
      'anchor.contract points at another contract.',
      mutate((c) => (c.anchor.contract = flipLastByte(c.anchor.contract))),
      { expectedFailures: ['chain-anchor', 'signature'] },
    ),
    failing(
      'fail.chain-anchor.block-number-altered',
      'anchor.blockNumber 43 instead of 42.',
      mutate((c) => (c.anchor.blockNumber = '43')),
      { expectedFailures: ['chain-anchor', 'signature'] },
    ),
    failing(
      'fail.chain-anchor.block-time-altered',
      'anchor.blockTime one second later.',
      mutate((c) => (c.anchor.blockTime = (BigInt(c.anchor.blockTime) + 1n).toString())),
      { expectedFailures: ['chain-anchor', 'signature'] },
    ),
    failing(
      'fail.chain-anchor.submitter-altered',
      'anchor.submitter names another consortium member than the one the contract records.',
      mutate((c) => (c.anchor.submitter = OTHER_MEMBER)),
      { expectedFailures: ['chain-anchor', 'signature'] },
    ),
    failing(
      'fail.chain-anchor.previous-root-altered',
      "Last byte of anchor.previousRoot flipped: not the member's root that the contract records before this one.",
      mutate((c) => (c.anchor.previousRoot = flipLastByte(c.anchor.previousRoot))),
      { expectedFailures: ['chain-anchor', 'signature'] },
    ),
    failing(
      'fail.chain-anchor.tx-hash-altered',
      'anchor.txHash names a transaction the chain does not have.',
      mutate((c) => (c.anchor.txHash = flipLastByte(c.anchor.txHash))),
      { expectedFailures: ['chain-anchor', 'signature'] },
    ),
    failing(
      'fail.signature.missing',
      'signature removed: an unsigned certificate is well-formed but fails the signature check.',
      mutate((c) => delete c.signature),
    ),
    failing(
      'fail.signature.value-byte-flipped',
      'Last byte of s (byte 63 of signature.value) flipped: the signature recovers another address.',
      mutate((c) => (c.signature = { scheme: 'eip712', value: withSignatureBytes((b) => (b[63] ^= 0x01)) })),
    ),
    failing(
      'fail.signature.v-not-27-or-28',
      `v written as the bare y-parity ${bytesOf(validSignature)[64] - 27} instead of ${bytesOf(validSignature)[64]}: the same signature in a non-canonical encoding, which is rejected.`,
      mutate((c) => (c.signature = { scheme: 'eip712', value: withSignatureBytes((b) => (b[64] -= 27)) })),
    ),
    failing(
      'fail.signature.high-s',
      'The malleated twin of the valid signature (s replaced by n - s, v toggled). It recovers the issuer too, but only ' +
        'the low-s form is canonical, so it is rejected.',
      mutate(
        (c) =>
          (c.signature = {
            scheme: 'eip712',
            value: withSignatureBytes((b) => {
              const s = BigInt(hex(b.subarray(32, 64)));
              b.set(word(SECP256K1_N - s), 32);
              b[64] = b[64] === 27 ? 28 : 27;
            }),
          }),
      ),
    ),
    ...(
      [
        ['file-name-altered', 'evidence.fileName changed to "contract-final.txt".', (c: Certificate) => (c.evidence.fileName = 'contract-final.txt')],
        ['size-altered', 'evidence.size 11 instead of 10.', (c: Certificate) => (c.evidence.size = 11)],
        ['media-type-altered', 'evidence.mediaType "application/pdf".', (c: Certificate) => (c.evidence.mediaType = 'application/pdf')],
        ['submitted-at-altered', 'evidence.submittedAt one day earlier.', (c: Certificate) => (c.evidence.submittedAt = '2025-12-30T23:59:30.000Z')],
        ['issued-at-altered', 'issuedAt one year later.', (c: Certificate) => (c.issuedAt = '2027-01-01T00:00:05.000Z')],
        ['evidence-id-altered', 'evidence.id of another evidence item.', (c: Certificate) => (c.evidence.id = '0b6c3a52-8d4e-4f3a-9c1e-2a7b5d9e0f17')],
        ['batch-id-altered', 'anchor.batchId of another batch.', (c: Certificate) => (c.anchor.batchId = '5e1f2d3c-4b5a-4697-8877-665544332212')],
        ['serial-altered', "serial of another certificate.", (c: Certificate) => (c.serial = 'EVD-7K3M-9QX2-R5T8-WB4P')],
        ['issuer-name-altered', 'issuer.name "Evident Notary Office".', (c: Certificate) => (c.issuer = { ...c.issuer, name: 'Evident Notary Office' })],
        [
          'issuer-address-swapped',
          'issuer.address replaced by the second test key\'s address; the signature is still the first key\'s.',
          (c: Certificate) => (c.issuer = { ...c.issuer, address: otherAddress }),
        ],
      ] as const
    ).map(([what, description, change]) => ({
      name: `fail.signature.${what}`,
      description: `${description} Signature unchanged.`,
      certificate: mutate(change),
      fileContentAscii: FILE,
      expectedFailures: ['signature'],
    })),
    failing(
      'fail.signature.untrusted-issuer',
      'Names the second test key as issuer and is correctly signed by it, but that key is not in trustedIssuers. ' +
        'Without pinning this certificate would pass: pinning is what ties a signature to Evident.',
      signed({ ...structuredClone(unsigned), issuer: { name: 'Evident', address: otherAddress } }, OTHER_TEST_KEY),
    ),
    failing(
      'fail.revocation.revoked',
      `A correctly signed certificate with serial ${REVOKED_SERIAL}, which the revocation list in this manifest marks as revoked.`,
      signed({ ...structuredClone(unsigned), serial: REVOKED_SERIAL }, ISSUER_TEST_KEY),
    ),
  ];

  // Format version 2: the valid certificate with an RFC 3161 token over SHA-256 of its root, from a
  // test TSA whose root the manifest lists in trustedTsaRoots. The TSA keys and tokens cannot be made
  // twice alike (WebCrypto keys, random serials and nonces, the token's time), so they are made once
  // (--new-timestamps) and kept in certificate-vector-timestamps.json; everything else is derived here.
  const stamped = (token: string, tsa: VectorTsa): UnsignedCertificate => ({
    ...structuredClone(unsigned),
    version: 2,
    timestamp: { token, certificates: [tsa.tsaCertificate, tsa.rootCertificate] },
  });
  const signatureFlipped = Uint8Array.from(Buffer.from(timestamps.rootToken, 'base64'));
  signatureFlipped[signatureFlipped.length - 1] ^= 0x01;
  cases.push(
    {
      name: 'valid.timestamped',
      description: 'Format version 2: the valid certificate with an RFC 3161 token over SHA-256 of proof.root from the trusted test TSA.',
      certificate: signed(stamped(timestamps.rootToken, timestamps.trustedTsa), ISSUER_TEST_KEY),
      fileContentAscii: FILE,
      expectedFailures: [],
    },
    failing(
      'fail.timestamp.imprint-altered',
      "Version 2 with a token the trusted TSA issued over another root's digest; re-signed by the issuer, so only the timestamp fails.",
      signed(stamped(timestamps.otherRootToken, timestamps.trustedTsa), ISSUER_TEST_KEY),
    ),
    failing(
      'fail.timestamp.signature-altered',
      "Version 2 whose token has the last byte of its CMS signature flipped; re-signed by the issuer, so only the timestamp fails.",
      signed(stamped(b64(signatureFlipped), timestamps.trustedTsa), ISSUER_TEST_KEY),
    ),
    failing(
      'fail.timestamp.untrusted-root',
      'Version 2 with a valid token over the root from a TSA whose root is not in trustedTsaRoots (it carries its own chain).',
      signed(stamped(timestamps.untrustedRootToken, timestamps.untrustedTsa), ISSUER_TEST_KEY),
    ),
  );

  // Format version 3 (section 15): the subject and provenance signed with the proof. Chinese text is
  // signed as its UTF-8 bytes, as given (no Unicode normalization).
  const fullSubject: Subject = {
    organization: { id: '7d2c9a40-1b3e-4f5a-8c6d-0e1f2a3b4c5d', name: '杭州示例商业银行股份有限公司' },
    title: '借款合同（2025）第 0042 号',
    evidenceType: 'loan_contract',
    loanReference: 'JK-2025-0042',
    borrower: { name: '张三', identifierHint: '4401**********451X' },
  };
  const fullProvenance: Provenance = {
    channel: 'api',
    source: {
      system: '核心银行系统 Core Banking',
      exportJobId: 'nightly-2025-12-31',
      generatedAt: '2025-12-31T23:50:00+08:00',
      generationMethod: '夜间台账导出 nightly ledger export',
      note: '原件存于信贷档案室',
    },
  };
  const minimalSubject: Subject = {
    organization: { id: '7d2c9a40-1b3e-4f5a-8c6d-0e1f2a3b4c5d', name: '杭州示例商业银行股份有限公司' },
    title: '还款记录',
    evidenceType: 'repayment_record',
    loanReference: null,
    borrower: null,
  };
  const v3 = (subject: Subject, provenance: Provenance, timestamp?: UnsignedCertificate['timestamp']): UnsignedCertificate => ({
    ...structuredClone(unsigned),
    version: 3,
    ...(timestamp ? { timestamp } : {}),
    subject: structuredClone(subject),
    provenance: structuredClone(provenance),
  });
  const validV3 = signed(v3(fullSubject, fullProvenance), ISSUER_TEST_KEY);
  const validV3Timestamped = signed(v3(fullSubject, fullProvenance, stamped(timestamps.rootToken, timestamps.trustedTsa).timestamp), ISSUER_TEST_KEY);
  const validV3Nulls = signed(
    v3(
      { organization: null, title: null, evidenceType: null, loanReference: null, borrower: { name: 'Ana Mar\u00eda N\u00fa\u00f1ez', identifierHint: null } },
      { channel: 'system', source: { system: 'ledger' } },
    ),
    ISSUER_TEST_KEY,
  );
  const validV2 = cases.find((c) => c.name === 'valid.timestamped')!.certificate as Certificate;
  function mutateFrom(base: Certificate, change: (certificate: Certificate & Json) => void): Json {
    const copy = structuredClone(base) as Certificate & Json;
    change(copy);
    return copy;
  }
  cases.push(
    {
      name: 'valid.v3',
      description:
        'Format version 3: the subject (organization, title, type, loan reference, borrower with masked identifier, in ' +
        'Chinese) and the provenance (channel api, a full source object) signed with the proof; no timestamp yet.',
      certificate: validV3,
      fileContentAscii: FILE,
      expectedFailures: [],
    },
    {
      name: 'valid.v3-without-borrower-loan-source',
      description: 'Format version 3 with no borrower, no loan reference and no source (each null), channel portal.',
      certificate: signed(v3(minimalSubject, { channel: 'portal', source: null }), ISSUER_TEST_KEY),
      fileContentAscii: FILE,
      expectedFailures: [],
    },
    failing(
      'fail.signature.subject-borrower-name-nfd',
      'valid.v3-nulls with subject.borrower.name rewritten in Unicode normalization form D (í and ñ as a letter and a ' +
        'combining mark): it looks the same, but text is signed as the UTF-8 bytes given, never normalized, so it fails.',
      mutateFrom(validV3Nulls, (c) => (c.subject!.borrower!.name = c.subject!.borrower!.name.normalize('NFD'))),
    ),
    {
      name: 'valid.v3-nulls',
      description:
        'Format version 3 of an item with no organization, title or type (an API record of an anonymous sender), ' +
        'a borrower without an identifier hint, and a source with one field; channel system.',
      certificate: validV3Nulls,
      fileContentAscii: FILE,
      expectedFailures: [],
    },
    {
      name: 'valid.v3-timestamped',
      description: "Format version 3 with the RFC 3161 token of valid.timestamped: version 2's timestamp, signed the same way.",
      certificate: validV3Timestamped,
      fileContentAscii: FILE,
      expectedFailures: [],
    },
    ...(
      [
        ['subject-organization-name-altered', 'subject.organization.name of another bank.', (c: Certificate) => (c.subject!.organization!.name = '杭州另一家商业银行股份有限公司')],
        ['subject-organization-id-altered', 'subject.organization.id of another organization.', (c: Certificate) => (c.subject!.organization!.id = '7d2c9a40-1b3e-4f5a-8c6d-0e1f2a3b4c5e')],
        ['subject-title-altered', 'subject.title with another contract number.', (c: Certificate) => (c.subject!.title = '借款合同（2025）第 0043 号')],
        ['subject-evidence-type-altered', 'subject.evidenceType "notice".', (c: Certificate) => (c.subject!.evidenceType = 'notice')],
        ['subject-loan-reference-removed', 'subject.loanReference set to null.', (c: Certificate) => (c.subject!.loanReference = null)],
        ['subject-borrower-name-altered', 'subject.borrower.name "李四".', (c: Certificate) => (c.subject!.borrower!.name = '李四')],
        ['subject-borrower-hint-altered', 'subject.borrower.identifierHint of another ID number.', (c: Certificate) => (c.subject!.borrower!.identifierHint = '4401**********4528')],
        ['subject-borrower-removed', 'subject.borrower set to null.', (c: Certificate) => (c.subject!.borrower = null)],
        ['subject-title-punctuation-altered', 'subject.title with its full-width parentheses written as ASCII ones.', (c: Certificate) => (c.subject!.title = '借款合同(2025)第 0042 号')],
        ['provenance-channel-altered', 'provenance.channel "portal" instead of "api".', (c: Certificate) => (c.provenance!.channel = 'portal')],
        ['provenance-source-altered', 'provenance.source.exportJobId of another export run.', (c: Certificate) => (c.provenance!.source!.exportJobId = 'nightly-2025-12-30')],
        ['provenance-source-removed', 'provenance.source set to null.', (c: Certificate) => (c.provenance!.source = null)],
      ] as const
    ).map(([what, description, change]) => ({
      name: `fail.signature.${what}`,
      description: `Format version 3, ${description} Signature unchanged.`,
      certificate: mutateFrom(validV3, change),
      fileContentAscii: FILE,
      expectedFailures: ['signature'],
    })),
    failing(
      'fail.signature.v3-downgraded-to-v2',
      'valid.v3-timestamped with subject and provenance removed and version set to 2: a well-formed version 2 ' +
        'certificate, but its signature was made over the version 3 struct, so it fails.',
      mutateFrom(validV3Timestamped, (c) => {
        c.version = 2;
        delete c.subject;
        delete c.provenance;
      }),
    ),
    failing(
      'fail.certificate-format.v3-field-in-v2',
      'valid.timestamped (version 2) with a subject added: subject is not a field of format version 2.',
      mutateFrom(validV2, (c) => (c.subject = structuredClone(fullSubject))),
      { expectedFailureFields: ['subject'] },
    ),
    failing(
      'fail.certificate-format.v3-field-in-v1',
      'valid (version 1) with a provenance added: provenance is not a field of format version 1.',
      mutate((c) => (c.provenance = structuredClone(fullProvenance))),
      { expectedFailureFields: ['provenance'] },
    ),
    failing(
      'fail.certificate-format.v3-subject-missing',
      'valid.v3 without subject: version 3 always carries it.',
      mutateFrom(validV3, (c) => delete c.subject),
      { expectedFailureFields: ['subject'] },
    ),
    failing(
      'fail.certificate-format.v3-title-empty',
      'subject.title "": an absent value is null, never the empty string (which is how null is signed).',
      mutateFrom(validV3, (c) => (c.subject!.title = '')),
      { expectedFailureFields: ['subject.title'] },
    ),
    failing(
      'fail.certificate-format.v3-loan-reference-absent',
      'subject.loanReference left out instead of null: every subject field is present.',
      mutateFrom(validV3, (c) => delete (c.subject as Partial<Subject>).loanReference),
      { expectedFailureFields: ['subject.loanReference'] },
    ),
    failing(
      'fail.certificate-format.v3-unknown-borrower-field',
      'subject.borrower.idNumber added: unknown fields are refused in version 3 as in every version.',
      mutateFrom(validV3, (c) => ((c.subject!.borrower as Json).idNumber = '44010119900101451X')),
      { expectedFailureFields: ['subject.borrower.idNumber'] },
    ),
    failing(
      'fail.certificate-format.v3-client-address',
      'provenance.clientAddress added: the client address is never part of a certificate.',
      mutateFrom(validV3, (c) => ((c.provenance as unknown as Json).clientAddress = '203.0.113.7')),
      { expectedFailureFields: ['provenance.clientAddress'] },
    ),
    failing(
      'fail.certificate-format.v3-channel-unknown',
      'provenance.channel "email", which is not one of portal, api, system.',
      mutateFrom(validV3, (c) => ((c.provenance as unknown as Json).channel = 'email')),
      { expectedFailureFields: ['provenance.channel'] },
    ),
  );

  const validHashes = eip712(unsigned);
  const validV3Hashes = eip712(validV3);

  const manifest = {
    description:
      'Certificate verification vectors. Verify each case with the file whose content is the ASCII string fileContentAscii ' +
      '(no trailing newline), against the fake chain below, with trustedIssuers pinned and with a revocation lookup that ' +
      'answers the statuses in revocations (and { revoked: false } for any other serial). Exactly the checks in ' +
      'expectedFailures must fail and every other check must pass (inclusion-proof is skipped when the leaf version is ' +
      'unsupported, and timestamp is skipped for certificates that carry no token: format version 1, and version 3 before ' +
      'its token; the others are checked ' +
      'with the TSA roots in trustedTsaRoots pinned). The certificate was built from lib/merkle/__fixtures__/rfc9162-vectors.json, leaf ' +
      `${LEAF_INDEX} of the tree of ${TREE_SIZE} leaves, and signed with the published test key in signing. The fake ` +
      "chain's second anchor is the anchoring member's previous one, the link anchor.previousRoot names; its own " +
      'previousRoot is all zeros, so it was that member\'s first.',
    signing: {
      warning: 'Published test keys: anyone can sign with them. No real issuer uses them; never trust them outside tests.',
      issuerTestPrivateKey: ISSUER_TEST_KEY,
      issuerAddress,
      otherTestPrivateKey: OTHER_TEST_KEY,
      otherAddress,
      domainType: DOMAIN_TYPE,
      domainTypeHash: hex(keccak(utf8ToBytes(DOMAIN_TYPE))),
      domain: { name: 'Evident Certificate', version: '1' },
      domainSeparator: hex(domainSeparator),
      certificateType: CERTIFICATE_TYPE,
      certificateTypeHash: hex(keccak(utf8ToBytes(CERTIFICATE_TYPE))),
      certificateV2Type: CERTIFICATE_V2_TYPE,
      certificateV2TypeHash: hex(keccak(utf8ToBytes(CERTIFICATE_V2_TYPE))),
      certificateV3Type: CERTIFICATE_V3_TYPE,
      certificateV3TypeHash: hex(keccak(utf8ToBytes(CERTIFICATE_V3_TYPE))),
      validCertificate: {
        encodedFields: validHashes.encodedFields.map(({ name, type, encoded }) => ({ name, type, encoded: hex(encoded) })),
        structHash: hex(validHashes.structHash),
        digest: hex(validHashes.digest),
        signature: validSignature,
      },
      /** valid.v3.certificate.json, field by field: the subject and provenance words follow version 2's. */
      validV3Certificate: {
        encodedFields: validV3Hashes.encodedFields.map(({ name, type, encoded }) => ({ name, type, encoded: hex(encoded) })),
        structHash: hex(validV3Hashes.structHash),
        digest: hex(validV3Hashes.digest),
        signature: validV3.signature!.value,
      },
    },
    trustedIssuers: [issuerAddress],
    /** Base64 DER of the TSA roots to trust for version 2 certificates' timestamps (section 13). */
    trustedTsaRoots: [timestamps.trustedTsa.rootCertificate],
    revocations: [
      { serial: REVOKED_SERIAL, revoked: true, reason: 'issued for the wrong client', revokedAt: '2026-02-01T09:30:00.000Z' },
    ],
    chain: {
      chainId: chain.chainId,
      anchors: [
        {
          contract: chain.contract,
          root: tree.root,
          blockNumber: chain.blockNumber,
          blockTime: chain.blockTime,
          firstSequence: rfc9162.leaves[0].sequence,
          leafCount: String(TREE_SIZE),
          submitter: chain.submitter,
          previousRoot: chain.previousRoot,
        },
        {
          contract: chain.contract,
          root: previousAnchor.root,
          blockNumber: previousAnchor.blockNumber,
          blockTime: previousAnchor.blockTime,
          firstSequence: previousAnchor.firstSequence,
          leafCount: previousAnchor.leafCount,
          submitter: chain.submitter,
          previousRoot: previousAnchor.previousRoot,
        },
      ],
      transactions: [
        {
          txHash: chain.txHash,
          blockNumber: chain.blockNumber,
          succeeded: true,
          to: chain.contract,
          anchoredRoots: [
            {
              contract: chain.contract,
              root: tree.root,
              submitter: chain.submitter,
              previousRoot: chain.previousRoot,
              leafCount: String(TREE_SIZE),
              blockTime: chain.blockTime,
            },
          ],
        },
        {
          txHash: EVENT_MISMATCH_TX_HASH,
          blockNumber: chain.blockNumber,
          succeeded: true,
          to: chain.contract,
          anchoredRoots: [
            {
              contract: chain.contract,
              root: tree.root,
              submitter: chain.submitter,
              previousRoot: chain.previousRoot,
              leafCount: String(TREE_SIZE),
              blockTime: String(BigInt(chain.blockTime) + 1n),
            },
          ],
        },
      ],
      /** Addresses with an anchor contract; getAnchor at any other address answers 0x. */
      contracts: [chain.contract, flipLastByte(chain.contract)],
    },
    cases: cases.map(({ name, description, fileContentAscii, expectedFailures, expectedFailureFields }) => ({
      file: fileNameFor(name),
      description,
      fileContentAscii,
      expectedFailures,
      ...(expectedFailureFields ? { expectedFailureFields } : {}),
    })),
  };


  const files = new Map<string, string>();
  for (const c of cases) {
    if (c.name === 'fail.file-hash.other-file') continue;
    files.set(fileNameFor(c.name), c.text ?? asJsonFile(c.certificate));
  }
  files.set('certificate-vectors.json', asJsonFile(manifest));
  return files;
}

function fileNameFor(name: string): string {
  return name === 'fail.file-hash.other-file' ? 'valid.certificate.json' : `${name}.certificate.json`;
}

const asJsonFile = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A fresh trusted and untrusted test TSA, and the tokens the vectors carry. */
export async function makeVectorTimestamps(): Promise<VectorTimestamps> {
  const trusted = await createTsaCredentials({ name: 'Evident Test Vectors TSA' });
  const untrusted = await createTsaCredentials({ name: 'Untrusted Test TSA' });
  const certificatesOf = (credentials: TsaCredentials): VectorTsa => ({
    rootCertificate: b64(credentials.rootCertificate),
    tsaCertificate: b64(credentials.tsaCertificate),
  });
  return {
    trustedTsa: certificatesOf(trusted),
    untrustedTsa: certificatesOf(untrusted),
    rootToken: b64(await stampRoot(trusted, bytesOf(tree.root))),
    otherRootToken: b64(await stampRoot(trusted, sha256(utf8ToBytes('another root')))),
    untrustedRootToken: b64(await stampRoot(untrusted, bytesOf(tree.root))),
  };
}

export const CERTIFICATE_VECTORS_DIRECTORY = path.resolve(import.meta.dirname, '../../../docs/vectors');
const TIMESTAMPS_FILE = path.join(import.meta.dirname, 'certificate-vector-timestamps.json');

if (process.argv[1]?.endsWith('generate-certificate-vectors.ts')) {
  let timestamps = keptTimestamps;
  if (process.argv.includes('--new-timestamps')) {
    timestamps = await makeVectorTimestamps();
    writeFileSync(TIMESTAMPS_FILE, asJsonFile(timestamps));
  }
  mkdirSync(CERTIFICATE_VECTORS_DIRECTORY, { recursive: true });
  for (const [name, text] of makeCertificateVectors(timestamps)) writeFileSync(path.join(CERTIFICATE_VECTORS_DIRECTORY, name), text);
}
