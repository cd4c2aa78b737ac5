// How the PDF documents print certificate values: times in China Standard Time with the offset
// spelt out, block timestamps in seconds or milliseconds, byte sizes, and absent display fields.

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
// FISCO BCOS before 3.12 reports block.timestamp in milliseconds; seconds stay below this until 33658.
const MILLISECOND_TIMESTAMP_FLOOR = 1_000_000_000_000n;

export const ABSENT = '—';

/** `2026-01-01 08:00:05 (UTC+8)`, whatever the machine's time zone. */
export function formatChinaTime(date: Date): string {
  const shifted = new Date(date.getTime() + CHINA_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)} (UTC+8)`;
}

/** The block timestamp as a Date, reading values above 10^12 as milliseconds. */
export function blockTimeToDate(blockTime: string): Date {
  const value = BigInt(blockTime);
  return new Date(Number(value > MILLISECOND_TIMESTAMP_FLOOR ? value : value * 1000n));
}

/** `1,234,567 字节 bytes (1.18 MiB)`; the exact count always comes first. */
export function formatByteSize(size: number): string {
  const exact = `${groupDigits(size)} 字节 bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = size;
  let unit = -1;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return unit < 0 ? exact : `${exact} (${scaled.toFixed(2)} ${units[unit]})`;
}

/** Display text as printed: control characters become spaces, and empty or absent text a dash. */
export function displayText(value: string | undefined): string {
  const text = (value ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
  return text === '' ? ABSENT : text;
}

function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
