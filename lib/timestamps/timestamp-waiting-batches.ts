// One pass of the timestamping loop (beside anchoring, never in front of it): every sealed batch
// without a token whose retry time has come gets a timestamp on its root from the TSA. A token is
// stored only after requestTimestamp has verified it. A failure is logged, stored on the batch
// (last_timestamp_error, shown by /api/health) and retried after a per-batch back-off that doubles
// from 1 s up to 5 min. A pass stops at the first failure: a TSA that is down costs one timeout per
// pass, not one per waiting batch.
import type { PrismaClient } from '../db/client';
import { toPem } from '../proof/pem';
import { requestTimestamp, type TimestampSettings } from './request-timestamp';

export interface TimestampingProgress {
  stamped: number;
  failed: number;
}

const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 5 * 60 * 1000;
const BATCHES_PER_PASS = 100;

export function timestampRetryDelayMs(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

export async function timestampWaitingBatches({
  prisma,
  settings,
  skewWarningSeconds,
  log = () => undefined,
}: {
  prisma: PrismaClient;
  settings: TimestampSettings;
  /** A genTime further than this from our clock is logged: one of the two clocks is wrong. */
  skewWarningSeconds: number;
  log?: (line: string) => void;
}): Promise<TimestampingProgress> {
  const progress: TimestampingProgress = { stamped: 0, failed: 0 };
  const waiting = await prisma.batch.findMany({
    where: { timestamp: null, OR: [{ timestampRetryAt: null }, { timestampRetryAt: { lte: new Date() } }] },
    select: { id: true, root: true, timestampAttempts: true },
    orderBy: { firstSequence: 'asc' },
    take: BATCHES_PER_PASS,
  });
  for (const batch of waiting) {
    try {
      const timestamp = await requestTimestamp({ root: new Uint8Array(batch.root), settings });
      const skewSeconds = Math.abs(timestamp.genTime.getTime() - Date.now()) / 1000;
      if (skewSeconds > skewWarningSeconds) {
        log(`timestamp of batch ${batch.id}: TSA time ${timestamp.genTime.toISOString()} is ${Math.round(skewSeconds)} s from this server's clock`);
      }
      await prisma.$transaction([
        prisma.batchTimestamp.create({
          data: {
            batchId: batch.id,
            token: timestamp.token as Uint8Array<ArrayBuffer>,
            genTime: timestamp.genTime,
            tsaSerial: timestamp.serial,
            policy: timestamp.policy,
            tsaChain: timestamp.chain.map((der) => toPem('CERTIFICATE', der)).join(''),
          },
        }),
        prisma.batch.update({ where: { id: batch.id }, data: { lastTimestampError: null, timestampRetryAt: null } }),
      ]);
      progress.stamped++;
    } catch (error) {
      const attempts = batch.timestampAttempts + 1;
      const retryInMs = timestampRetryDelayMs(attempts);
      const reason = (error as Error).message;
      await prisma.batch.update({
        where: { id: batch.id },
        data: { timestampAttempts: attempts, lastTimestampError: reason, timestampRetryAt: new Date(Date.now() + retryInMs) },
      });
      log(`timestamp of batch ${batch.id} failed (attempt ${attempts}), retry in ${Math.round(retryInMs / 1000)} s: ${reason}`);
      progress.failed++;
      break;
    }
  }
  return progress;
}
