// The bank a disclosure request is addressed to answers it (§13.2): it discloses the record (Evident
// mints the record's opening from the bank's committed side with the pair key, open mode, and keeps
// it with the request for the regulator) or declines with a reason. Either answer is final and
// audited in its transaction. Another bank, another lender, or the regulator cannot answer: a request
// that is not the viewer's bank's is "not found".
import path from 'node:path';
import { appendAuditEntry } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { DisclosureRequestConflictError, DisclosureRequestNotFoundError, FieldErrorsError } from '../errors';
import { isUuid } from '../ids';
import { derivePairKeys } from './derive-pair-keys';
import { decryptPairKey } from './pair-key-encryption';
import { mintRecordDisclosure, type RecordDisclosure } from './record-disclosure';
import { MAX_DISCLOSURE_REASON_LENGTH } from './request-record-disclosure';
import { SideTree } from './side-tree';

export async function answerDisclosureRequest({
  prisma,
  viewer,
  requestId,
  decision,
  reason: rawReason = '',
  storageDir,
  keySecret,
  now = new Date(),
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  requestId: string;
  decision: string;
  /** Required to decline. */
  reason?: string;
  storageDir: string;
  keySecret: string;
  now?: Date;
}): Promise<{ status: 'disclosed' | 'declined' }> {
  authorize(viewer, 'reconciliation.answer_disclosure');
  if (decision !== 'disclose' && decision !== 'decline') throw new FieldErrorsError({ decision: ['must be disclose or decline'] });
  const reason = rawReason.trim();
  if (decision === 'decline' && reason.length === 0) throw new FieldErrorsError({ reason: ['say why the bank declines'] });
  if (reason.length > MAX_DISCLOSURE_REASON_LENGTH) throw new FieldErrorsError({ reason: [`at most ${MAX_DISCLOSURE_REASON_LENGTH} characters`] });
  if (!isUuid(requestId)) throw new DisclosureRequestNotFoundError(requestId);
  const request = await prisma.reconciliationDisclosureRequest.findUnique({ where: { id: requestId.toLowerCase() } });
  const pair = request ? await prisma.reconciliationPair.findUnique({ where: { id: request.pairId } }) : null;
  if (!request || !pair || (request.bank === 'A' ? pair.lenderAId : pair.lenderBId) !== viewer.organizationId) throw new DisclosureRequestNotFoundError(requestId);
  if (request.status !== 'requested') throw new DisclosureRequestConflictError(`This request was already answered: ${request.status}.`);

  let disclosure: RecordDisclosure | null = null;
  if (decision === 'disclose' && pair.encryptedPairKey === null) {
    throw new DisclosureRequestConflictError(
      'This pair is blind: Evident holds neither its key nor its values, so it cannot open the record. Decline here, saying how the bank gives the record to the regulator itself.',
    );
  }
  if (decision === 'disclose' && pair.encryptedPairKey !== null) {
    const side = await prisma.reconciliationSide.findUniqueOrThrow({
      where: { pairId_businessDate_bank: { pairId: request.pairId, businessDate: request.businessDate, bank: request.bank } },
    });
    const keys = derivePairKeys(decryptPairKey({ encrypted: new Uint8Array(pair.encryptedPairKey), pairId: pair.id, secret: keySecret }));
    const tree = await SideTree.open(path.join(storageDir, side.directory));
    try {
      disclosure = mintRecordDisclosure({ tree, index: request.leafIndex, keys });
    } finally {
      tree.close();
    }
  }
  const actor = auditActorOf(viewer);
  const status = decision === 'disclose' ? 'disclosed' : 'declined';
  await prisma.$transaction(async (tx) => {
    const updated = await tx.reconciliationDisclosureRequest.updateMany({
      where: { id: request.id, status: 'requested' },
      data: {
        status,
        answeredAt: now,
        answeredBy: actor.label,
        declineReason: decision === 'decline' ? reason : null,
        ...(disclosure ? { disclosure: JSON.parse(JSON.stringify(disclosure)) } : {}),
      },
    });
    if (updated.count === 0) throw new DisclosureRequestConflictError('This request was answered meanwhile.');
    await appendAuditEntry(tx, {
      actor,
      action: decision === 'disclose' ? 'reconciliation.disclosure_disclose' : 'reconciliation.disclosure_decline',
      targetType: 'reconciliation_disclosure_request',
      targetId: request.id,
      details: { pairId: request.pairId, businessDate: request.businessDate, bank: request.bank, subject: request.subject, ...(decision === 'decline' ? { reason } : {}) },
      occurredAt: now,
    });
  });
  return { status };
}
