/** Block time as the chain reports it; FISCO BCOS before 3.12 reports milliseconds, not seconds. */
export function formatBlockTime(blockTime: string): string {
  const value = Number(blockTime);
  const ms = value > 1e12 ? value : value * 1000;
  return `${new Date(ms).toISOString().replace('T', ' ').replace('.000Z', ' UTC')} (${blockTime})`;
}
