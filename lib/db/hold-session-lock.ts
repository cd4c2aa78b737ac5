// A PostgreSQL session-level advisory lock on a dedicated connection. It is held across many
// transactions and released by PostgreSQL the moment the holder's connection drops, so a worker
// killed with kill -9 never leaves the lock behind.
import pg from 'pg';

export interface SessionLock {
  held(): boolean;
  release(): Promise<void>;
}

/** Returns null when another session holds the lock. */
export async function tryHoldSessionLock({ databaseUrl, key }: { databaseUrl: string; key: number }): Promise<SessionLock | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  let alive = true;
  client.on('error', () => {
    alive = false;
  });
  client.on('end', () => {
    alive = false;
  });
  await client.connect();
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key]);
  if (!rows[0].locked) {
    await client.end();
    return null;
  }
  return {
    held: () => alive,
    async release() {
      if (!alive) return;
      alive = false;
      await client.end().catch(() => undefined);
    },
  };
}
