// The co-lending pair a viewer's organization is a member of, with the viewer's bank letter, for the
// reconciliation services after they authorized the action. Another pair, or an id that is not a UUID,
// is "not found": a bank outside a pair cannot learn that it exists.
import { reconciliationPairsVisibleTo } from '../auth/authorize';
import type { ApiKeyViewer, StaffViewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { ReconciliationPair } from '../db/generated/client';
import { ReconciliationPairNotFoundError } from '../errors';
import { isUuid } from '../ids';

export async function loadMemberPair({
  prisma,
  viewer,
  pairId,
}: {
  prisma: PrismaClient;
  viewer: StaffViewer | ApiKeyViewer;
  pairId: string;
}): Promise<{ pair: ReconciliationPair; bank: 'A' | 'B' }> {
  if (!isUuid(pairId)) throw new ReconciliationPairNotFoundError(pairId);
  const pair = await prisma.reconciliationPair.findFirst({ where: { AND: [{ id: pairId.toLowerCase() }, reconciliationPairsVisibleTo(viewer)] } });
  if (!pair) throw new ReconciliationPairNotFoundError(pairId);
  return { pair, bank: pair.lenderAId === viewer.organizationId ? 'A' : 'B' };
}
