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

/** A sign-in return path is only ever a path on this site. */
export function safeReturnPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
