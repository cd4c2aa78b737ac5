-- Escalation of statements not signed off by both banks in time (RECONCILIATION_ESCALATE_AFTER_HOURS).
ALTER TABLE "reconciliation_statement" ADD COLUMN "escalated_at" TIMESTAMPTZ(3);
