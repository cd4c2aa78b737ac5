-- Audit entries written in the same transaction as the change they record, before they are chained
-- into audit_entry (lib/audit/append-audit-entry.ts: enqueueAuditEntries, flushAuditOutbox). Evidence
-- ingest writes here instead of taking the audit lock, so that an acknowledged item always has its
-- entry, even when the process dies between the commit and the append.
CREATE TABLE "audit_outbox" (
    "id" BIGSERIAL NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" UUID,
    "actor_label" TEXT NOT NULL,
    "organization_id" UUID,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "ip_address" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_outbox_pkey" PRIMARY KEY ("id")
);
