// Group commit for small API requests without an Idempotency-Key: requests that arrive while an
// earlier group is being written wait, and then go to the database together, one INSERT (one
// autocommit statement) per organization and kind, instead of one statement and one commit each.
// Each caller still gets its own rows back in its own order, and only after the commit, so the
// reply to a request still follows the commit of its records. A failed statement fails every request
// in it, and none of them is retried here: the statement may have committed before the connection
// broke, and only the client, with an Idempotency-Key, can retry that safely.
import { getPgPool, type PrismaClient } from '../db/client';
import type { EvidenceKind } from './evidence-schemas';
import { insertEvidenceRows, type EvidenceRowInput, type InsertedEvidenceRow } from './insert-evidence-rows';

/** Most rows one group writes; a request larger than this is not grouped at all (see the caller). */
export const MAX_ROWS_PER_GROUP = 1000;

interface Waiting {
  organizationId: string;
  kind: EvidenceKind;
  rows: EvidenceRowInput[];
  resolve: (rows: InsertedEvidenceRow[]) => void;
  reject: (error: unknown) => void;
}

interface InsertQueue {
  waiting: Waiting[];
  flushing: boolean;
}

// On the client under a global symbol: the web server's own import of lib/ and Next.js's bundled
// copy (lib/platform/serve-ingest-request.ts) must queue together.
const QUEUE = Symbol.for('evident.evidenceInsertQueue');
type ClientWithQueue = PrismaClient & { [QUEUE]?: InsertQueue };

export function insertEvidenceRowsTogether(
  prisma: PrismaClient,
  { organizationId, kind, rows }: { organizationId: string; kind: EvidenceKind; rows: EvidenceRowInput[] },
): Promise<InsertedEvidenceRow[]> {
  if (rows.length > MAX_ROWS_PER_GROUP) throw new Error(`At most ${MAX_ROWS_PER_GROUP} rows are written together.`);
  const queue = ((prisma as ClientWithQueue)[QUEUE] ??= { waiting: [], flushing: false });
  const inserted = new Promise<InsertedEvidenceRow[]>((resolve, reject) =>
    queue.waiting.push({ organizationId, kind, rows, resolve, reject }),
  );
  if (!queue.flushing) void flushInsertQueue(prisma, queue);
  return inserted;
}

async function flushInsertQueue(prisma: PrismaClient, queue: InsertQueue): Promise<void> {
  queue.flushing = true;
  try {
    while (queue.waiting.length > 0) {
      let rowCount = 0;
      let taken = 0;
      while (taken < queue.waiting.length && rowCount + queue.waiting[taken].rows.length <= MAX_ROWS_PER_GROUP) {
        rowCount += queue.waiting[taken++].rows.length;
      }
      const group = queue.waiting.splice(0, taken);
      const statements = new Map<string, Waiting[]>();
      for (const waiting of group) {
        const key = `${waiting.organizationId}/${waiting.kind}`;
        const same = statements.get(key);
        if (same) same.push(waiting);
        else statements.set(key, [waiting]);
      }
      await Promise.all([...statements.values()].map((requests) => insertOneStatement(prisma, requests)));
    }
  } finally {
    queue.flushing = false;
  }
}

/** One autocommit INSERT for requests of one organization and kind; each gets its slice of the rows. */
async function insertOneStatement(prisma: PrismaClient, requests: Waiting[]): Promise<void> {
  const { organizationId, kind } = requests[0];
  try {
    const client = await getPgPool(prisma).connect();
    let inserted: InsertedEvidenceRow[];
    try {
      inserted = await insertEvidenceRows(client, { organizationId, kind, rows: requests.flatMap((r) => r.rows) });
    } finally {
      client.release();
    }
    let offset = 0;
    for (const request of requests) {
      request.resolve(inserted.slice(offset, offset + request.rows.length));
      offset += request.rows.length;
    }
  } catch (error) {
    for (const request of requests) request.reject(error);
  }
}
