// Group commit (lib/db/group-commit-queue.ts) for small API requests without an Idempotency-Key: requests that arrive while an
// earlier group is being written wait, and then go to the database together, one INSERT (one
// autocommit statement, which also writes each request's submission and audit outbox entry) per
// organization and kind, instead of one statement and one commit each.
// Each caller still gets its own rows back in its own order, and only after the commit, so the
// reply to a request still follows the commit of its records. A failed statement fails every request
// in it, and none of them is retried here: the statement may have committed before the connection
// broke, and only the client, with an Idempotency-Key, can retry that safely.
import type { AuditEvent } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { groupCommitQueueOf, type Outcome } from '../db/group-commit-queue';
import { withPgTransaction } from '../db/with-pg-transaction';
import type { EvidenceKind } from './evidence-schemas';
import { insertEvidenceRows, type EvidenceRowInput, type InsertedEvidenceRow, type Submission } from './insert-evidence-rows';

/** Most rows one group writes; a request larger than this is not grouped at all (see the caller). */
export const MAX_ROWS_PER_GROUP = 1000;

interface Request {
  organizationId: string;
  kind: EvidenceKind;
  rows: EvidenceRowInput[];
  /** How the request came (provenance), written with its rows. */
  submission: Submission;
  /** The request's audit entry; the insert adds the count and sequence range of its rows. */
  audit: AuditEvent;
}

export function insertEvidenceRowsTogether(prisma: PrismaClient, request: Request): Promise<InsertedEvidenceRow[]> {
  if (request.rows.length > MAX_ROWS_PER_GROUP) throw new Error(`At most ${MAX_ROWS_PER_GROUP} rows are written together.`);
  const queue = groupCommitQueueOf<Request, InsertedEvidenceRow[]>('evidence-insert', prisma, () => ({
    maxWeight: MAX_ROWS_PER_GROUP,
    weight: (waiting) => waiting.rows.length,
    flush: (group) => insertGroup(prisma, group),
  }));
  return queue.add(request);
}

/** One statement per organization and kind in the group, side by side; each request's outcome. */
async function insertGroup(prisma: PrismaClient, group: Request[]): Promise<Outcome<InsertedEvidenceRow[]>[]> {
  const statements = new Map<string, Request[]>();
  for (const request of group) {
    const key = `${request.organizationId}/${request.kind}`;
    const same = statements.get(key);
    if (same) same.push(request);
    else statements.set(key, [request]);
  }
  const outcomes = new Map<Request, Outcome<InsertedEvidenceRow[]>>();
  await Promise.all(
    [...statements.values()].map(async (requests) => {
      try {
        const inserted = await insertOneStatement(prisma, requests);
        let offset = 0;
        for (const request of requests) outcomes.set(request, { ok: true, value: inserted.slice(offset, (offset += request.rows.length)) });
      } catch (error) {
        for (const request of requests) outcomes.set(request, { ok: false, error });
      }
    }),
  );
  return group.map((request) => outcomes.get(request)!);
}

/** One autocommit INSERT for requests of one organization and kind, with their submissions and audit
 * entries. */
function insertOneStatement(prisma: PrismaClient, requests: Request[]): Promise<InsertedEvidenceRow[]> {
  const { organizationId, kind } = requests[0];
  return withPgTransaction(
    prisma,
    (tx) =>
      insertEvidenceRows(tx, {
        organizationId,
        kind,
        rows: requests.flatMap((request) => request.rows.map((row) => ({ ...row, submissionId: request.submission.id }))),
        submissions: requests.map((request) => request.submission),
        audits: requests.map((request) => ({ event: request.audit, rows: request.rows.length })),
      }),
    { oneStatement: true },
  );
}
