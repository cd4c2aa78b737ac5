// CSV as spreadsheets read it: RFC 4180 lines with CRLF ends, shared by the audit and evidence exports.

export function csvLine(fields: string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/**
 * RFC 4180 quoting, and a leading apostrophe for text a spreadsheet would run as a formula
 * (OWASP "CSV injection"): actor labels, titles and file names are typed by people.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The byte order mark that makes Excel read the file as UTF-8 (Chinese names included). */
export const CSV_BOM = '\uFEFF';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** YYYY-MM-DD HH:mm:ss.SSS in Asia/Shanghai (UTC+8 all year). */
export function shanghaiTime(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().replace('T', ' ').replace('Z', '');
}
