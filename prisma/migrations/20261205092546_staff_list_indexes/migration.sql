-- DropIndex
DROP INDEX "candidature_campaign_id_updated_at_idx";

-- DropIndex
DROP INDEX "candidature_campaign_id_commission_id_stage_idx";

-- DropIndex
DROP INDEX "candidature_updated_at_idx";

-- DropIndex
DROP INDEX "candidature_candidate_name_idx";

-- DropIndex
DROP INDEX "candidature_dossier_number_idx";

-- AlterTable
ALTER TABLE "candidature" ADD COLUMN     "candidate_ine" VARCHAR(12) NOT NULL DEFAULT '';

-- Backfill: the INE of each existing candidature's candidate, upper-cased (the list searches it).
UPDATE "candidature" c
SET "candidate_ine" = upper(p."ine")
FROM "candidate" p
WHERE p."account_id" = c."account_id" AND p."ine" IS NOT NULL AND p."ine" <> '';

-- CreateIndex
CREATE INDEX "candidature_campaign_id_updated_at_id_commission_id_formati_idx" ON "candidature"("campaign_id", "updated_at", "id", "commission_id", "formation_id");

-- CreateIndex
CREATE INDEX "candidature_updated_at_id_campaign_id_commission_id_formati_idx" ON "candidature"("updated_at", "id", "campaign_id", "commission_id", "formation_id");

-- CreateIndex
CREATE INDEX "candidature_candidate_name_id_campaign_id_commission_id_for_idx" ON "candidature"("candidate_name", "id", "campaign_id", "commission_id", "formation_id");

-- CreateIndex
CREATE INDEX "candidature_dossier_number_id_campaign_id_commission_id_for_idx" ON "candidature"("dossier_number", "id", "campaign_id", "commission_id", "formation_id");

-- CreateIndex
CREATE INDEX "candidature_candidate_ine_idx" ON "candidature"("candidate_ine");

-- CreateIndex
CREATE INDEX "candidature_campaign_id_commission_id_stage_dossier_status__idx" ON "candidature"("campaign_id", "commission_id", "stage", "dossier_status", "id");

-- CreateIndex
CREATE INDEX "candidature_tag_tag_id_idx" ON "candidature_tag"("tag_id");
