// Headers for every file download. Content-Disposition carries an ASCII fallback for old clients and
// the exact UTF-8 name in filename* (RFC 6266, RFC 8187), with control and bidirectional formatting
// characters replaced, so `invoice\u202Egpj.exe` cannot show as `invoiceexe.jpg`. The body is never
// sniffed into another type (nosniff) and, if a browser renders it anyway, runs in a sandbox with
// nothing allowed (CSP), so an uploaded HTML or SVG original cannot script Evident's origin.

/** C0/C1 controls, and the bidirectional marks, embeddings, overrides and isolates of Unicode. */
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function safeDownloadName(fileName: string): string {
  const cleaned = fileName.replace(UNSAFE_IN_NAMES, '_').trim();
  return cleaned === '' ? 'download' : cleaned;
}

export function attachmentDisposition(fileName: string): string {
  const name = safeDownloadName(fileName);
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The headers of a file download: type, attachment name, no sniffing, no script, not cached. */
export function downloadHeaders({
  fileName,
  contentType,
  contentLength,
}: {
  fileName: string;
  contentType: string;
  contentLength?: number;
}): Record<string, string> {
  return {
    'content-type': contentType,
    'content-disposition': attachmentDisposition(fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': 'private, no-store',
    ...(contentLength === undefined ? {} : { 'content-length': String(contentLength) }),
  };
}

/** Originals a browser can show safely by itself: PDF (its own viewer) and raster images. Never HTML,
 * SVG or anything that can carry script; those are only ever downloaded. */
export const PREVIEWABLE_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export function isPreviewable(mediaType: string): boolean {
  return (PREVIEWABLE_MEDIA_TYPES as readonly string[]).includes(mediaType.toLowerCase());
}

/** The headers of an original shown inline (a case page's preview): only for a previewable type,
 * still never sniffed. A PDF cannot carry the sandbox CSP (Chromium refuses to open a sandboxed
 * PDF), so it gets a CSP without script sources instead; an image keeps the sandbox. */
export function previewHeaders({ fileName, contentType, contentLength }: { fileName: string; contentType: string; contentLength?: number }): Record<string, string> {
  const headers = downloadHeaders({ fileName, contentType, contentLength });
  headers['content-disposition'] = headers['content-disposition']!.replace(/^attachment/, 'inline');
  if (contentType.toLowerCase() === 'application/pdf') headers['content-security-policy'] = "default-src 'none'; frame-ancestors 'self'";
  return headers;
}
