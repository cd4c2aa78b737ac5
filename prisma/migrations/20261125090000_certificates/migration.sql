-- CreateTable
CREATE TABLE "certificate" (
    "serial" TEXT NOT NULL,
    "evidence_id" UUID NOT NULL,
    "issuer_address" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "revocation_reason" TEXT,

    CONSTRAINT "certificate_pkey" PRIMARY KEY ("serial")
);

-- CreateIndex
CREATE UNIQUE INDEX "certificate_evidence_id_key" ON "certificate"("evidence_id");

-- AddForeignKey
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
