// One pass of reconciliation timestamping (spec §11.5), run by the batcher's timestamping loop beside
// the batch roots': every side receipt and every statement without a verified RFC 3161 token gets one
// over its SHA-256, from the same TSA with the same checks (requestTimestamp verifies status, nonce,
// imprint, signature and chain before anything is stored). The committed sides and statements are
// the queue: a document with no timestamp row is due; a failed try leaves a row without a token and
// a back-off (the batch roots' one), so a TSA that is down costs one timeout per pass.
import type { PrismaClient } from '../db/client';
import { runQuery, runStatement, sql } from '../db/sql';
import { toPem } from '../proof/pem';
import { requestTimestamp, type TimestampSettings } from '../timestamps/request-timestamp';
import { timestampRetryDelayMs } from '../timestamps/timestamp-waiting-batches';

const DOCUMENTS_PER_PASS = 100;

export interface ReconciliationTimestampingProgress {
  stamped: number;
  failed: number;
}

export async function timestampReconciliationDocuments({
  prisma,
  settings,
  log = () => undefined,
}: {
  prisma: PrismaClient;
  settings: TimestampSettings;
  log?: (line: string) => void;
}): Promise<ReconciliationTimestampingProgress> {
  const progress: ReconciliationTimestampingProgress = { stamped: 0, failed: 0 };
  const due = await runQuery(
    prisma,
    sql<{ sha256: Uint8Array; kind: 'side_receipt' | 'statement'; pair_id: string; business_date: string; attempts: number | null }>`
      SELECT d.sha256, d.kind::reconciliation_document_kind AS kind, d.pair_id::text AS pair_id, d.business_date, t.attempts
      FROM (
        SELECT receipt_sha256 AS sha256, 'side_receipt' AS kind, pair_id, business_date, committed_at AS at FROM reconciliation_side
        UNION ALL
        SELECT sha256, 'statement' AS kind, pair_id, business_date, drafted_at AS at FROM reconciliation_statement
      ) d
      LEFT JOIN reconciliation_timestamp t ON t.document_sha256 = d.sha256
      WHERE t.document_sha256 IS NULL OR (t.token IS NULL AND (t.retry_at IS NULL OR t.retry_at <= now()))
      ORDER BY d.at, d.kind LIMIT ${DOCUMENTS_PER_PASS}`,
  );
  for (const document of due) {
    const sha256 = new Uint8Array(document.sha256);
    const name = `${document.kind === 'statement' ? 'statement' : 'side receipt'} of pair ${document.pair_id} for ${document.business_date}`;
    try {
      const timestamp = await requestTimestamp({ root: sha256, settings });
      const stamped = {
        token: timestamp.token,
        gen_time: timestamp.genTime,
        tsa_serial: timestamp.serial,
        policy: timestamp.policy,
        tsa_chain: timestamp.chain.map((der) => toPem('CERTIFICATE', der)).join(''),
        last_error: null,
        retry_at: null,
      };
      await runStatement(
        prisma,
        sql`INSERT INTO reconciliation_timestamp (document_sha256, kind, pair_id, business_date, token, gen_time, tsa_serial, policy, tsa_chain, attempts)
            VALUES (${sha256}, ${document.kind}::reconciliation_document_kind, ${document.pair_id}::uuid, ${document.business_date},
                    ${stamped.token}, ${stamped.gen_time}, ${stamped.tsa_serial}, ${stamped.policy}, ${stamped.tsa_chain}, ${(document.attempts ?? 0) + 1})
            ON CONFLICT (document_sha256) DO UPDATE SET token = EXCLUDED.token, gen_time = EXCLUDED.gen_time, tsa_serial = EXCLUDED.tsa_serial,
              policy = EXCLUDED.policy, tsa_chain = EXCLUDED.tsa_chain, attempts = EXCLUDED.attempts, last_error = NULL, retry_at = NULL
            WHERE reconciliation_timestamp.token IS NULL`,
      );
      progress.stamped++;
    } catch (error) {
      const attempts = (document.attempts ?? 0) + 1;
      const retryInMs = timestampRetryDelayMs(attempts);
      const reason = (error as Error).message;
      await runStatement(
        prisma,
        sql`INSERT INTO reconciliation_timestamp (document_sha256, kind, pair_id, business_date, attempts, last_error, retry_at)
            VALUES (${sha256}, ${document.kind}::reconciliation_document_kind, ${document.pair_id}::uuid, ${document.business_date},
                    ${attempts}, ${reason}, ${new Date(Date.now() + retryInMs)})
            ON CONFLICT (document_sha256) DO UPDATE SET attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, retry_at = EXCLUDED.retry_at
            WHERE reconciliation_timestamp.token IS NULL`,
      );
      log(`timestamp of the ${name} failed (attempt ${attempts}), retry in ${Math.round(retryInMs / 1000)} s: ${reason}`);
      progress.failed++;
      break;
    }
  }
  return progress;
}
