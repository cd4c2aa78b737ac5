-- Blind mode (docs/reconciliation-format.md §14): a pair's mode, no pair key for a blind pair, and the
-- banks' openings of the fields of a blind day's field-mismatch breaks.
CREATE TYPE "reconciliation_pair_mode" AS ENUM ('open', 'blind');

ALTER TABLE "reconciliation_pair" ADD COLUMN "mode" "reconciliation_pair_mode" NOT NULL DEFAULT 'open';
ALTER TABLE "reconciliation_pair" ALTER COLUMN "encrypted_pair_key" DROP NOT NULL;

CREATE TABLE "reconciliation_opening" (
    "statement_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "bank" "reconciliation_bank" NOT NULL,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "salt" BYTEA NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_by" TEXT NOT NULL,

    CONSTRAINT "reconciliation_opening_pkey" PRIMARY KEY ("statement_id","ordinal","bank","field")
);

ALTER TABLE "reconciliation_opening" ADD CONSTRAINT "reconciliation_opening_statement_id_ordinal_fkey" FOREIGN KEY ("statement_id", "ordinal") REFERENCES "reconciliation_break"("statement_id", "ordinal") ON DELETE CASCADE ON UPDATE CASCADE;
