// Writes the certificate test vectors into docs/vectors/. Run: npx tsx lib/verify/__fixtures__/generate-certificate-vectors.ts
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

type UnsignedCertificate = typeof unsigned;
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
  };
}

const domainSeparator = keccak(keccak(utf8ToBytes(DOMAIN_TYPE)), keccak(utf8ToBytes('Evident Certificate')), keccak(utf8ToBytes('1')));

function eip712(c: UnsignedCertificate) {
  const values = fieldValues(c);
  const encodedFields = CERTIFICATE_FIELDS.map(([type, name]) => ({ name, type, encoded: encodeField(type, values[name]) }));
  const structHash = keccak(keccak(utf8ToBytes(CERTIFICATE_TYPE)), ...encodedFields.map((field) => field.encoded));
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
  certificate: Json;
  fileContentAscii: string | null;
  expectedFailures: string[];
  expectedFailureFields?: string[];
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
  {
    name: 'fail.certificate-format.unknown-field',
    description: 'An extra top-level field "note" that format version 1 does not define.',
    certificate: mutate((c) => (c.note = 'added later')),
    fileContentAscii: FILE,
    expectedFailures: ['certificate-format'],
    expectedFailureFields: ['note'],
  },
  {
    name: 'fail.certificate-format.missing-root',
    description: 'proof.root removed.',
    certificate: mutate((c) => delete (c.proof as Json).root),
    fileContentAscii: FILE,
    expectedFailures: ['certificate-format'],
    expectedFailureFields: ['proof.root'],
  },
  {
    name: 'fail.certificate-format.sequence-as-number',
    description: 'evidence.sequence as a JSON number instead of a decimal string.',
    certificate: mutate((c) => ((c.evidence as Json).sequence = Number(c.evidence.sequence))),
    fileContentAscii: FILE,
    expectedFailures: ['certificate-format'],
    expectedFailureFields: ['evidence.sequence'],
  },
  {
    name: 'fail.certificate-format.serial-not-crockford',
    description: "serial ends in 'U', which Crockford base32 leaves out.",
    certificate: mutate((c) => (c.serial = 'EVD-7K3M-9QX2-R5T8-WB4U')),
    fileContentAscii: FILE,
    expectedFailures: ['certificate-format'],
    expectedFailureFields: ['serial'],
  },
  {
    name: 'fail.certificate-format.signature-scheme-unknown',
    description: 'signature.scheme "eip191" instead of "eip712".',
    certificate: mutate((c) => (c.signature = { scheme: 'eip191', value: validSignature })),
    fileContentAscii: FILE,
    expectedFailures: ['certificate-format'],
    expectedFailureFields: ['signature.scheme'],
  },
  {
    name: 'fail.certificate-format.signature-64-bytes',
    description: 'signature.value without its last byte (v): 64 bytes instead of 65.',
    certificate: mutate((c) => (c.signature = { scheme: 'eip712', value: validSignature.slice(0, -2) })),
    fileContentAscii: FILE,
    expectedFailures: ['certificate-format'],
    expectedFailureFields: ['signature.value'],
  },
  {
    name: 'fail.certificate-format.issuer-name-empty',
    description: 'issuer.name is the empty string.',
    certificate: mutate((c) => (c.issuer = { ...c.issuer, name: '' })),
    fileContentAscii: FILE,
    expectedFailures: ['certificate-format'],
    expectedFailureFields: ['issuer.name'],
  },
  {
    name: 'fail.leaf.salt-altered',
    description: 'Last byte of leaf.salt flipped: the recomputed leaf differs, so the proof no longer reaches the root.',
    certificate: mutate((c) => (c.leaf.salt = flipLastByte(c.leaf.salt))),
    fileContentAscii: FILE,
    expectedFailures: ['leaf', 'inclusion-proof', 'signature'],
  },
  {
    name: 'fail.leaf.sequence-altered',
    description: 'evidence.sequence changed from 7 to 8.',
    certificate: mutate((c) => (c.evidence.sequence = (BigInt(c.evidence.sequence) + 1n).toString())),
    fileContentAscii: FILE,
    expectedFailures: ['leaf', 'inclusion-proof', 'signature'],
  },
  {
    name: 'fail.leaf.sha256-altered',
    description: "evidence.sha256 replaced by another file's hash; the file checked is the original.",
    certificate: mutate((c) => (c.evidence.sha256 = rfc9162.leaves[5].contentSha256)),
    fileContentAscii: FILE,
    expectedFailures: ['file-hash', 'leaf', 'inclusion-proof', 'signature'],
  },
  {
    name: 'fail.leaf.hash-altered',
    description:
      'Last byte of leaf.hash flipped. The proof is checked from the recomputed leaf, so of the Merkle checks only the leaf check fails.',
    certificate: mutate((c) => (c.leaf.hash = flipLastByte(c.leaf.hash))),
    fileContentAscii: FILE,
    expectedFailures: ['leaf', 'signature'],
  },
  {
    name: 'fail.leaf.unsupported-version',
    description: 'leaf.version 2, which a version-1 verifier cannot recompute (the inclusion proof is then skipped).',
    certificate: mutate((c) => (c.leaf.version = 2)),
    fileContentAscii: FILE,
    expectedFailures: ['leaf', 'signature'],
  },
  {
    name: 'fail.inclusion-proof.path-byte-flipped',
    description: 'Last byte of proof.path[0] flipped.',
    certificate: mutate((c) => (c.proof.path = [flipLastByte(c.proof.path[0]), ...c.proof.path.slice(1)])),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof', 'signature'],
  },
  {
    name: 'fail.inclusion-proof.path-element-dropped',
    description: 'Last element of proof.path removed (proof too short).',
    certificate: mutate((c) => (c.proof.path = c.proof.path.slice(0, -1))),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof', 'signature'],
  },
  {
    name: 'fail.inclusion-proof.path-element-added',
    description: 'An extra hash appended to proof.path (proof too long).',
    certificate: mutate((c) => (c.proof.path = [...c.proof.path, rfc9162.leaves[0].leafHash])),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof', 'signature'],
  },
  {
    name: 'fail.inclusion-proof.leaf-index-altered',
    description: 'proof.leafIndex changed from 6 to 5.',
    certificate: mutate((c) => (c.proof.leafIndex = 5)),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof', 'signature'],
  },
  {
    name: 'fail.inclusion-proof.leaf-index-out-of-range',
    description: 'proof.leafIndex 7 in a tree of 7 leaves.',
    certificate: mutate((c) => (c.proof.leafIndex = 7)),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof', 'signature'],
  },
  {
    name: 'fail.inclusion-proof.tree-size-altered',
    description: 'proof.treeSize changed from 7 to 8; the anchored leaf count (7) disagrees as well.',
    certificate: mutate((c) => (c.proof.treeSize = 8)),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof', 'chain-anchor', 'signature'],
  },
  {
    name: 'fail.inclusion-proof.root-altered',
    description: 'Last byte of proof.root flipped; that root is not anchored either.',
    certificate: mutate((c) => (c.proof.root = flipLastByte(c.proof.root))),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof', 'chain-anchor', 'signature'],
  },
  {
    name: 'fail.chain-anchor.chain-id-altered',
    description: 'anchor.chainId 1 instead of 31337.',
    certificate: mutate((c) => (c.anchor.chainId = '1')),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor', 'signature'],
  },
  {
    name: 'fail.chain-anchor.contract-altered',
    description: 'anchor.contract points at another contract.',
    certificate: mutate((c) => (c.anchor.contract = flipLastByte(c.anchor.contract))),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor', 'signature'],
  },
  {
    name: 'fail.chain-anchor.block-number-altered',
    description: 'anchor.blockNumber 43 instead of 42.',
    certificate: mutate((c) => (c.anchor.blockNumber = '43')),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor', 'signature'],
  },
  {
    name: 'fail.chain-anchor.block-time-altered',
    description: 'anchor.blockTime one second later.',
    certificate: mutate((c) => (c.anchor.blockTime = (BigInt(c.anchor.blockTime) + 1n).toString())),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor', 'signature'],
  },
  {
    name: 'fail.chain-anchor.submitter-altered',
    description: 'anchor.submitter names another consortium member than the one the contract records.',
    certificate: mutate((c) => (c.anchor.submitter = OTHER_MEMBER)),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor', 'signature'],
  },
  {
    name: 'fail.chain-anchor.previous-root-altered',
    description: "Last byte of anchor.previousRoot flipped: not the member's root that the contract records before this one.",
    certificate: mutate((c) => (c.anchor.previousRoot = flipLastByte(c.anchor.previousRoot))),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor', 'signature'],
  },
  {
    name: 'fail.chain-anchor.tx-hash-altered',
    description: 'anchor.txHash names a transaction the chain does not have.',
    certificate: mutate((c) => (c.anchor.txHash = flipLastByte(c.anchor.txHash))),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor', 'signature'],
  },
  {
    name: 'fail.signature.missing',
    description: 'signature removed: an unsigned certificate is well-formed but fails the signature check.',
    certificate: mutate((c) => delete c.signature),
    fileContentAscii: FILE,
    expectedFailures: ['signature'],
  },
  {
    name: 'fail.signature.value-byte-flipped',
    description: 'Last byte of s (byte 63 of signature.value) flipped: the signature recovers another address.',
    certificate: mutate((c) => (c.signature = { scheme: 'eip712', value: withSignatureBytes((b) => (b[63] ^= 0x01)) })),
    fileContentAscii: FILE,
    expectedFailures: ['signature'],
  },
  {
    name: 'fail.signature.v-not-27-or-28',
    description: `v written as the bare y-parity ${bytesOf(validSignature)[64] - 27} instead of ${bytesOf(validSignature)[64]}: the same signature in a non-canonical encoding, which is rejected.`,
    certificate: mutate((c) => (c.signature = { scheme: 'eip712', value: withSignatureBytes((b) => (b[64] -= 27)) })),
    fileContentAscii: FILE,
    expectedFailures: ['signature'],
  },
  {
    name: 'fail.signature.high-s',
    description:
      'The malleated twin of the valid signature (s replaced by n - s, v toggled). It recovers the issuer too, but only ' +
      'the low-s form is canonical, so it is rejected.',
    certificate: mutate(
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
    fileContentAscii: FILE,
    expectedFailures: ['signature'],
  },
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
  {
    name: 'fail.signature.untrusted-issuer',
    description:
      'Names the second test key as issuer and is correctly signed by it, but that key is not in trustedIssuers. ' +
      'Without pinning this certificate would pass: pinning is what ties a signature to Evident.',
    certificate: signed({ ...structuredClone(unsigned), issuer: { name: 'Evident', address: otherAddress } }, OTHER_TEST_KEY),
    fileContentAscii: FILE,
    expectedFailures: ['signature'],
  },
  {
    name: 'fail.revocation.revoked',
    description: `A correctly signed certificate with serial ${REVOKED_SERIAL}, which the revocation list in this manifest marks as revoked.`,
    certificate: signed({ ...structuredClone(unsigned), serial: REVOKED_SERIAL }, ISSUER_TEST_KEY),
    fileContentAscii: FILE,
    expectedFailures: ['revocation'],
  },
];

const validHashes = eip712(unsigned);

const manifest = {
  description:
    'Certificate verification vectors. Verify each case with the file whose content is the ASCII string fileContentAscii ' +
    '(no trailing newline), against the fake chain below, with trustedIssuers pinned and with a revocation lookup that ' +
    'answers the statuses in revocations (and { revoked: false } for any other serial). Exactly the checks in ' +
    'expectedFailures must fail and every other check must pass (inclusion-proof is skipped when the leaf version is ' +
    'unsupported). The certificate was built from lib/merkle/__fixtures__/rfc9162-vectors.json, leaf ' +
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
    validCertificate: {
      encodedFields: validHashes.encodedFields.map(({ name, type, encoded }) => ({ name, type, encoded: hex(encoded) })),
      structHash: hex(validHashes.structHash),
      digest: hex(validHashes.digest),
      signature: validSignature,
    },
  },
  trustedIssuers: [issuerAddress],
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
        anchoredRoots: [{ contract: chain.contract, root: tree.root }],
      },
    ],
  },
  cases: cases.map(({ name, description, fileContentAscii, expectedFailures, expectedFailureFields }) => ({
    file: fileNameFor(name),
    description,
    fileContentAscii,
    expectedFailures,
    ...(expectedFailureFields ? { expectedFailureFields } : {}),
  })),
};

function fileNameFor(name: string): string {
  return name === 'fail.file-hash.other-file' ? 'valid.certificate.json' : `${name}.certificate.json`;
}

const outDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../docs/vectors');
mkdirSync(outDir, { recursive: true });
const write = (name: string, data: unknown) => writeFileSync(path.join(outDir, name), `${JSON.stringify(data, null, 2)}\n`);
for (const c of cases) {
  if (c.name !== 'fail.file-hash.other-file') write(fileNameFor(c.name), c.certificate);
}
write('certificate-vectors.json', manifest);
