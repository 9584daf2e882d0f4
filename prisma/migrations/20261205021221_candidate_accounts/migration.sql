-- AlterTable
ALTER TABLE "candidate_account" ADD COLUMN     "language" VARCHAR(2) NOT NULL DEFAULT 'fr',
ADD COLUMN     "pending_email" VARCHAR(255),
ADD COLUMN     "sessions_valid_after" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "mail_log" ADD COLUMN     "account_id" INTEGER;

-- CreateTable
CREATE TABLE "revoked_session" (
    "jti" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "revoked_session_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "revoked_session_expires_at_idx" ON "revoked_session"("expires_at");

-- CreateIndex
CREATE INDEX "mail_log_account_id_idx" ON "mail_log"("account_id");
