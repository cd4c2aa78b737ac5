// The nonce the next transaction of one submitter key takes. Evidence batches and a reconciliation
// day's transactions are both signed with the operator's key and stored before they are sent, so a
// nonce handed out to one store must never be handed to the other: the next nonce is one past the
// highest either store holds for the key, or the chain's mined count when that is higher (the key
// was used elsewhere: a deployment, governance). Called inside the signing transaction, by the one
// process that holds the anchoring lock.
import type { Prisma } from '../db/generated/client';

export async function nextAnchorNonce(
  tx: Prisma.TransactionClient,
  { chainId, submitter, minedNonceCount }: { chainId: bigint; submitter: string; minedNonceCount: bigint },
): Promise<bigint> {
  const lastBatch = await tx.batch.findFirst({
    where: { chainId, anchorSubmitter: submitter, status: { not: 'sealed' } },
    orderBy: { nonce: 'desc' },
    select: { nonce: true },
  });
  const lastDay = await tx.reconciliationAnchorTransaction.findFirst({
    where: { chainId, submitter },
    orderBy: { nonce: 'desc' },
    select: { nonce: true },
  });
  let next = minedNonceCount;
  for (const stored of [lastBatch?.nonce, lastDay?.nonce]) if (stored != null && stored + 1n > next) next = stored + 1n;
  return next;
}
