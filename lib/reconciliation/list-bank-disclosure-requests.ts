// The regulator's disclosure requests addressed to the viewer's bank in one pair (§13.2), newest
// first, for the lender portal: what was asked (date, key, leaf, why) and how the bank answered.
// The other bank of the pair never sees them.
import { authorize } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { toHex } from '../proof/hex';
import { loadMemberPair } from './load-member-pair';

export interface BankDisclosureRequest {
  id: string;
  businessDate: string;
  key: string;
  leafIndex: number;
  subject: string;
  reason: string;
  requestedAt: Date;
  status: 'requested' | 'disclosed' | 'declined';
  answeredAt: Date | null;
  answeredBy: string | null;
  declineReason: string | null;
}

export async function listBankDisclosureRequests({
  prisma,
  viewer,
  pairId,
  limit = 50,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  limit?: number;
}): Promise<BankDisclosureRequest[]> {
  authorize(viewer, 'reconciliation.answer_disclosure');
  const { pair, bank } = await loadMemberPair({ prisma, viewer, pairId });
  const requests = await prisma.reconciliationDisclosureRequest.findMany({
    where: { pairId: pair.id, bank },
    orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
    take: limit,
  });
  return requests.map((request) => ({
    id: request.id,
    businessDate: request.businessDate,
    key: toHex(request.key),
    leafIndex: request.leafIndex,
    subject: request.subject,
    reason: request.reason,
    requestedAt: request.requestedAt,
    status: request.status,
    answeredAt: request.answeredAt,
    answeredBy: request.answeredBy,
    declineReason: request.declineReason,
  }));
}
