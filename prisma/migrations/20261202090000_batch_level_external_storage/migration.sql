-- Tree levels are SHA-256 digests: they never compress, so PostgreSQL need not try before storing
-- them out of line (a million-leaf batch writes 64 MB of levels in its seal).
ALTER TABLE "batch_level" ALTER COLUMN "nodes" SET STORAGE EXTERNAL;
