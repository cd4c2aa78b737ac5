// Bench setup, not measured: appends `count` evidence rows with random hashes and salts, generated
// inside PostgreSQL in INSERT … SELECT statements of 250,000 rows, then vacuums and checkpoints so
// the timed part does not pay for the setup's writes.
import { runStatement, sql } from '../lib/db/sql';
import { withPgConnection } from '../lib/db/with-pg-connection';

const ROWS_PER_STATEMENT = 250_000;

export async function insertBulkEvidence({ databaseUrl, count }: { databaseUrl: string; count: number }): Promise<void> {
  await withPgConnection(databaseUrl, async (client) => {
    for (let done = 0; done < count; done += ROWS_PER_STATEMENT) {
      await runStatement(
        client,
        sql`INSERT INTO evidence (id, sha256, salt, file_name, media_type, size)
         SELECT gen_random_uuid(), sha256(uuid_send(gen_random_uuid())), sha256(uuid_send(gen_random_uuid())),
                'bench-' || g || '.pdf', 'application/pdf', 100000 + g
         FROM generate_series(1, ${Math.min(ROWS_PER_STATEMENT, count - done)}) AS g`,
      );
    }
    await runStatement(client, sql`VACUUM ANALYZE evidence`);
    await runStatement(client, sql`CHECKPOINT`);
  });
}
