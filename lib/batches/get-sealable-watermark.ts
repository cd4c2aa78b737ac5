// The highest evidence sequence that is safe to seal. Sequences are drawn inside ingest
// transactions that hold INGEST_LOCK_KEY shared; taking it exclusively for an instant waits for
// those to finish, so no lower sequence can commit after we read the maximum. Without this, a slow
// ingest could commit below a sealed range and never be anchored.
import type { PrismaClient } from '../db/client';
import { INGEST_LOCK_KEY } from '../db/locks';
import { db, runQuery, runStatement, sql } from '../db/sql';

export async function getSealableWatermark(prisma: PrismaClient): Promise<bigint | null> {
  return prisma.$transaction(async (tx) => {
    await runStatement(tx, sql`SELECT pg_advisory_xact_lock(${INGEST_LOCK_KEY}::bigint)`);
    const rows = await runQuery(tx, db.selectFrom('evidence').select((eb) => eb.fn.max('sequence').as('max')));
    return rows[0]?.max ?? null;
  });
}
