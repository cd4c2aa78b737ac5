-- Co-lender reconciliation (issue #17): pairs, each bank's committed side per business date with its
-- signed receipt, the day's draft statement and its breaks. Rows of a side stay on disk.

-- CreateEnum
CREATE TYPE "reconciliation_bank" AS ENUM ('A', 'B');

-- CreateEnum
CREATE TYPE "reconciliation_statement_status" AS ENUM ('draft');

-- CreateEnum
CREATE TYPE "reconciliation_break_class" AS ENUM ('only_a', 'only_b', 'field_mismatch', 'within_tolerance');

-- CreateTable
CREATE TABLE "reconciliation_pair" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "lender_a_id" UUID NOT NULL,
    "lender_b_id" UUID NOT NULL,
    "cut_off_time" TEXT NOT NULL,
    "first_business_date" TEXT NOT NULL,
    "tolerance_rules" JSONB NOT NULL,
    "column_map_a" JSONB NOT NULL,
    "column_map_b" JSONB NOT NULL,
    "encrypted_pair_key" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconciliation_pair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconciliation_side" (
    "id" UUID NOT NULL,
    "pair_id" UUID NOT NULL,
    "business_date" TEXT NOT NULL,
    "bank" "reconciliation_bank" NOT NULL,
    "file_sha256" BYTEA NOT NULL,
    "file_size" BIGINT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "root" BYTEA NOT NULL,
    "control_totals" JSONB NOT NULL,
    "directory" TEXT NOT NULL,
    "receipt" TEXT NOT NULL,
    "receipt_sha256" BYTEA NOT NULL,
    "previous_receipt_sha256" BYTEA,
    "committed_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_by" TEXT NOT NULL,

    CONSTRAINT "reconciliation_side_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconciliation_statement" (
    "id" UUID NOT NULL,
    "pair_id" UUID NOT NULL,
    "business_date" TEXT NOT NULL,
    "status" "reconciliation_statement_status" NOT NULL DEFAULT 'draft',
    "canonical_json" TEXT NOT NULL,
    "sha256" BYTEA NOT NULL,
    "signature" TEXT NOT NULL,
    "matched" INTEGER NOT NULL,
    "matched_within_tolerance" INTEGER NOT NULL,
    "only_a" INTEGER NOT NULL,
    "only_b" INTEGER NOT NULL,
    "field_mismatch" INTEGER NOT NULL,
    "control_total_differences" INTEGER NOT NULL,
    "drafted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reconciliation_statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconciliation_break" (
    "statement_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "class" "reconciliation_break_class" NOT NULL,
    "key" BYTEA NOT NULL,
    "index_a" INTEGER,
    "index_b" INTEGER,
    "fields" TEXT[],
    "rule" TEXT,

    CONSTRAINT "reconciliation_break_pkey" PRIMARY KEY ("statement_id","ordinal")
);

-- CreateIndex
CREATE UNIQUE INDEX "reconciliation_pair_name_key" ON "reconciliation_pair"("name");

-- CreateIndex
CREATE INDEX "reconciliation_pair_lender_a_id_idx" ON "reconciliation_pair"("lender_a_id");

-- CreateIndex
CREATE INDEX "reconciliation_pair_lender_b_id_idx" ON "reconciliation_pair"("lender_b_id");

-- CreateIndex
CREATE UNIQUE INDEX "reconciliation_side_receipt_sha256_key" ON "reconciliation_side"("receipt_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "reconciliation_side_pair_id_business_date_bank_key" ON "reconciliation_side"("pair_id", "business_date", "bank");

-- CreateIndex
CREATE UNIQUE INDEX "reconciliation_statement_sha256_key" ON "reconciliation_statement"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "reconciliation_statement_pair_id_business_date_key" ON "reconciliation_statement"("pair_id", "business_date");

-- CreateIndex
CREATE INDEX "reconciliation_break_statement_id_class_ordinal_idx" ON "reconciliation_break"("statement_id", "class", "ordinal");

-- AddForeignKey
ALTER TABLE "reconciliation_pair" ADD CONSTRAINT "reconciliation_pair_lender_a_id_fkey" FOREIGN KEY ("lender_a_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reconciliation_pair" ADD CONSTRAINT "reconciliation_pair_lender_b_id_fkey" FOREIGN KEY ("lender_b_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reconciliation_side" ADD CONSTRAINT "reconciliation_side_pair_id_fkey" FOREIGN KEY ("pair_id") REFERENCES "reconciliation_pair"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reconciliation_statement" ADD CONSTRAINT "reconciliation_statement_pair_id_fkey" FOREIGN KEY ("pair_id") REFERENCES "reconciliation_pair"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reconciliation_break" ADD CONSTRAINT "reconciliation_break_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "reconciliation_statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
