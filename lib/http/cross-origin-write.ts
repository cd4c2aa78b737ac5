// A write to a page (a server action: a POST to the page's URL) sent from another origin. Next.js
// refuses those too, but answers 500 ("Invalid Server Actions request.", and a 500 for an Origin it
// cannot parse), so proxy.ts refuses them first with the routes' 403. The comparison is Next.js's
// own (next/dist/server/app-render/action-handler.js): the Origin's host against the first
// X-Forwarded-Host, else the Host; no Origin at all is let through, as Next.js does, because only a
// hand-made request leaves it out, and that one carries no cookie its sender did not have already.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isCrossOriginWrite(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get('origin');
  if (origin === null) return false;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  return !host || originHost(origin) !== host;
}

/** 'null' for an opaque origin (a sandboxed frame, a file), and null for one that is not a URL. */
function originHost(origin: string): string | null {
  if (origin === 'null') return 'null';
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
