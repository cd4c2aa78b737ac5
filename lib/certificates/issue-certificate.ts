// Issues the signed JSON proof bundle (format: docs/proof-format.md) for an anchored evidence
// item: assembled from the database, its proof checked against the anchored root, then signed by
// the platform's issuer key. The serial and issue time are fixed at first issue, so every download
// of a certificate is the same document. A serial names one anchor: an item anchored again (its
// chain lost its state) gets a new serial, and the old certificate is marked superseded by it. Once
// the batch root has a verified RFC 3161 timestamp, the certificate is format version 2 and carries
// the token and the TSA's certificate path, under the same serial (the same anchor, one more witness).
// A serial first issued since format version 3 is version 3: it also signs the item's subject and
// provenance, frozen in the record at first issue. A serial issued before keeps its format (1, or 2
// once timestamped), so every certificate already handed out is served as it was issued.
import { createHash } from 'node:crypto';
import { chainAuditOutboxAfterCommit, enqueueAuditEntries, SYSTEM_ACTOR, type AuditEvent } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { EvidenceNotAnchoredError, EvidenceNotFoundError } from '../errors';
import { toHex } from '../proof/hex';
import { isUuid } from '../ids';
import { batchOfEvidenceWhere } from '../batches/batch-of-evidence';
import { leafIndexOf } from '../batches/leaf-index-of';
import { readInclusionProof } from '../batches/read-inclusion-proof';
import { encodeLeaf } from '../proof/encode-leaf';
import { hashLeaf } from '../proof/hash-leaf';
import { rootFromInclusionProof } from '../proof/verify-inclusion-proof';
import type { Certificate, UnsignedCertificate } from '../proof/certificate-schema';
import type { Issuer } from './load-issuer';
import { newSerialNumber } from './serial-number';
import { signCertificate } from './sign-certificate';
import { fromPem } from '../proof/pem';
import { readCertificateSubject, type CertificateProvenance, type CertificateSubject } from './read-certificate-subject';

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

  const proof: UnsignedCertificate['proof'] = {
    algorithm: 'rfc9162-sha256',
    leafIndex,
    treeSize: batch.leafCount,
    path: path.map(toHex),
    root: toHex(batch.root),
  };
  const anchor: UnsignedCertificate['anchor'] = {
    chainId: batch.chainId!.toString(),
    contract: batch.contractAddress!,
    submitter: batch.anchorSubmitter!.toLowerCase(),
    previousRoot: toHex(batch.previousRoot!),
    txHash: batch.txHash!,
    blockNumber: batch.blockNumber!.toString(),
    blockTime: batch.blockTime!.toString(),
    batchId: batch.id,
  };
  const stamp = await prisma.batchTimestamp.findUnique({ where: { batchId: batch.id } });
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const timestamp = stamp ? { token: base64(stamp.token), certificates: fromPem(stamp.tsaChain).map((block) => base64(block.der)) } : undefined;
  const record = await findOrCreateCertificateRecord(prisma, {
    evidenceId: evidence.id,
    readSubject: () => readCertificateSubject(prisma, evidence),
    issuerAddress: issuer.address,
    // The proof and anchor the certificate states: another anchor makes a new serial. The RFC 3161
    // token is not part of it: it adds a second witness to the same anchor, so the serial downloaded
    // before the token (version 1) and after it (version 2) states the same facts.
    anchorDigest: createHash('sha256').update(JSON.stringify({ proof, anchor })).digest('hex'),
    anchoredAt: batch.anchoredAt,
  });
  const signedSubject = record.subject && record.provenance
    ? { subject: record.subject as CertificateSubject, provenance: record.provenance as CertificateProvenance }
    : null;
  const unsigned: UnsignedCertificate = {
    format: 'evident.certificate',
    version: signedSubject ? 3 : stamp ? 2 : 1,
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
    proof,
    anchor,
    ...(timestamp ? { timestamp } : {}),
    ...(signedSubject ?? {}),
    issuedAt: record.issuedAt.toISOString(),
  };
  return signCertificate(unsigned, issuer.wallet);
}

/**
 * The current certificate of the item when it was issued for this anchor; else a new one, which
 * supersedes the current one (the item was anchored again), both in one transaction.
 */
async function findOrCreateCertificateRecord(
  prisma: PrismaClient,
  {
    evidenceId,
    readSubject,
    issuerAddress,
    anchorDigest,
    anchoredAt,
  }: {
    evidenceId: string;
    /** The subject and provenance a new serial signs (format version 3). */
    readSubject: () => Promise<{ subject: CertificateSubject; provenance: CertificateProvenance }>;
    issuerAddress: string;
    anchorDigest: string;
    anchoredAt: Date | null;
  },
) {
  const current = await prisma.certificate.findFirst({ where: { evidenceId, supersededBy: null }, orderBy: { issuedAt: 'desc' } });
  // Issued before anchor digests were recorded: it names this anchor unless the batch became final
  // again after it was issued.
  const legacyOfThisAnchor = current?.anchorDigest === null && anchoredAt !== null && current.issuedAt >= anchoredAt;
  if (current && (current.anchorDigest === anchorDigest || legacyOfThisAnchor)) {
    if (current.anchorDigest === anchorDigest && current.issuerAddress === issuerAddress) return current;
    // The issuer key was rotated: the same serial is re-signed by the current issuer, same content.
    return prisma.certificate.update({ where: { serial: current.serial }, data: { issuerAddress, anchorDigest } });
  }
  const { subject, provenance } = await readSubject();
  try {
    // The first issue is audited (once per certificate); later downloads re-sign the same record.
    // The entries go to the audit outbox in this transaction, which so takes no audit lock: an
    // export issuing many certificates at once would otherwise queue on it past the transaction's
    // time limit under load. They are chained into the log once it commits.
    const created = await prisma.$transaction(async (tx) => {
      const created = await tx.certificate.create({
        data: { serial: newSerialNumber(), evidenceId, issuerAddress, anchorDigest, subject, provenance },
      });
      const entries: AuditEvent[] = [];
      if (current) {
        const { count } = await tx.certificate.updateMany({
          where: { serial: current.serial, supersededBy: null },
          data: { supersededBy: created.serial, supersededAt: created.issuedAt },
        });
        if (count !== 1) throw new Error(`certificate ${current.serial} was superseded meanwhile`);
        entries.push({
          actor: SYSTEM_ACTOR,
          action: 'certificate.supersede',
          targetType: 'certificate',
          targetId: current.serial,
          details: { supersededBy: created.serial, evidenceId },
        });
      }
      entries.push({
        actor: SYSTEM_ACTOR,
        action: 'certificate.issue',
        targetType: 'evidence',
        targetId: evidenceId,
        details: { serial: created.serial, issuerAddress },
      });
      await enqueueAuditEntries(tx, entries);
      return created;
    });
    await chainAuditOutboxAfterCommit(prisma);
    return created;
  } catch (error) {
    // Two downloads raced to issue the certificate for this anchor; the other one won.
    const winner = await prisma.certificate.findUnique({ where: { evidenceId_anchorDigest: { evidenceId, anchorDigest } } });
    if (winner) return winner;
    throw error;
  }
}
