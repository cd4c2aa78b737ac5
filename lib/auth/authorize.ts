// The single authorization gate. Every route handler, server action, page and download asks here:
// authorize() answers "may this viewer do this kind of thing at all" (401 when nobody is signed in,
// 403 for the wrong role), and the *VisibleTo() scopes are the Prisma filters every query about
// evidence, cases and reports must include, so another tenant's rows are simply not found (404) and
// a write aimed at them matches nothing.
import type { Prisma } from '../db/generated/client';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { ApiKeyViewer, BorrowerViewer, StaffViewer, Viewer } from './viewer';

export type Action =
  /** Submit evidence (portal upload or API). */
  | 'evidence.submit'
  /** List and open evidence, download certificates and receipts (scoped by evidenceVisibleTo). */
  | 'evidence.read'
  /** Fetch an original file (scoped by evidenceVisibleTo). */
  | 'evidence.download_original'
  /** Page through what one's own organization submitted, and the batches sealing it (the API's
   * GET /evidence and GET /batches/{id}; scoped to the viewer's organization). */
  | 'evidence.list_submitted'
  | 'case.file'
  /** List and open cases (scoped by casesVisibleTo). */
  | 'case.read'
  /** Move a case through review, run Verify all (the commission the case was filed to). */
  | 'case.review'
  /** Download a case's evidence package (the filing lender, by session or API key, and the
   * commission; scoped by casePackagesVisibleTo). */
  | 'case.package'
  | 'audit.read'
  | 'api_key.manage'
  /** Upload a bank's statement for a day of a co-lending pair it is in (scoped by
   * reconciliationPairsVisibleTo; the bank's side follows from its organization). */
  | 'reconciliation.submit'
  /** Read a pair's days, receipts, statements and breaks: the pair's two banks only. */
  | 'reconciliation.read'
  /** Every pair's days as the regulator oversees them: times, roots, counts, match rate; no row. */
  | 'reconciliation.oversee'
  /** Set the portfolio rule thresholds, and request that a bank disclose a record: the regulator only. */
  | 'reconciliation.regulate'
  /** Disclose or decline a record the regulator asked for: a bank of the pair, from the portal. */
  | 'reconciliation.answer_disclosure';

type Allowed = StaffViewer | BorrowerViewer | ApiKeyViewer;

/** What a viewer is known to be once authorize() let them do the action. */
export type ViewerFor<A extends Action> = A extends
  | 'case.file'
  | 'case.review'
  | 'audit.read'
  | 'api_key.manage'
  | 'reconciliation.oversee'
  | 'reconciliation.regulate'
  | 'reconciliation.answer_disclosure'
  ? StaffViewer
  : A extends 'evidence.submit' | 'evidence.download_original' | 'evidence.list_submitted' | 'case.package' | 'reconciliation.submit' | 'reconciliation.read'
    ? StaffViewer | ApiKeyViewer
    : Allowed;

const RULES: Record<Action, (viewer: Allowed) => boolean> = {
  'evidence.submit': (v) => isLender(v),
  'evidence.read': (v) => isLender(v) || isCommission(v) || v.kind === 'borrower',
  'evidence.download_original': (v) => isLender(v) || isCommission(v),
  'evidence.list_submitted': (v) => isLender(v),
  'case.file': (v) => v.kind === 'staff' && isLender(v),
  'case.read': (v) => v.kind !== 'api-key' && (isLender(v) || isCommission(v) || v.kind === 'borrower'),
  'case.review': (v) => v.kind === 'staff' && isCommission(v),
  'case.package': (v) => isLender(v) || isCommission(v),
  'audit.read': (v) => v.kind === 'staff' && (v.organizationType === 'regulator' || v.organizationType === 'operator'),
  'api_key.manage': (v) => v.kind === 'staff' && isLender(v) && v.role === 'admin',
  'reconciliation.submit': (v) => isLender(v),
  'reconciliation.read': (v) => isLender(v),
  'reconciliation.oversee': (v) => v.kind === 'staff' && (v.organizationType === 'regulator' || v.organizationType === 'operator'),
  'reconciliation.regulate': (v) => v.kind === 'staff' && v.organizationType === 'regulator',
  'reconciliation.answer_disclosure': (v) => v.kind === 'staff' && isLender(v),
};

const FORBIDDEN_MESSAGES: Record<Action, string> = {
  'evidence.submit': 'Only lenders submit evidence.',
  'evidence.read': 'Your organization does not hold evidence.',
  'evidence.download_original': 'Original files are available to the submitting lender and the arbitration commission.',
  'evidence.list_submitted': 'Only a lender lists the evidence it submitted.',
  'case.file': 'Only lender staff file arbitration cases.',
  'case.read': 'Your organization has no arbitration cases.',
  'case.review': 'Only the arbitration commission reviews cases.',
  'case.package': 'The evidence package is for the filing lender and the arbitration commission.',
  'audit.read': 'The audit log is open to the regulator and the operator.',
  'api_key.manage': 'Only a lender’s administrators manage its API keys.',
  'reconciliation.submit': 'Only the banks of a co-lending pair upload its statements.',
  'reconciliation.read': 'Reconciliation days are open to the two banks of their pair.',
  'reconciliation.oversee': 'The reconciliation oversight view is open to the regulator and the operator.',
  'reconciliation.regulate': 'Only the regulator sets portfolio rule thresholds and requests disclosures.',
  'reconciliation.answer_disclosure': 'Only the bank a disclosure request is addressed to answers it.',
};

export function authorize<A extends Action>(viewer: Viewer, action: A): asserts viewer is ViewerFor<A> {
  if (viewer.kind === 'anonymous') throw new UnauthorizedError('Sign in first.');
  if (!RULES[action](viewer)) throw new ForbiddenError(FORBIDDEN_MESSAGES[action]);
}

/** For services that act on "my organization's" rows (its API keys, what it submitted): authorizes
 * the action and returns the viewer's own organization, the only one such a service may touch. */
export function ownOrganizationFor(viewer: Viewer, action: 'api_key.manage' | 'evidence.list_submitted'): string {
  authorize(viewer, action);
  return viewer.organizationId;
}

/** Whether authorize() would pass; for showing or hiding navigation, never instead of authorize(). */
export function can(viewer: Viewer, action: Action): boolean {
  return viewer.kind !== 'anonymous' && RULES[action](viewer);
}

function isLender(v: Allowed): v is (StaffViewer | ApiKeyViewer) {
  return v.kind !== 'borrower' && v.organizationType === 'lender';
}

function isCommission(v: Allowed): v is StaffViewer {
  return v.kind === 'staff' && v.organizationType === 'arbitration_commission';
}

/** Matches nothing: for viewers that may see none of a kind of row. */
const NOTHING = { id: { in: [] as string[] } };

/** Evidence a viewer may see: its lender's own; a borrower's when it names them; a commission's
 * when it is in a case filed to that commission. */
export function evidenceVisibleTo(viewer: Viewer): Prisma.EvidenceWhereInput {
  if (viewer.kind === 'anonymous') return NOTHING;
  if (viewer.kind === 'borrower') return { borrowerId: viewer.borrowerId };
  if (viewer.organizationType === 'lender') return { organizationId: viewer.organizationId };
  if (viewer.kind === 'staff' && viewer.organizationType === 'arbitration_commission') {
    return { caseLinks: { some: { case: { commissionOrganizationId: viewer.organizationId } } } };
  }
  return NOTHING;
}

/** Co-lending pairs a viewer may see and upload to: those its organization is bank A or B of. */
export function reconciliationPairsVisibleTo(viewer: Viewer): Prisma.ReconciliationPairWhereInput {
  if (viewer.kind === 'anonymous' || viewer.kind === 'borrower' || viewer.organizationType !== 'lender') return NOTHING;
  return { OR: [{ lenderAId: viewer.organizationId }, { lenderBId: viewer.organizationId }] };
}

/** Cases a viewer may see: the filing lender's, the receiving commission's, the named borrower's. */
export function casesVisibleTo(viewer: Viewer): Prisma.ArbitrationCaseWhereInput {
  if (viewer.kind === 'anonymous' || viewer.kind === 'api-key') return NOTHING;
  if (viewer.kind === 'borrower') return { borrowerId: viewer.borrowerId };
  if (viewer.organizationType === 'lender') return { lenderOrganizationId: viewer.organizationId };
  if (viewer.organizationType === 'arbitration_commission') return { commissionOrganizationId: viewer.organizationId };
  return NOTHING;
}

/** Cases whose evidence package a viewer may download: the filing lender's (its staff and its API
 * keys) and the receiving commission's. */
export function casePackagesVisibleTo(viewer: Viewer): Prisma.ArbitrationCaseWhereInput {
  if (viewer.kind === 'anonymous' || viewer.kind === 'borrower') return NOTHING;
  if (viewer.organizationType === 'lender') return { lenderOrganizationId: viewer.organizationId };
  if (viewer.kind === 'staff' && viewer.organizationType === 'arbitration_commission') return { commissionOrganizationId: viewer.organizationId };
  return NOTHING;
}
