// A database error as one line for a log or the health report.

/** One line naming what went wrong. Prisma's messages start with an empty line and the call site,
 * and end with the driver's reason, so the last non-empty line is the one that says it. */
export function describeDatabaseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const reason = lines.at(-1) ?? (error as { code?: string })?.code ?? (error instanceof Error ? error.name : 'unknown error');
  return reason.length > 300 ? `${reason.slice(0, 297)}...` : reason;
}
