-- CreateEnum
CREATE TYPE "batch_status" AS ENUM ('sealed', 'anchored');

-- CreateTable
CREATE TABLE "evidence" (
    "id" UUID NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "sha256" BYTEA NOT NULL,
    "salt" BYTEA NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "storage_key" TEXT,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch" (
    "id" UUID NOT NULL,
    "first_sequence" BIGINT NOT NULL,
    "last_sequence" BIGINT NOT NULL,
    "leaf_count" INTEGER NOT NULL,
    "root" BYTEA NOT NULL,
    "status" "batch_status" NOT NULL DEFAULT 'sealed',
    "sealed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "anchor_attempts" INTEGER NOT NULL DEFAULT 0,
    "last_anchor_error" TEXT,
    "chain_id" BIGINT,
    "contract_address" TEXT,
    "tx_hash" TEXT,
    "block_number" BIGINT,
    "block_time" BIGINT,
    "anchored_at" TIMESTAMPTZ(3),

    CONSTRAINT "batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_level" (
    "batch_id" UUID NOT NULL,
    "level" INTEGER NOT NULL,
    "nodes" BYTEA NOT NULL,

    CONSTRAINT "batch_level_pkey" PRIMARY KEY ("batch_id","level")
);

-- Proofs read 32-byte slices with substring(); EXTERNAL keeps the value uncompressed so
-- PostgreSQL fetches only the TOAST chunks that hold the slice.
ALTER TABLE "batch_level" ALTER COLUMN "nodes" SET STORAGE EXTERNAL;

-- CreateTable
CREATE TABLE "chain_deployment" (
    "chain_id" BIGINT NOT NULL,
    "contract_address" TEXT NOT NULL,
    "tx_hash" TEXT,
    "block_number" BIGINT,
    "deployed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chain_deployment_pkey" PRIMARY KEY ("chain_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "evidence_sequence_key" ON "evidence"("sequence");

-- CreateIndex
CREATE INDEX "evidence_sha256_idx" ON "evidence"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "batch_first_sequence_key" ON "batch"("first_sequence");

-- CreateIndex
CREATE UNIQUE INDEX "batch_last_sequence_key" ON "batch"("last_sequence");

-- CreateIndex
CREATE UNIQUE INDEX "batch_root_key" ON "batch"("root");

-- CreateIndex
CREATE INDEX "batch_status_first_sequence_idx" ON "batch"("status", "first_sequence");

-- AddForeignKey
ALTER TABLE "batch_level" ADD CONSTRAINT "batch_level_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
