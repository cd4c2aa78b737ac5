// The shapes of case input and of a stored verification report, as zod schemas shared by the
// service, the lender's form and the report downloads.
import { z } from 'zod';
import { borrowerIdentitySchema } from '../borrowers/borrower-identity';
import { NO_NUL } from '../evidence/evidence-schemas';
import { ALL_CHECK_IDS, CHECK_CODES } from '../proof/verification-report';

export const MAX_EVIDENCE_PER_CASE = 500;

/** What a lender gives to file a case. The borrower is one the lender's evidence names (borrowerId),
 * or named afresh by identity; either way every evidence item must name that same borrower. */
export const fileCaseInputSchema = z
  .object({
    commissionOrganizationId: z.uuid('choose an arbitration commission'),
    borrowerId: z.uuid('choose a borrower').optional(),
    borrower: borrowerIdentitySchema.optional(),
    title: z.string().trim().min(1, 'a title is required').max(200, 'at most 200 characters').refine(...NO_NUL),
    claimSummary: z.string().trim().max(5000, 'at most 5000 characters').refine(...NO_NUL).optional(),
    evidenceIds: z
      .array(z.uuid('not an evidence id'))
      .min(1, 'choose at least one evidence item')
      .max(MAX_EVIDENCE_PER_CASE, `at most ${MAX_EVIDENCE_PER_CASE} evidence items`),
  })
  .refine((input) => Boolean(input.borrowerId) !== Boolean(input.borrower), {
    message: 'choose one borrower',
    path: ['borrowerId'],
  });

export type FileCaseInput = z.infer<typeof fileCaseInputSchema>;

const checkSchema = z.object({
  id: z.enum(ALL_CHECK_IDS),
  status: z.enum(['pass', 'fail', 'skipped']),
  message: z.string(),
  /** For the portals' translated sentence; reports stored before codes existed have none. */
  code: z.enum(CHECK_CODES).optional(),
  params: z.record(z.string(), z.string()).optional(),
});

/** Why an item could not even be checked against the chain (no certificate could be issued). */
export const ITEM_FAILURE_REASONS = ['not-anchored', 'certificate-unavailable', 'stored-file-missing'] as const;

/** One evidence item's outcome in a VerificationReport.results array. */
export const itemVerificationSchema = z.object({
  evidenceId: z.string(),
  fileName: z.string(),
  title: z.string().nullable(),
  sha256: z.string(),
  passed: z.boolean(),
  /** Set when the item failed before or beside the certificate checks. */
  reason: z.enum(ITEM_FAILURE_REASONS).nullable(),
  message: z.string(),
  certificateSerial: z.string().nullable(),
  /** Whether the stored original was re-hashed (false for hash-only evidence). */
  storedFileChecked: z.boolean(),
  checks: z.array(checkSchema),
});

export type ItemVerification = z.infer<typeof itemVerificationSchema>;

export const verificationResultsSchema = z.array(itemVerificationSchema);

/** One reconciliation certificate's outcome in a VerificationReport.reconciliationResults array:
 * the certificate checked as the CLI checks it, and each attested side compared with the side the
 * ReconciliationAnchor holds on chain for that pair, day and bank. */
export const reconciliationVerificationSchema = z.object({
  serial: z.string(),
  businessDate: z.string(),
  class: z.string(),
  pairName: z.string(),
  /** SHA-256 of the certificate file as stored. */
  sha256: z.string(),
  passed: z.boolean(),
  message: z.string(),
  checks: z.array(checkSchema),
  /** Each attested side against the chain: pass when root, row count and receipt hash are the anchored ones. */
  chain: z.array(z.object({ bank: z.enum(['A', 'B']), status: z.enum(['pass', 'fail']), message: z.string() })),
});

export type ReconciliationVerification = z.infer<typeof reconciliationVerificationSchema>;

export const reconciliationResultsSchema = z.array(reconciliationVerificationSchema);
