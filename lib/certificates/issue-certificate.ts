// Issues the signed JSON proof bundle (format: docs/proof-format.md) for an anchored evidence
// item: assembled from the database, its proof checked against the anchored root, then signed by
// the platform's issuer key. The serial and issue time are fixed at first issue, so every download
// of a certificate is the same document.
import { appendAuditEntry, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { EvidenceNotAnchoredError, EvidenceNotFoundError } from '../errors';
import { toHex } from '../hex';
import { isUuid } from '../ids';
import { batchOfEvidenceWhere } from '../batches/batch-of-evidence';
import { leafIndexOf } from '../batches/leaf-index-of';
import { readInclusionProof } from '../batches/read-inclusion-proof';
import { encodeLeaf } from '../merkle/encode-leaf';
import { hashLeaf } from '../merkle/hash-leaf';
import { rootFromInclusionProof } from '../merkle/verify-inclusion-proof';
import type { Certificate, UnsignedCertificate } from './certificate-schema';
import type { Issuer } from './load-issuer';
import { newSerialNumber } from './serial-number';
import { signCertificate } from './sign-certificate';

export async function issueCertificate({
  prisma,
  evidenceId,
  issuer,
}: {
  prisma: PrismaClient;
  evidenceId: string;
  issuer: Issuer;
}): Promise<Certificate> {
  const evidence = isUuid(evidenceId) ? await prisma.evidence.findUnique({ where: { id: evidenceId } }) : null;
  if (!evidence) throw new EvidenceNotFoundError(evidenceId);
  const batch = await prisma.batch.findFirst({ where: batchOfEvidenceWhere(evidence) });
  if (!batch) throw new EvidenceNotAnchoredError(evidenceId, 'pending');
  if (batch.status !== 'final') throw new EvidenceNotAnchoredError(evidenceId, 'anchoring');

  const leafIndex = await leafIndexOf({ prisma, batch, sequence: evidence.sequence });
  const path = await readInclusionProof({ prisma, batch, leafIndex, sequence: evidence.sequence });
  const leafHash = hashLeaf(encodeLeaf({ contentSha256: evidence.sha256, salt: evidence.salt, sequence: evidence.sequence }));
  const root = rootFromInclusionProof({ leafHash, leafIndex, treeSize: batch.leafCount, proof: path });
  if (toHex(root) !== toHex(batch.root)) {
    throw new Error(`Stored tree of batch ${batch.id} does not reproduce its root for evidence ${evidenceId}`);
  }

  const record = await findOrCreateCertificateRecord(prisma, evidence.id, issuer.address);
  const unsigned: UnsignedCertificate = {
    format: 'evident.certificate',
    version: 1,
    serial: record.serial,
    issuer: { name: issuer.name, address: issuer.address },
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
      submitter: batch.anchorSubmitter!.toLowerCase(),
      previousRoot: toHex(batch.previousRoot!),
      txHash: batch.txHash!,
      blockNumber: batch.blockNumber!.toString(),
      blockTime: batch.blockTime!.toString(),
      batchId: batch.id,
    },
    issuedAt: record.issuedAt.toISOString(),
  };
  return signCertificate(unsigned, issuer.wallet);
}

async function findOrCreateCertificateRecord(prisma: PrismaClient, evidenceId: string, issuerAddress: string) {
  const existing = await prisma.certificate.findUnique({ where: { evidenceId } });
  if (existing) {
    if (existing.issuerAddress === issuerAddress) return existing;
    // The issuer key was rotated: the same serial is re-signed by the current issuer.
    return prisma.certificate.update({ where: { serial: existing.serial }, data: { issuerAddress } });
  }
  try {
    // The first issue is audited (once per certificate); later downloads re-sign the same record.
    return await prisma.$transaction(async (tx) => {
      const created = await tx.certificate.create({ data: { serial: newSerialNumber(), evidenceId, issuerAddress } });
      await appendAuditEntry(tx, {
        actor: SYSTEM_ACTOR,
        action: 'certificate.issue',
        targetType: 'evidence',
        targetId: evidenceId,
        details: { serial: created.serial, issuerAddress },
      });
      return created;
    });
  } catch (error) {
    // Two downloads raced to issue the first certificate; the other one won.
    const winner = await prisma.certificate.findUnique({ where: { evidenceId } });
    if (winner) return winner;
    throw error;
  }
}
