-- RFC 3161 timestamps of side receipts and statements (docs/reconciliation-format.md §11.5).
CREATE TYPE "reconciliation_document_kind" AS ENUM ('side_receipt', 'statement');

CREATE TABLE "reconciliation_timestamp" (
    "document_sha256" BYTEA NOT NULL,
    "kind" "reconciliation_document_kind" NOT NULL,
    "pair_id" UUID NOT NULL,
    "business_date" TEXT NOT NULL,
    "token" BYTEA,
    "gen_time" TIMESTAMPTZ(3),
    "tsa_serial" TEXT,
    "policy" TEXT,
    "tsa_chain" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "retry_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconciliation_timestamp_pkey" PRIMARY KEY ("document_sha256")
);

CREATE INDEX "reconciliation_timestamp_pair_id_business_date_idx" ON "reconciliation_timestamp"("pair_id", "business_date");
