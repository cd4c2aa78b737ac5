-- Per-lender anchoring. A lender organization may anchor its evidence with its own consortium member
-- key instead of the operator's; each batch therefore holds the evidence of one organization.

-- The member address whose key anchors this organization's batches; null: the operator's key.
ALTER TABLE "organization" ADD COLUMN "anchor_member_address" TEXT;
ALTER TABLE "organization" ADD CONSTRAINT "organization_anchor_member_address_check"
  CHECK ("anchor_member_address" ~ '^0x[0-9a-f]{40}$');

-- The organization whose evidence the batch holds (null: evidence submitted without one).
ALTER TABLE "batch" ADD COLUMN "organization_id" UUID;
-- Batches sealed before this migration hold every organization's evidence in their range.
ALTER TABLE "batch" ADD COLUMN "spans_organizations" BOOLEAN NOT NULL DEFAULT false;
UPDATE "batch" SET "spans_organizations" = true;

ALTER TABLE "batch" ADD CONSTRAINT "batch_organization_id_fkey"
  FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "batch_organization_id_last_sequence_idx" ON "batch"("organization_id", "last_sequence");
