// Builds a valid signed certificate (and the matching fake chain) for any leaf of the Merkle vectors,
// so verifier tests cover every tree shape, not just the one committed in docs/vectors.
import { Wallet } from 'ethers';
import manifest from '../../../docs/vectors/certificate-vectors.json';
import type { Certificate, UnsignedCertificate } from '../certificate-schema';
import { signCertificate } from '../../certificates/sign-certificate';
import { rfc9162Vectors } from '../../merkle/__fixtures__/load-vectors';
import type { FakeChain } from './in-memory-anchor-lookup';

/** The published test key of docs/vectors (never a real issuer's). */
export const TEST_ISSUER = new Wallet(manifest.signing.issuerTestPrivateKey);
export const TEST_ISSUER_ADDRESS = manifest.signing.issuerAddress;
/** A second published test key, for certificates signed by someone else. */
export const OTHER_TEST_SIGNER = new Wallet(manifest.signing.otherTestPrivateKey);

export const FAKE_CHAIN_ID = '31337';
export const FAKE_CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
export const FAKE_TX_HASH = `0x${'ab'.repeat(32)}`;
/** anvil's account #0, the one member of a freshly deployed dev contract. */
export const FAKE_SUBMITTER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
/** The batch is the member's first, so its previous root is all zeros. */
export const FAKE_PREVIOUS_ROOT = `0x${'00'.repeat(32)}`;

export async function certificateFromVectors(treeSize: number, leafIndex: number): Promise<{ certificate: Certificate; chain: FakeChain }> {
  const leaf = rfc9162Vectors.leaves[leafIndex];
  const tree = rfc9162Vectors.trees[treeSize - 1];
  const unsigned: UnsignedCertificate = {
    format: 'evident.certificate',
    version: 1,
    serial: 'EVD-0000-0000-0000-0001',
    issuer: { name: 'Evident Test Vectors', address: TEST_ISSUER_ADDRESS },
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
      submitter: FAKE_SUBMITTER,
      previousRoot: FAKE_PREVIOUS_ROOT,
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
        submitter: FAKE_SUBMITTER,
        previousRoot: FAKE_PREVIOUS_ROOT,
      },
    ],
    transactions: [
      {
        txHash: FAKE_TX_HASH,
        blockNumber: '100',
        succeeded: true,
        to: FAKE_CONTRACT,
        anchoredRoots: [
          { contract: FAKE_CONTRACT, root: tree.root, submitter: FAKE_SUBMITTER, previousRoot: FAKE_PREVIOUS_ROOT, leafCount: String(treeSize), blockTime: '1767225600' },
        ],
      },
    ],
  };
  return { certificate: await signCertificate(unsigned, TEST_ISSUER), chain };
}
