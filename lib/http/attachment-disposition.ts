// Content-Disposition for a download whose name may be Chinese: an ASCII fallback for old clients
// and the exact UTF-8 name in filename* (RFC 6266, RFC 8187).
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
