// Logs that the database is unavailable once per interval, with how often it was met since, instead
// of a stack trace for every request that failed on it (1,920 of them in 75 s when PostgreSQL was
// killed under load). The state is the process's (lib/process-state.ts): Next.js may bundle this
// module more than once, and the web server's own ingest path imports another copy.
import { processSingleton } from '../process-state';
import { describeDatabaseError } from './describe-database-error';

export const DATABASE_UNAVAILABLE_LOG_INTERVAL_MS = 10_000;

interface LogState {
  lastLoggedAt: number;
  unreported: number;
}

export function reportDatabaseUnavailable(
  error: unknown,
  { log = (line: string) => console.error(line), now = Date.now() }: { log?: (line: string) => void; now?: number } = {},
): void {
  const state = processSingleton<LogState>('database-unavailable-log', () => ({ lastLoggedAt: -Infinity, unreported: 0 }));
  state.unreported++;
  if (now - state.lastLoggedAt < DATABASE_UNAVAILABLE_LOG_INTERVAL_MS) return;
  const seconds = Math.round(DATABASE_UNAVAILABLE_LOG_INTERVAL_MS / 1000);
  const count = state.unreported === 1 ? '' : ` (${state.unreported} times since the last report; next report in ${seconds} s at most)`;
  log(`[evident] database unavailable (requests get 503 until it is back): ${describeDatabaseError(error)}${count}`);
  state.lastLoggedAt = now;
  state.unreported = 0;
}
