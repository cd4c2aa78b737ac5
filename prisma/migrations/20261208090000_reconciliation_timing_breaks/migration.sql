-- Timing breaks from carry-over (docs/reconciliation-format.md §5.4): a key only on one side on day D
-- that the other bank books on D+1 is listed on D+1 as `timing`, and D's break is marked closed by D+1.
-- D's signed statement is not changed: the closure is a fact of D+1's statement, recorded on D's row.

-- AlterEnum
ALTER TYPE "reconciliation_break_class" ADD VALUE 'timing';

-- AlterTable
ALTER TABLE "reconciliation_statement" ADD COLUMN "timing" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "reconciliation_break" ADD COLUMN "closed_by_date" TEXT,
ADD COLUMN "closes_date" TEXT;
