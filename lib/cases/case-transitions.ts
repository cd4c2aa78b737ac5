// The one path a case takes: filed → under review → verified → closed, never back and never skipping.
import type { CaseStatus } from '../db/generated/client';

export const NEXT_CASE_STATUS: Record<CaseStatus, CaseStatus | null> = {
  filed: 'under_review',
  under_review: 'verified',
  verified: 'closed',
  closed: null,
};
