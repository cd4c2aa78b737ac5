-- How lists tell two borrowers of the same name apart without showing their identifiers: the ID
-- number (else the phone, else the email) masked as maskIdentifier does, e.g. 4401**********451X.
-- Null for borrowers created before it was recorded (filled in when a lender names them again).
ALTER TABLE "borrower" ADD COLUMN "identifier_hint" TEXT;
