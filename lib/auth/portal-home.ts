// Where each kind of user lands after signing in.
import type { Viewer } from './viewer';

export function portalHomeOf(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'anonymous':
      return '/sign-in';
    case 'borrower':
      return '/borrower';
    case 'api-key':
      return '/';
    case 'staff':
      switch (viewer.organizationType) {
        case 'lender':
          return '/lender';
        case 'arbitration_commission':
          return '/arbitration';
        case 'regulator':
        case 'operator':
          return '/audit';
      }
  }
}

const RETURN_BASE = 'http://evident.invalid';

/**
 * A sign-in return path is only ever a path on this site. Browsers strip tab, newline and carriage
 * return from URLs and read `\` as `/`, so `/%09/evil.example/` or `/\evil.example` would leave the
 * site: `next` is parsed with the URL parser browsers use and its origin compared, which closes the
 * whole class instead of listing bad prefixes. Returns the normalised path, query and fragment.
 */
export function safeReturnPath(next: string | null | undefined): string | null {
  if (typeof next !== 'string' || !next.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(next, RETURN_BASE);
  } catch {
    return null;
  }
  if (url.origin !== RETURN_BASE) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
