// Tells a database that is down or unreachable apart from every other database error, in each form
// it reaches us: pg's own errors (a socket error, a server error code, a connection it ended), a
// pg.Pool's, and the same wrapped by Prisma's driver adapter (meta.driverAdapterError, whose cause
// is a plain object with a `kind`). Such a request was not completed and may simply be retried.

/** Server error codes: connection exceptions (class 08), shutdowns (57P01-57P03), too many connections. */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** Prisma's codes for an unreachable server, a lost connection and an exhausted pool. */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
/** The driver adapter's names for the same (the cause of a DriverAdapterError). */
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** pg's messages for a connection it gave up, which carry no code. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  "Can't reach database server",
  'Server has closed the connection',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    const topLevel = current === error;
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, kind, message, cause, meta, errors } = current as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
      errors?: unknown;
    };
    if (typeof code === 'string') {
      if (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_PRISMA_CODES.has(code)) return true;
      // pg throws socket errors as they are; a socket error found deeper is some other connection's
      // (fetch's TypeError has its socket error as the cause: the chain node, not the database).
      if (topLevel && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    }
    if (typeof kind === 'string') {
      if (UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
      // An error the adapter did not name keeps its SQLSTATE in `code` (checked above).
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text))) return true;
    pending.push(cause, meta?.driverAdapterError);
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return false;
}
