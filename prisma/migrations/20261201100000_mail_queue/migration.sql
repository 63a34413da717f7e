-- AlterTable
ALTER TABLE "MailMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "MailMessage_status_nextAttemptAt_idx" ON "MailMessage"("status", "nextAttemptAt");


-- Mail that failed before the queue existed kept no body, so it cannot be retried: it is dead.
UPDATE "MailMessage" SET "status" = 'dead', "attempts" = 1 WHERE "status" = 'failed';
