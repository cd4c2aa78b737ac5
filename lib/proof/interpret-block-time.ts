// block.timestamp is seconds on Ethereum-style chains, but FISCO BCOS before 3.12 reports milliseconds.
// A value above 1e12 cannot be seconds (that is the year 33658) and is at least September 2001 as
// milliseconds, so the magnitude tells the unit apart for any realistic anchor time.

export const MILLISECONDS_THRESHOLD = 1_000_000_000_000n;

export interface InterpretedBlockTime {
  unit: 'seconds' | 'milliseconds';
  /** ISO-8601 UTC, or null when the value lies outside what a Date can represent. */
  iso: string | null;
}

export function interpretBlockTime(blockTime: bigint): InterpretedBlockTime {
  const unit = blockTime > MILLISECONDS_THRESHOLD ? 'milliseconds' : 'seconds';
  const milliseconds = unit === 'milliseconds' ? blockTime : blockTime * 1000n;
  const date = new Date(Number(milliseconds));
  return { unit, iso: Number.isNaN(date.getTime()) ? null : date.toISOString() };
}
