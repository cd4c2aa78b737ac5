-- The regulator's portfolio rule checks with their thresholds, and disclosure requests (docs/reconciliation-format.md §13.1–§13.2).
CREATE TABLE "reconciliation_rule_thresholds" (
    "scope" TEXT NOT NULL,
    "min_share_a_bp" INTEGER,
    "min_share_b_bp" INTEGER,
    "max_loan_total_fen" BIGINT,
    "max_day_disbursed_fen" BIGINT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "reconciliation_rule_thresholds_pkey" PRIMARY KEY ("scope")
);

CREATE TABLE "reconciliation_rule_threshold_change" (
    "id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "previous" JSONB,
    "next" JSONB NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "changed_by" TEXT NOT NULL,

    CONSTRAINT "reconciliation_rule_threshold_change_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "reconciliation_rule_threshold_change_scope_changed_at_idx" ON "reconciliation_rule_threshold_change"("scope", "changed_at");

CREATE TABLE "reconciliation_rule_check" (
    "side_id" UUID NOT NULL,
    "pair_id" UUID NOT NULL,
    "business_date" TEXT NOT NULL,
    "bank" "reconciliation_bank" NOT NULL,
    "thresholds" JSONB NOT NULL,
    "rows_checked" INTEGER NOT NULL,
    "disbursements_checked" INTEGER NOT NULL,
    "disbursed_fen" BIGINT NOT NULL,
    "violations" JSONB NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reconciliation_rule_check_pkey" PRIMARY KEY ("side_id")
);

CREATE INDEX "reconciliation_rule_check_pair_id_business_date_idx" ON "reconciliation_rule_check"("pair_id", "business_date");

CREATE TABLE "reconciliation_rule_violation" (
    "side_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "leaf_index" INTEGER NOT NULL,
    "key" BYTEA NOT NULL,

    CONSTRAINT "reconciliation_rule_violation_pkey" PRIMARY KEY ("side_id","rule","leaf_index")
);

ALTER TABLE "reconciliation_rule_violation" ADD CONSTRAINT "reconciliation_rule_violation_side_id_fkey" FOREIGN KEY ("side_id") REFERENCES "reconciliation_rule_check"("side_id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TYPE "reconciliation_disclosure_status" AS ENUM ('requested', 'disclosed', 'declined');

CREATE TABLE "reconciliation_disclosure_request" (
    "id" UUID NOT NULL,
    "pair_id" UUID NOT NULL,
    "business_date" TEXT NOT NULL,
    "bank" "reconciliation_bank" NOT NULL,
    "key" BYTEA NOT NULL,
    "leaf_index" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_by_organization_id" UUID NOT NULL,
    "status" "reconciliation_disclosure_status" NOT NULL DEFAULT 'requested',
    "answered_at" TIMESTAMPTZ(3),
    "answered_by" TEXT,
    "decline_reason" TEXT,
    "disclosure" JSONB,

    CONSTRAINT "reconciliation_disclosure_request_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "reconciliation_disclosure_request_pair_id_bank_status_idx" ON "reconciliation_disclosure_request"("pair_id", "bank", "status");
CREATE INDEX "reconciliation_disclosure_request_requester_idx" ON "reconciliation_disclosure_request"("requested_by_organization_id", "requested_at");
