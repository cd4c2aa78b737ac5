-- The outbox of a day's three ReconciliationAnchor transactions (docs/reconciliation-format.md §11.4):
-- each signed transaction stored with its nonce before it is sent, re-sent as is until mined.
CREATE TYPE "reconciliation_anchor_kind" AS ENUM ('side_a', 'side_b', 'statement');
CREATE TYPE "reconciliation_anchor_status" AS ENUM ('signed', 'broadcast', 'included', 'reverted');

CREATE TABLE "reconciliation_anchor_transaction" (
    "chain_id" BIGINT NOT NULL,
    "contract_address" TEXT NOT NULL,
    "pair_id" UUID NOT NULL,
    "business_date" TEXT NOT NULL,
    "kind" "reconciliation_anchor_kind" NOT NULL,
    "submitter" TEXT NOT NULL,
    "nonce" BIGINT NOT NULL,
    "raw_tx" TEXT NOT NULL,
    "tx_hash" TEXT NOT NULL,
    "status" "reconciliation_anchor_status" NOT NULL DEFAULT 'signed',
    "block_number" BIGINT,
    "block_time" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "retry_at" TIMESTAMPTZ(3),
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconciliation_anchor_transaction_pkey" PRIMARY KEY ("chain_id","contract_address","pair_id","business_date","kind")
);

CREATE UNIQUE INDEX "reconciliation_anchor_transaction_chain_id_submitter_nonce_key" ON "reconciliation_anchor_transaction"("chain_id", "submitter", "nonce");
CREATE INDEX "reconciliation_anchor_transaction_pair_id_business_date_idx" ON "reconciliation_anchor_transaction"("pair_id", "business_date");
