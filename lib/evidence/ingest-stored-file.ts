// Records a file that is already durable in content-addressed storage, with its description, as one
// evidence item of the submitter's organization: the borrower it names (found or created, asking a
// lender's staff before a second borrower of a known name), the row, its provenance and its
// `evidence.upload` audit entry in one transaction, and the answer stored under the request's
// idempotency record in that same transaction. Both ways a file arrives end here: a multipart upload
// (ingest-multipart-upload.ts) and a finished resumable upload (finish-resumable-upload.ts).
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { chainAuditOutboxAfterCommit, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { auditActorOf, type ApiKeyViewer, type StaffViewer, type Viewer } from '../auth/viewer';
import type { BorrowerIdentity } from '../borrowers/borrower-identity';
import { resolveBorrower } from '../borrowers/resolve-borrower';
import type { PrismaClient } from '../db/client';
import { DomainError } from '../errors';
import { toHex } from '../proof/hex';
import type { StoredFile } from '../storage/store-stream';
import type { UploadedEvidence } from './evidence-schemas';
import { ingestIdempotently } from './ingest-idempotently';
import { insertEvidenceRows, submissionOf } from './insert-evidence-rows';
import type { FileDescription } from './validate-file-fields';

export async function ingestStoredFile({
  prisma,
  stored,
  fileName,
  mediaType,
  described,
  submitter,
  borrowerIdSalt,
  requestIdentity,
  idempotencyScopeKey,
  idempotencyKey,
}: {
  prisma: PrismaClient;
  stored: StoredFile;
  fileName: string;
  mediaType: string;
  described: FileDescription;
  /** Already authorized for evidence.submit by the caller (a lender's staff or API key); null only
   * for the platform's own tests and tools, whose evidence then belongs to no organization. */
  submitter: Viewer | null;
  borrowerIdSalt?: string;
  /** What, besides the file and its description, tells this request from another with the same
   * idempotency record key (the endpoint; a resumable upload's id). */
  requestIdentity: Record<string, string>;
  /** The key of the idempotency record that stores the answer (per organization), or null for none. */
  idempotencyScopeKey: string | null;
  /** The client's Idempotency-Key, recorded with the provenance. */
  idempotencyKey: string | null;
}): Promise<UploadedEvidence & { replayed: boolean }> {
  // Only a lender's staff or its API keys may submit evidence (evidence.submit).
  const lender = submitter as StaffViewer | ApiKeyViewer | null;
  const organizationId = lender?.organizationId ?? null;
  const fields = {
    title: described.title ?? null,
    type: described.type ?? null,
    loanReference: described.loanReference ?? null,
    borrowerReference: described.borrowerReference ?? null,
  };
  let borrower: { id: string; name: string } | null = null;
  if (described.borrower) {
    if (!borrowerIdSalt) throw new Error('ingestStoredFile needs borrowerIdSalt to link a borrower.');
    // A lender's staff is asked before a second borrower of a name the organization knows is made.
    const sameNameCheck = lender?.kind === 'staff' ? { organizationId: lender.organizationId, confirmed: described.confirmSameNameBorrower } : undefined;
    borrower = await resolveBorrowerOnce(prisma, described.borrower, borrowerIdSalt, sameNameCheck);
  }
  // A retry is recognised by what was uploaded, not by its bytes on the wire (multipart boundaries
  // differ between retries).
  const requestSha256 = new Uint8Array(
    createHash('sha256')
      .update(
        canonicalize({
          ...requestIdentity,
          sha256: stored.storageKey,
          fileName,
          mediaType,
          ...fields,
          borrower: described.borrower ?? null,
          ...(described.source ? { source: described.source } : {}),
        })!,
      )
      .digest(),
  );
  const reply = await ingestIdempotently({
    prisma,
    scope: idempotencyScopeKey === null || organizationId === null ? null : { organizationId, key: idempotencyScopeKey },
    hashRequest: async () => requestSha256,
    prepare: () => undefined,
    ingest: async (tx) => {
      const submission = submissionOf(submitter, idempotencyKey);
      const evidenceId = randomUUID();
      const [row] = await insertEvidenceRows(tx, {
        organizationId,
        kind: 'file',
        submittedByUserId: lender?.kind === 'staff' ? lender.userId : null,
        submissionId: submission.id,
        submissions: [submission],
        // The entry commits with the row, through the outbox: see lib/audit/append-audit-entry.ts.
        audits: [
          {
            event: {
              actor: submitter === null ? SYSTEM_ACTOR : auditActorOf(submitter),
              action: 'evidence.upload',
              targetType: 'evidence',
              targetId: evidenceId,
              details: { sha256: toHex(stored.sha256), fileName, size: stored.size, borrowerId: borrower?.id ?? null },
            },
            rows: 1,
          },
        ],
        rows: [
          {
            id: evidenceId,
            sha256: stored.sha256,
            size: stored.size,
            storageKey: stored.storageKey,
            fileName,
            mediaType,
            evidenceType: fields.type,
            loanReference: fields.loanReference,
            borrowerReference: fields.borrowerReference,
            canonicalRecord: null,
            title: fields.title,
            borrowerId: borrower?.id ?? null,
            source: described.source ?? null,
          },
        ],
      });
      // The same bytes notarized before by the organization: said in the answer, not refused.
      const earlier =
        organizationId === null
          ? undefined
          : (
              await tx.query<{ id: string; title: string | null; file_name: string; submitted_at: Date }>(
                `SELECT id::text AS id, title, file_name, submitted_at FROM evidence
                  WHERE organization_id = $1 AND sha256 = $2 AND id <> $3 ORDER BY sequence LIMIT 1`,
                [organizationId, Buffer.from(stored.sha256), row.id],
              )
            ).rows[0];
      const evidence: UploadedEvidence = {
        id: row.id,
        sequence: row.sequence.toString(),
        kind: 'file',
        title: fields.title,
        type: fields.type,
        loanReference: fields.loanReference,
        borrowerReference: fields.borrowerReference,
        borrower,
        sha256: toHex(stored.sha256),
        size: stored.size,
        fileName,
        mediaType,
        submittedAt: row.submittedAt.toISOString(),
        status: 'pending',
        duplicateOf: earlier ? { id: earlier.id, title: earlier.title, fileName: earlier.file_name, submittedAt: earlier.submitted_at.toISOString() } : null,
      };
      return { status: 201, bodyText: JSON.stringify(evidence), requestSha256 };
    },
  });
  const evidence = JSON.parse(reply.bodyText) as UploadedEvidence;
  // A replay stored nothing new and is not logged again.
  if (!reply.replayed) await chainAuditOutboxAfterCommit(prisma);
  return { ...evidence, replayed: reply.replayed };
}

// Two uploads that name the same new borrower at once both try to create them; the loser of that
// race finds the winner's row on a second look.
async function resolveBorrowerOnce(
  prisma: PrismaClient,
  identity: BorrowerIdentity,
  borrowerIdSalt: string,
  sameNameCheck: { organizationId: string; confirmed: boolean } | undefined,
) {
  try {
    return await resolveBorrower({ db: prisma, identity, borrowerIdSalt, sameNameCheck });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    return resolveBorrower({ db: prisma, identity, borrowerIdSalt, sameNameCheck });
  }
}
