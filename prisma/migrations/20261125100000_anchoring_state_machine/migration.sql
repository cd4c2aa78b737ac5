-- AlterEnum: the anchoring state machine. 'anchored' becomes 'final'.
ALTER TYPE "batch_status" RENAME VALUE 'anchored' TO 'final';
ALTER TYPE "batch_status" ADD VALUE 'signed' BEFORE 'final';
ALTER TYPE "batch_status" ADD VALUE 'broadcast' BEFORE 'final';
ALTER TYPE "batch_status" ADD VALUE 'included' BEFORE 'final';

-- AlterTable
ALTER TABLE "batch" ADD COLUMN     "anchor_submitter" TEXT,
ADD COLUMN     "block_hash" TEXT,
ADD COLUMN     "broadcast_at" TIMESTAMPTZ(3),
ADD COLUMN     "nonce" BIGINT,
ADD COLUMN     "previous_root" BYTEA,
ADD COLUMN     "raw_tx" TEXT,
ADD COLUMN     "replaced_tx_hashes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "signed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "batch_chain_id_anchor_submitter_nonce_key" ON "batch"("chain_id", "anchor_submitter", "nonce");
