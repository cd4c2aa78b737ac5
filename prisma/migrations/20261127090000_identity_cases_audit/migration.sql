-- Identity (better-auth users, sessions, accounts), borrowers, arbitration cases, verification
-- reports and the hash-chained audit log.

-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('admin', 'member');

-- CreateEnum
CREATE TYPE "case_status" AS ENUM ('filed', 'under_review', 'verified', 'closed');

-- AlterTable
ALTER TABLE "evidence" ADD COLUMN     "title" TEXT,
ADD COLUMN     "borrower_id" UUID,
ADD COLUMN     "submitted_by_user_id" UUID;

-- AlterTable
ALTER TABLE "batch" ADD COLUMN     "audit_sequence" BIGINT,
ADD COLUMN     "audit_head" BYTEA;

-- CreateTable
CREATE TABLE "borrower" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "id_number_hash" BYTEA,
    "phone" TEXT,
    "email" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "borrower_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "organization_id" UUID,
    "role" "user_role",
    "borrower_id" UUID,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "user_id" UUID NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "access_token" TEXT,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "scope" TEXT,
    "password" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "last_request" BIGINT NOT NULL,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "arbitration_case" (
    "id" UUID NOT NULL,
    "case_number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "claim_summary" TEXT,
    "lender_organization_id" UUID NOT NULL,
    "commission_organization_id" UUID NOT NULL,
    "borrower_id" UUID NOT NULL,
    "status" "case_status" NOT NULL DEFAULT 'filed',
    "filed_by_user_id" UUID NOT NULL,
    "filed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "arbitration_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_evidence" (
    "case_id" UUID NOT NULL,
    "evidence_id" UUID NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_evidence_pkey" PRIMARY KEY ("case_id","evidence_id")
);

-- CreateTable
CREATE TABLE "verification_report" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "verified_by_user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passed" BOOLEAN NOT NULL,
    "item_count" INTEGER NOT NULL,
    "failed_count" INTEGER NOT NULL,
    "results" JSONB NOT NULL,

    CONSTRAINT "verification_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "sequence" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "actor_user_id" UUID,
    "actor_label" TEXT NOT NULL,
    "organization_id" UUID,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "ip_address" TEXT,
    "details" JSONB,
    "previous_hash" BYTEA NOT NULL,
    "entry_hash" BYTEA NOT NULL,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE INDEX "evidence_borrower_id_sequence_idx" ON "evidence"("borrower_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "borrower_id_number_hash_key" ON "borrower"("id_number_hash");

-- CreateIndex
CREATE UNIQUE INDEX "borrower_phone_key" ON "borrower"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "borrower_email_key" ON "borrower"("email");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_borrower_id_key" ON "app_user"("borrower_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "account_user_id_idx" ON "account"("user_id");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "rate_limit_key_key" ON "rate_limit"("key");

-- CreateIndex
CREATE UNIQUE INDEX "arbitration_case_case_number_key" ON "arbitration_case"("case_number");

-- CreateIndex
CREATE INDEX "arbitration_case_commission_organization_id_filed_at_idx" ON "arbitration_case"("commission_organization_id", "filed_at");

-- CreateIndex
CREATE INDEX "arbitration_case_lender_organization_id_filed_at_idx" ON "arbitration_case"("lender_organization_id", "filed_at");

-- CreateIndex
CREATE INDEX "arbitration_case_borrower_id_idx" ON "arbitration_case"("borrower_id");

-- CreateIndex
CREATE INDEX "case_evidence_evidence_id_idx" ON "case_evidence"("evidence_id");

-- CreateIndex
CREATE INDEX "verification_report_case_id_created_at_idx" ON "verification_report"("case_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entry_entry_hash_key" ON "audit_entry"("entry_hash");

-- CreateIndex
CREATE INDEX "audit_entry_occurred_at_idx" ON "audit_entry"("occurred_at");

-- CreateIndex
CREATE INDEX "audit_entry_organization_id_sequence_idx" ON "audit_entry"("organization_id", "sequence");

-- CreateIndex
CREATE INDEX "audit_entry_action_sequence_idx" ON "audit_entry"("action", "sequence");

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_borrower_id_fkey" FOREIGN KEY ("borrower_id") REFERENCES "borrower"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_borrower_id_fkey" FOREIGN KEY ("borrower_id") REFERENCES "borrower"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "arbitration_case" ADD CONSTRAINT "arbitration_case_lender_organization_id_fkey" FOREIGN KEY ("lender_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "arbitration_case" ADD CONSTRAINT "arbitration_case_commission_organization_id_fkey" FOREIGN KEY ("commission_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "arbitration_case" ADD CONSTRAINT "arbitration_case_borrower_id_fkey" FOREIGN KEY ("borrower_id") REFERENCES "borrower"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "arbitration_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_report" ADD CONSTRAINT "verification_report_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "arbitration_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit log is append-only for the application: updates and deletes are refused by the
-- database itself. (A database superuser can still drop the trigger; the hash chain, anchored with
-- every batch, is what detects such an edit.)
CREATE FUNCTION "audit_entry_is_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_entry_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "audit_entry"
  FOR EACH ROW EXECUTE FUNCTION "audit_entry_is_append_only"();
