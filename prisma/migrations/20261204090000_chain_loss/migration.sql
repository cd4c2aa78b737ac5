-- Chain loss while running. The anchoring chain's identity (its genesis block) is recorded with the
-- contract deployed on it, so a chain that lost its state or was replaced behind the same RPC URL is
-- noticed; the last such loss is kept for /api/health.

-- The genesis block hash of the chain the contract was deployed on, lowercase 0x-hex.
ALTER TABLE "chain_deployment" ADD COLUMN "genesis_hash" TEXT;
-- When the platform last found this chain lost or replaced, and why.
ALTER TABLE "chain_deployment" ADD COLUMN "last_loss_at" TIMESTAMPTZ(3);
ALTER TABLE "chain_deployment" ADD COLUMN "last_loss_reason" TEXT;
