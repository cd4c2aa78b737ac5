// The oldest evidence not yet in a batch. Each organization's evidence is sealed into batches of its
// own (its lane), so "pending" is per lane: the rows above the last sequence the lane's batches
// cover. Two index probes per organization; organizations are few.
import { runQuery, sql, type SqlDb } from '../db/sql';
import { laneCondition } from './batch-of-evidence';

export interface OldestPendingEvidence {
  /** The lane: the organization, or null for rows submitted without one. */
  organizationId: string | null;
  /** The last sequence the lane's batches cover (0 before its first). */
  after: bigint;
  sequence: bigint;
  submittedAt: Date;
}

export async function findOldestPendingEvidence(
  db: SqlDb,
  { upTo }: { /** Only rows at or below this sequence (the sealable watermark). */ upTo?: bigint } = {},
): Promise<OldestPendingEvidence | null> {
  const [{ legacy }] = await runQuery(
    db,
    sql<{ legacy: bigint | null }>`SELECT max(last_sequence) AS legacy FROM batch WHERE spans_organizations`,
  );
  const organizations = await runQuery(db, sql<{ id: string }>`SELECT id::text AS id FROM organization`);
  let oldest: OldestPendingEvidence | null = null;
  for (const organizationId of [null, ...organizations.map((o) => o.id)]) {
    const lane = laneCondition(organizationId);
    const [{ sealed }] = await runQuery(
      db,
      sql<{ sealed: bigint | null }>`SELECT max(last_sequence) AS sealed FROM batch WHERE ${lane} AND NOT spans_organizations`,
    );
    // Batches sealed before lanes existed cover every organization's rows in their ranges.
    const after = [sealed ?? 0n, legacy ?? 0n].reduce((a, b) => (a > b ? a : b));
    const [pending] = await runQuery(
      db,
      sql<{ sequence: bigint; submitted_at: Date }>`
        SELECT sequence, submitted_at FROM evidence
        WHERE ${lane} AND sequence > ${after} ${upTo === undefined ? sql`` : sql`AND sequence <= ${upTo}`}
        ORDER BY sequence LIMIT 1`,
    );
    if (pending && (oldest === null || pending.sequence < oldest.sequence)) {
      oldest = { organizationId, after, sequence: pending.sequence, submittedAt: pending.submitted_at };
    }
  }
  return oldest;
}
