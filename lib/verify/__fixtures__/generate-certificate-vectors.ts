// Writes the certificate test vectors into docs/vectors/. Run: npx tsx lib/verify/__fixtures__/generate-certificate-vectors.ts
//
// The valid certificate is assembled from the Merkle vectors (leaf 6 of the 7-leaf tree, whose
// neighbour-less position exercises the carried-up node) and a fixed fake anchor. Each mutated copy
// changes one thing; the manifest lists which checks must fail for it. Nothing here calls the
// verifier, so the vectors cannot merely echo its behaviour.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import rfc9162 from '../../merkle/__fixtures__/rfc9162-vectors.json';

const TREE_SIZE = 7;
const LEAF_INDEX = 6;
const leaf = rfc9162.leaves[LEAF_INDEX];
const tree = rfc9162.trees[TREE_SIZE - 1];

const chain = {
  chainId: '31337',
  contract: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  txHash: '0x3c0d7e54cd0e6c3f0f0a1c3d9e6f1b2a4c5d6e7f8091a2b3c4d5e6f708192a3b',
  blockNumber: '42',
  blockTime: '1767225600',
  submitter: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
};

const valid = {
  format: 'evident.certificate',
  version: 1,
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
    txHash: chain.txHash,
    blockNumber: chain.blockNumber,
    blockTime: chain.blockTime,
    batchId: '5e1f2d3c-4b5a-4697-8877-665544332211',
  },
  issuedAt: '2026-01-01T00:00:05.000Z',
};

type Certificate = typeof valid;
type Json = Record<string, unknown>;

function flipLastByte(hex: string): string {
  const last = Number.parseInt(hex.slice(-2), 16) ^ 0x01;
  return hex.slice(0, -2) + last.toString(16).padStart(2, '0');
}

function mutate(change: (certificate: Certificate & Json) => void): Json {
  const copy = structuredClone(valid) as Certificate & Json;
  change(copy);
  return copy;
}

const FILE = leaf.contentAscii;
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
    name: 'fail.leaf.salt-altered',
    description: 'Last byte of leaf.salt flipped: the recomputed leaf differs, so the proof no longer reaches the root.',
    certificate: mutate((c) => (c.leaf.salt = flipLastByte(c.leaf.salt))),
    fileContentAscii: FILE,
    expectedFailures: ['leaf', 'inclusion-proof'],
  },
  {
    name: 'fail.leaf.sequence-altered',
    description: 'evidence.sequence changed from 7 to 8.',
    certificate: mutate((c) => (c.evidence.sequence = (BigInt(c.evidence.sequence) + 1n).toString())),
    fileContentAscii: FILE,
    expectedFailures: ['leaf', 'inclusion-proof'],
  },
  {
    name: 'fail.leaf.sha256-altered',
    description: "evidence.sha256 replaced by another file's hash; the file checked is the original.",
    certificate: mutate((c) => (c.evidence.sha256 = rfc9162.leaves[5].contentSha256)),
    fileContentAscii: FILE,
    expectedFailures: ['file-hash', 'leaf', 'inclusion-proof'],
  },
  {
    name: 'fail.leaf.hash-altered',
    description: 'Last byte of leaf.hash flipped. The proof is checked from the recomputed leaf, so only the leaf check fails.',
    certificate: mutate((c) => (c.leaf.hash = flipLastByte(c.leaf.hash))),
    fileContentAscii: FILE,
    expectedFailures: ['leaf'],
  },
  {
    name: 'fail.leaf.unsupported-version',
    description: 'leaf.version 2, which a version-1 verifier cannot recompute (the inclusion proof is then skipped).',
    certificate: mutate((c) => (c.leaf.version = 2)),
    fileContentAscii: FILE,
    expectedFailures: ['leaf'],
  },
  {
    name: 'fail.inclusion-proof.path-byte-flipped',
    description: 'Last byte of proof.path[0] flipped.',
    certificate: mutate((c) => (c.proof.path = [flipLastByte(c.proof.path[0]), ...c.proof.path.slice(1)])),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof'],
  },
  {
    name: 'fail.inclusion-proof.path-element-dropped',
    description: 'Last element of proof.path removed (proof too short).',
    certificate: mutate((c) => (c.proof.path = c.proof.path.slice(0, -1))),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof'],
  },
  {
    name: 'fail.inclusion-proof.path-element-added',
    description: 'An extra hash appended to proof.path (proof too long).',
    certificate: mutate((c) => (c.proof.path = [...c.proof.path, rfc9162.leaves[0].leafHash])),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof'],
  },
  {
    name: 'fail.inclusion-proof.leaf-index-altered',
    description: 'proof.leafIndex changed from 6 to 5.',
    certificate: mutate((c) => (c.proof.leafIndex = 5)),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof'],
  },
  {
    name: 'fail.inclusion-proof.leaf-index-out-of-range',
    description: 'proof.leafIndex 7 in a tree of 7 leaves.',
    certificate: mutate((c) => (c.proof.leafIndex = 7)),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof'],
  },
  {
    name: 'fail.inclusion-proof.tree-size-altered',
    description: 'proof.treeSize changed from 7 to 8; the anchored leaf count (7) disagrees as well.',
    certificate: mutate((c) => (c.proof.treeSize = 8)),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof', 'chain-anchor'],
  },
  {
    name: 'fail.inclusion-proof.root-altered',
    description: 'Last byte of proof.root flipped; that root is not anchored either.',
    certificate: mutate((c) => (c.proof.root = flipLastByte(c.proof.root))),
    fileContentAscii: FILE,
    expectedFailures: ['inclusion-proof', 'chain-anchor'],
  },
  {
    name: 'fail.chain-anchor.chain-id-altered',
    description: 'anchor.chainId 1 instead of 31337.',
    certificate: mutate((c) => (c.anchor.chainId = '1')),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor'],
  },
  {
    name: 'fail.chain-anchor.contract-altered',
    description: 'anchor.contract points at another contract.',
    certificate: mutate((c) => (c.anchor.contract = flipLastByte(c.anchor.contract))),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor'],
  },
  {
    name: 'fail.chain-anchor.block-number-altered',
    description: 'anchor.blockNumber 43 instead of 42.',
    certificate: mutate((c) => (c.anchor.blockNumber = '43')),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor'],
  },
  {
    name: 'fail.chain-anchor.block-time-altered',
    description: 'anchor.blockTime one second later.',
    certificate: mutate((c) => (c.anchor.blockTime = (BigInt(c.anchor.blockTime) + 1n).toString())),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor'],
  },
  {
    name: 'fail.chain-anchor.tx-hash-altered',
    description: 'anchor.txHash names a transaction the chain does not have.',
    certificate: mutate((c) => (c.anchor.txHash = flipLastByte(c.anchor.txHash))),
    fileContentAscii: FILE,
    expectedFailures: ['chain-anchor'],
  },
];

const manifest = {
  description:
    'Certificate verification vectors. Verify each case with the file whose content is the ASCII string fileContentAscii ' +
    '(no trailing newline) and against the fake chain below; exactly the checks in expectedFailures must fail and every ' +
    'other check must pass (inclusion-proof is skipped when the leaf version is unsupported). The certificate was built ' +
    `from lib/merkle/__fixtures__/rfc9162-vectors.json, leaf ${LEAF_INDEX} of the tree of ${TREE_SIZE} leaves.`,
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
