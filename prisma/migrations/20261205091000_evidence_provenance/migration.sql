-- Provenance of every item (Art. 18 of the Provisions on Evidence in Civil Procedure): how it arrived.
-- One submission row per request (the portal upload of a named user, or an API key by name; the
-- client address; the Idempotency-Key), written in the request's transaction; each evidence row
-- names its submission. Like evidence.organization_id, submission_id is deliberately not a foreign
-- key: the per-row check costs a third of a 10,000-row bulk insert, and submissions are never deleted.
CREATE TYPE "submission_channel" AS ENUM ('portal', 'api', 'system');

CREATE TABLE "submission" (
    "id" UUID NOT NULL,
    "organization_id" UUID,
    "channel" "submission_channel" NOT NULL,
    "user_id" UUID,
    "api_key_id" UUID,
    "actor_label" TEXT NOT NULL,
    "client_address" TEXT,
    "idempotency_key" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "submission_pkey" PRIMARY KEY ("id")
);

-- Null for items submitted before provenance was recorded.
ALTER TABLE "evidence" ADD COLUMN "submission_id" UUID;
-- The `source` object the lender's system sent with the item (system, exportJobId, generatedAt,
-- generationMethod, note), as validated.
ALTER TABLE "evidence" ADD COLUMN "source" JSONB;
