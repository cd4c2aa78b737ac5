// Test helper: drives the anchoring state machine until every sealed batch is final (or fails).
import type { PrismaClient } from '../db/client';
import type { ChainConnection } from '../chain/connect-chain';
import { advanceAnchoring, type AnchoringProgress, type AnchoringSettings } from '../batches/advance-anchoring';

export const TEST_ANCHORING: Omit<AnchoringSettings, 'contractAddress'> = {
  confirmations: 0,
  stuckAfterMs: 60_000,
  gasLimit: 300_000n,
  maxInFlight: 16,
};

/** Sums the progress of each round; stops at the first error, or when nothing is left to do. */
export async function anchorUntilFinal({
  prisma,
  chain,
  contractAddress,
  settings = {},
  timeoutMs = 20_000,
}: {
  prisma: PrismaClient;
  /** A node's connection, or an in-memory chain with keys shaped the same way. */
  chain: Pick<ChainConnection, 'anchorChain' | 'signer' | 'memberSigners'>;
  contractAddress: string;
  settings?: Partial<AnchoringSettings>;
  timeoutMs?: number;
}): Promise<AnchoringProgress & { finalBatches: number }> {
  const total: AnchoringProgress = { signed: 0, broadcast: 0, included: 0, finalized: 0, reorged: 0, replaced: 0, reverted: 0, adopted: 0, resigned: 0 };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const round = await advanceAnchoring({
      prisma,
      chain: chain.anchorChain,
      keys: { operator: chain.signer, members: chain.memberSigners },
      settings: { ...TEST_ANCHORING, contractAddress, ...settings },
    });
    for (const key of ['signed', 'broadcast', 'included', 'finalized', 'reorged', 'replaced', 'reverted', 'adopted', 'resigned'] as const) total[key] += round[key];
    if (round.error) return { ...total, error: round.error, finalBatches: total.finalized };
    const unfinished = await prisma.batch.count({ where: { status: { not: 'final' } } });
    if (unfinished === 0) return { ...total, finalBatches: total.finalized };
    if (Date.now() > deadline) throw new Error(`${unfinished} batch(es) not final after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
