// A one-line reason for an ethers failure, for error messages: ethers' full messages embed the
// whole request (calldata, transaction) and are too long to show anyone.
export function describeError(error: unknown): string {
  const shortMessage = (error as { shortMessage?: unknown } | null)?.shortMessage;
  if (typeof shortMessage === 'string') return shortMessage;
  return error instanceof Error ? error.message : String(error);
}
