// Bench setup, not measured: appends `count` evidence rows with random hashes and salts, generated
// inside PostgreSQL in INSERT … SELECT statements of 250,000 rows, then vacuums and checkpoints so
// the timed part does not pay for the setup's writes.
import pg from 'pg';

const ROWS_PER_STATEMENT = 250_000;

export async function insertBulkEvidence({ databaseUrl, count }: { databaseUrl: string; count: number }): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let done = 0; done < count; done += ROWS_PER_STATEMENT) {
      await client.query(
        `INSERT INTO evidence (id, sha256, salt, file_name, media_type, size)
         SELECT gen_random_uuid(), sha256(uuid_send(gen_random_uuid())), sha256(uuid_send(gen_random_uuid())),
                'bench-' || g || '.pdf', 'application/pdf', 100000 + g
         FROM generate_series(1, $1) AS g`,
        [Math.min(ROWS_PER_STATEMENT, count - done)],
      );
    }
    await client.query('VACUUM ANALYZE evidence');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}
