-- CreateTable
CREATE TABLE "login_failure" (
    "id" BIGSERIAL NOT NULL,
    "login" VARCHAR(255) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_failure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_protection_request" (
    "id" SERIAL NOT NULL,
    "kind" CHAR(1) NOT NULL,
    "account_id" INTEGER NOT NULL,
    "dossier_number" VARCHAR(20) NOT NULL,
    "requested_by" VARCHAR(100) NOT NULL,
    "requested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" CHAR(1) NOT NULL DEFAULT 'P',
    "workflow_id" VARCHAR(200) NOT NULL,
    "report" JSONB,
    "archive_code" VARCHAR(100),
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "data_protection_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "login_failure_login_at_idx" ON "login_failure"("login", "at");

-- CreateIndex
CREATE INDEX "login_failure_at_idx" ON "login_failure"("at");

-- CreateIndex
CREATE INDEX "data_protection_request_account_id_idx" ON "data_protection_request"("account_id");
