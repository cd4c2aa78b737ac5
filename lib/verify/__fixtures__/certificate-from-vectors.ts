// Builds a valid certificate (and the matching fake chain) for any leaf of the Merkle vectors, so
// verifier tests cover every tree shape, not just the one committed in docs/vectors.
import type { Certificate } from '../../certificates/certificate-schema';
import { rfc9162Vectors } from '../../merkle/__fixtures__/load-vectors';
import type { FakeChain } from './in-memory-anchor-lookup';

export const FAKE_CHAIN_ID = '31337';
export const FAKE_CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
export const FAKE_TX_HASH = `0x${'ab'.repeat(32)}`;

export function certificateFromVectors(treeSize: number, leafIndex: number): { certificate: Certificate; chain: FakeChain } {
  const leaf = rfc9162Vectors.leaves[leafIndex];
  const tree = rfc9162Vectors.trees[treeSize - 1];
  const certificate: Certificate = {
    format: 'evident.certificate',
    version: 1,
    evidence: {
      id: '00000000-0000-4000-8000-000000000001',
      sequence: leaf.sequence,
      fileName: `${leaf.contentAscii}.txt`,
      size: leaf.contentAscii.length,
      mediaType: 'text/plain',
      sha256: leaf.contentSha256,
      submittedAt: '2026-01-01T00:00:00.000Z',
    },
    leaf: { version: 1, salt: leaf.salt, hash: leaf.leafHash },
    proof: { algorithm: 'rfc9162-sha256', leafIndex, treeSize, path: tree.auditPaths[leafIndex], root: tree.root },
    anchor: {
      chainId: FAKE_CHAIN_ID,
      contract: FAKE_CONTRACT,
      txHash: FAKE_TX_HASH,
      blockNumber: '100',
      blockTime: '1767225600',
      batchId: '00000000-0000-4000-8000-000000000002',
    },
    issuedAt: '2026-01-01T00:01:00.000Z',
  };
  const chain: FakeChain = {
    chainId: FAKE_CHAIN_ID,
    anchors: [
      {
        contract: FAKE_CONTRACT,
        root: tree.root,
        blockNumber: '100',
        blockTime: '1767225600',
        firstSequence: '1',
        leafCount: String(treeSize),
        submitter: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
      },
    ],
    transactions: [
      {
        txHash: FAKE_TX_HASH,
        blockNumber: '100',
        succeeded: true,
        to: FAKE_CONTRACT,
        anchoredRoots: [{ contract: FAKE_CONTRACT, root: tree.root }],
      },
    ],
  };
  return { certificate, chain };
}
