-- Reconciliation certificates issued for breaks, and those added to arbitration cases (docs/reconciliation-format.md §12).
CREATE TABLE "reconciliation_certificate" (
    "serial" TEXT NOT NULL,
    "pair_id" UUID NOT NULL,
    "business_date" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "proof" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "issued_by" TEXT NOT NULL,

    CONSTRAINT "reconciliation_certificate_pkey" PRIMARY KEY ("serial")
);

CREATE UNIQUE INDEX "reconciliation_certificate_pair_id_business_date_ordinal_proof_key" ON "reconciliation_certificate"("pair_id", "business_date", "ordinal", "proof");

CREATE TABLE "case_reconciliation_certificate" (
    "case_id" UUID NOT NULL,
    "serial" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_reconciliation_certificate_pkey" PRIMARY KEY ("case_id","serial")
);

CREATE INDEX "case_reconciliation_certificate_serial_idx" ON "case_reconciliation_certificate"("serial");

ALTER TABLE "case_reconciliation_certificate" ADD CONSTRAINT "case_reconciliation_certificate_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "arbitration_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "case_reconciliation_certificate" ADD CONSTRAINT "case_reconciliation_certificate_serial_fkey" FOREIGN KEY ("serial") REFERENCES "reconciliation_certificate"("serial") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "verification_report" ADD COLUMN "reconciliation_results" JSONB NOT NULL DEFAULT '[]';
