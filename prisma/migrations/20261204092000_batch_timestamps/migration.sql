-- RFC 3161 timestamps on batch roots (issue #15). A token is stored only after it has been verified
-- against the trusted TSA roots; until then the batch carries its attempts and the last failure.
ALTER TABLE "batch" ADD COLUMN "timestamp_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "batch" ADD COLUMN "last_timestamp_error" TEXT;
ALTER TABLE "batch" ADD COLUMN "timestamp_retry_at" TIMESTAMPTZ(3);

CREATE TABLE "batch_timestamp" (
    "batch_id" UUID NOT NULL,
    -- The TimeStampToken (CMS ContentInfo) as DER.
    "token" BYTEA NOT NULL,
    "gen_time" TIMESTAMPTZ(3) NOT NULL,
    -- The TSA's serial number of the token, 0x-prefixed lowercase hex.
    "tsa_serial" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    -- The certificate path that verified it, PEM, the TSA's certificate first and the trusted root
    -- last: certificates carry it so that a verifier can check the token offline.
    "tsa_chain" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_timestamp_pkey" PRIMARY KEY ("batch_id")
);

ALTER TABLE "batch_timestamp" ADD CONSTRAINT "batch_timestamp_batch_id_fkey"
  FOREIGN KEY ("batch_id") REFERENCES "batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
