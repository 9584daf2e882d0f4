-- DropForeignKey
ALTER TABLE "opinion_entry" DROP CONSTRAINT "opinion_entry_candidature_id_fkey";

-- DropForeignKey
ALTER TABLE "candidature_piece" DROP CONSTRAINT "candidature_piece_candidature_id_fkey";

-- DropForeignKey
ALTER TABLE "candidature_piece" DROP CONSTRAINT "candidature_piece_supporting_document_id_fkey";

-- DropForeignKey
ALTER TABLE "candidature_piece" DROP CONSTRAINT "candidature_piece_file_id_fkey";

-- DropIndex
DROP INDEX "candidature_formation_id_idx";

-- DropIndex
DROP INDEX "candidature_campaign_id_idx";

-- DropIndex
DROP INDEX "candidature_stage_idx";

-- AlterTable
ALTER TABLE "candidature" DROP COLUMN "view",
ADD COLUMN     "candidate_name" VARCHAR(255) NOT NULL DEFAULT '',
ADD COLUMN     "commission_id" INTEGER,
ADD COLUMN     "dossier_number" VARCHAR(20) NOT NULL DEFAULT '',
ADD COLUMN     "state" JSONB;

-- Backfill the columns copied at creation (an existing row's state comes from its workflow's
-- `state` query the first time it is read).
UPDATE "candidature" c
SET "candidate_name" = upper(a."last_name") || ' ' || a."first_name", "dossier_number" = a."dossier_number", "commission_id" = f."commission_id"
FROM "candidate_account" a, "formation" f
WHERE a."id" = c."account_id" AND f."id" = c."formation_id";

-- AlterTable
ALTER TABLE "mail_log" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "recipient_role" VARCHAR(20);

-- DropTable
DROP TABLE "opinion_entry";

-- DropTable
DROP TABLE "candidature_piece";

-- CreateIndex
CREATE INDEX "candidature_account_id_idx" ON "candidature"("account_id");

-- CreateIndex
CREATE INDEX "candidature_formation_id_updated_at_idx" ON "candidature"("formation_id", "updated_at");

-- CreateIndex
CREATE INDEX "candidature_commission_id_updated_at_idx" ON "candidature"("commission_id", "updated_at");

-- CreateIndex
CREATE INDEX "candidature_campaign_id_updated_at_idx" ON "candidature"("campaign_id", "updated_at");

-- CreateIndex
CREATE INDEX "candidature_campaign_id_commission_id_stage_idx" ON "candidature"("campaign_id", "commission_id", "stage");

-- CreateIndex
CREATE INDEX "candidature_candidate_name_idx" ON "candidature"("candidate_name");

-- CreateIndex
CREATE INDEX "candidature_dossier_number_idx" ON "candidature"("dossier_number");

-- CreateIndex
CREATE INDEX "mail_log_status_next_attempt_at_idx" ON "mail_log"("status", "next_attempt_at");
