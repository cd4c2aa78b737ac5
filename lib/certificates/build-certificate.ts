// Assembles the JSON proof bundle (format: docs/proof-format.md) for an anchored evidence item
// from the database, and checks the proof against the anchored root before handing it out.
import type { PrismaClient } from '../db/client';
import { EvidenceNotAnchoredError, EvidenceNotFoundError } from '../errors';
import { toHex } from '../hex';
import { isUuid } from '../ids';
import { readInclusionProof } from '../batches/read-inclusion-proof';
import { encodeLeaf } from '../merkle/encode-leaf';
import { hashLeaf } from '../merkle/hash-leaf';
import { rootFromInclusionProof } from '../merkle/verify-inclusion-proof';
import type { Certificate } from './certificate-schema';

export async function buildCertificate({ prisma, evidenceId }: { prisma: PrismaClient; evidenceId: string }): Promise<Certificate> {
  const evidence = isUuid(evidenceId) ? await prisma.evidence.findUnique({ where: { id: evidenceId } }) : null;
  if (!evidence) throw new EvidenceNotFoundError(evidenceId);
  const batch = await prisma.batch.findFirst({
    where: { firstSequence: { lte: evidence.sequence }, lastSequence: { gte: evidence.sequence } },
  });
  if (!batch) throw new EvidenceNotAnchoredError(evidenceId, 'pending');
  if (batch.status !== 'anchored') throw new EvidenceNotAnchoredError(evidenceId, 'anchoring');

  const [{ before }] = await prisma.$queryRaw<{ before: bigint }[]>`
    SELECT count(*) AS before FROM evidence WHERE sequence >= ${batch.firstSequence} AND sequence < ${evidence.sequence}`;
  const leafIndex = Number(before);
  const path = await readInclusionProof({ prisma, batchId: batch.id, leafIndex, treeSize: batch.leafCount });
  const leafHash = hashLeaf(encodeLeaf({ contentSha256: evidence.sha256, salt: evidence.salt, sequence: evidence.sequence }));
  const root = rootFromInclusionProof({ leafHash, leafIndex, treeSize: batch.leafCount, proof: path });
  if (toHex(root) !== toHex(batch.root)) {
    throw new Error(`Stored tree of batch ${batch.id} does not reproduce its root for evidence ${evidenceId}`);
  }

  return {
    format: 'evident.certificate',
    version: 1,
    evidence: {
      id: evidence.id,
      sequence: evidence.sequence.toString(),
      fileName: evidence.fileName,
      size: Number(evidence.size),
      mediaType: evidence.mediaType,
      sha256: toHex(evidence.sha256),
      submittedAt: evidence.submittedAt.toISOString(),
    },
    leaf: { version: 1, salt: toHex(evidence.salt), hash: toHex(leafHash) },
    proof: {
      algorithm: 'rfc9162-sha256',
      leafIndex,
      treeSize: batch.leafCount,
      path: path.map(toHex),
      root: toHex(batch.root),
    },
    anchor: {
      chainId: batch.chainId!.toString(),
      contract: batch.contractAddress!,
      txHash: batch.txHash!,
      blockNumber: batch.blockNumber!.toString(),
      blockTime: batch.blockTime!.toString(),
      batchId: batch.id,
    },
    issuedAt: new Date().toISOString(),
  };
}
