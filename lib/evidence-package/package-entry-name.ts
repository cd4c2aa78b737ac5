// File names inside an evidence package: an item's original keeps its own name (Chinese included,
// stored with the ZIP UTF-8 flag), made safe to unpack anywhere and unique with its position.

/** Control characters, bidirectional overrides and isolates, and characters Windows refuses. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/gu;
const MAX_NAME_CODE_POINTS = 120;

/** `originals/007-借款合同.pdf`: numbered by position in the case (1-based, zero-padded). */
export function originalEntryName(position: number, total: number, fileName: string): string {
  const width = Math.max(3, String(total).length);
  return `originals/${String(position).padStart(width, '0')}-${safeFileName(fileName)}`;
}

export function safeFileName(fileName: string): string {
  let name = fileName.normalize('NFC').replace(UNSAFE, '_').trim();
  // No hidden files, no "." or "..", no trailing dots or spaces (Windows drops them).
  name = name.replace(/^\.+/, '_').replace(/[. ]+$/, '');
  const codePoints = [...name];
  if (codePoints.length > MAX_NAME_CODE_POINTS) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = codePoints.slice(0, MAX_NAME_CODE_POINTS - [...extension].length).join('') + extension;
  }
  return name === '' ? 'file' : name;
}
