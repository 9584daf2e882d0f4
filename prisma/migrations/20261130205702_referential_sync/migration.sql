-- AlterTable
ALTER TABLE "sis_bac_option" ADD COLUMN     "valid_from_year" INTEGER,
ADD COLUMN     "valid_to_year" INTEGER;

-- AlterTable
ALTER TABLE "sis_bac_specialty" ADD COLUMN     "valid_from_year" INTEGER,
ADD COLUMN     "valid_to_year" INTEGER;

-- AlterTable
ALTER TABLE "sis_bac_option_link" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "sis_bac_specialty_link" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "sis_result_type" ADD COLUMN     "positive" BOOLEAN;

-- AlterTable
ALTER TABLE "sis_academic_year" ADD COLUMN     "year" INTEGER;

-- CreateTable
CREATE TABLE "sis_user" (
    "code" VARCHAR(30) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "email" VARCHAR(255),
    "management_centre_code" VARCHAR(10),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_user_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_sync_run" (
    "id" SERIAL NOT NULL,
    "workflow_id" VARCHAR(100) NOT NULL,
    "run_id" VARCHAR(64) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "requested_by" VARCHAR(100),
    "started_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),
    "ok" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "lists" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "sis_sync_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sis_sync_run_workflow_id_key" ON "sis_sync_run"("workflow_id");

-- CreateIndex
CREATE INDEX "sis_sync_run_sis_type_started_at_idx" ON "sis_sync_run"("sis_type", "started_at");
