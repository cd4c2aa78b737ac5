-- The banks' sign-off of a day's statement and Evident's countersignature (docs/reconciliation-format.md §11.2).
ALTER TABLE "organization" ADD COLUMN "sign_off_address" TEXT;
ALTER TABLE "chain_deployment" ADD COLUMN "reconciliation_anchor_address" TEXT;

ALTER TYPE "reconciliation_statement_status" ADD VALUE 'agreed';
ALTER TYPE "reconciliation_statement_status" ADD VALUE 'disputed';

CREATE TYPE "reconciliation_sign_off_party" AS ENUM ('A', 'B', 'evident');
CREATE TYPE "reconciliation_decision" AS ENUM ('agreed', 'disputed');

CREATE TABLE "reconciliation_sign_off" (
    "statement_id" UUID NOT NULL,
    "party" "reconciliation_sign_off_party" NOT NULL,
    "decision" "reconciliation_decision" NOT NULL,
    "objections" TEXT,
    "objections_hash" BYTEA NOT NULL,
    "signer" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "chain_id" BIGINT NOT NULL,
    "contract_address" TEXT NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signed_by" TEXT NOT NULL,

    CONSTRAINT "reconciliation_sign_off_pkey" PRIMARY KEY ("statement_id","party")
);

ALTER TABLE "reconciliation_sign_off" ADD CONSTRAINT "reconciliation_sign_off_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "reconciliation_statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
