-- Hand-written: stored answers are now sealed (AES-256-GCM under a key derived from the
-- Idempotency-Key, which the hub no longer keeps: "key" holds its SHA-256), and a record names
-- the cases and victims the answer concerns, so a replay is withheld from a caller who can no
-- longer see them. Records written before held the key and the answer in the clear: they are
-- only 24-hour retries, so they are dropped rather than kept readable.
DELETE FROM "IdempotencyRecord";

-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN     "victimIds" TEXT[];
