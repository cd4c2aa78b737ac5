-- A serial names one signed document. When an item is anchored again (its chain lost its state),
-- it gets a new certificate with a new serial, and the old one is marked superseded by it, so an
-- evidence item may now have several certificates, at most one of them current.

-- SHA-256 of the anchor and proof data the certificate was signed with, lowercase hex; null for
-- certificates issued before this migration (they are matched by issue time, see issue-certificate.ts).
ALTER TABLE "certificate" ADD COLUMN "anchor_digest" TEXT;
-- The serial of the certificate that replaced this one, and when.
ALTER TABLE "certificate" ADD COLUMN "superseded_by" TEXT;
ALTER TABLE "certificate" ADD COLUMN "superseded_at" TIMESTAMPTZ(3);

DROP INDEX "certificate_evidence_id_key";
CREATE INDEX "certificate_evidence_id_idx" ON "certificate"("evidence_id");
CREATE UNIQUE INDEX "certificate_evidence_id_anchor_digest_key" ON "certificate"("evidence_id", "anchor_digest");
