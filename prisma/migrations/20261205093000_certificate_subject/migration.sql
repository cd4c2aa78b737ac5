-- Certificate format version 3 signs what the item is (organization, title, type, loan reference,
-- borrower) and how it arrived (channel, the lender's source object), as they were at first issue:
-- frozen here so that every download of a serial is the same document. Null for certificates issued
-- before version 3, which keep being served as versions 1 and 2.
ALTER TABLE "certificate" ADD COLUMN "subject" JSONB;
ALTER TABLE "certificate" ADD COLUMN "provenance" JSONB;
