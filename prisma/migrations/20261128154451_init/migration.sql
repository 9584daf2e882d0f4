-- CreateEnum
CREATE TYPE "sis_type" AS ENUM ('A', 'P', 'D');

-- CreateTable
CREATE TABLE "campaign" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "label" VARCHAR(100) NOT NULL,
    "label_en" VARCHAR(100),
    "sis_type" "sis_type" NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "candidate_access_ends_on" DATE,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "planned_activation_at" TIMESTAMP(3),
    "activated_at" TIMESTAMP(3),
    "archived_at" TIMESTAMP(3),
    "destroyed_at" TIMESTAMP(3),
    "archives_campaign_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidate_account" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "dossier_number" CHAR(8) NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "first_name" VARCHAR(100) NOT NULL,
    "last_name" VARCHAR(100) NOT NULL,
    "student_number" VARCHAR(30),
    "cas_login" VARCHAR(100),
    "email_validated" BOOLEAN NOT NULL DEFAULT false,
    "validated" BOOLEAN NOT NULL DEFAULT false,
    "validation_key" VARCHAR(100),
    "validation_expires_at" TIMESTAMP(3),
    "reset_password_key" VARCHAR(100),
    "reset_password_expires_at" TIMESTAMP(3),
    "continuing_education" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "candidate_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dossier_number_history" (
    "dossier_number" CHAR(8) NOT NULL,
    "campaign_code" VARCHAR(20) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dossier_number_history_pkey" PRIMARY KEY ("dossier_number")
);

-- CreateTable
CREATE TABLE "candidate" (
    "id" SERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "civility" VARCHAR(4) NOT NULL,
    "birth_name" VARCHAR(100) NOT NULL,
    "usual_name" VARCHAR(100),
    "first_name" VARCHAR(100) NOT NULL,
    "other_first_names" VARCHAR(100),
    "birth_date" DATE NOT NULL,
    "ine" VARCHAR(10),
    "ine_key" VARCHAR(2),
    "birth_country_code" VARCHAR(10) NOT NULL,
    "birth_department_code" VARCHAR(10),
    "birth_commune_code" VARCHAR(10),
    "birth_city_label" VARCHAR(100),
    "nationality_code" VARCHAR(10) NOT NULL,
    "phone" VARCHAR(20),
    "mobile_phone" VARCHAR(20),
    "language" VARCHAR(5) NOT NULL DEFAULT 'fr',
    "regime_code" VARCHAR(10),
    "status_code" VARCHAR(10),
    "updatable" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "address" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER NOT NULL,
    "line1" VARCHAR(100) NOT NULL,
    "line2" VARCHAR(100),
    "line3" VARCHAR(100),
    "postcode" VARCHAR(10),
    "cedex" VARCHAR(20),
    "commune_code" VARCHAR(10),
    "foreign_city" VARCHAR(100),
    "country_code" VARCHAR(10) NOT NULL,

    CONSTRAINT "address_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidate_bac" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER NOT NULL,
    "year" INTEGER,
    "bac_code" VARCHAR(10) NOT NULL,
    "mention_code" VARCHAR(10),
    "establishment_code" VARCHAR(10),
    "commune_code" VARCHAR(10),
    "department_code" VARCHAR(10),
    "country_code" VARCHAR(10),
    "specialty1_code" VARCHAR(10),
    "specialty2_code" VARCHAR(10),
    "first_year_specialty_code" VARCHAR(10),
    "option1_code" VARCHAR(10),
    "option2_code" VARCHAR(10),
    "option3_code" VARCHAR(10),
    "option4_code" VARCHAR(10),
    "updatable" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "candidate_bac_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidate_internal_cursus" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER NOT NULL,
    "academic_year" INTEGER NOT NULL,
    "vet_code" VARCHAR(20),
    "label" VARCHAR(255) NOT NULL,
    "result_type_code" VARCHAR(10),
    "mention_code" VARCHAR(10),
    "grade" DECIMAL(6,3),
    "grade_scale" INTEGER,

    CONSTRAINT "candidate_internal_cursus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidate_external_cursus" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER NOT NULL,
    "academic_year" INTEGER NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "obtained" CHAR(1) NOT NULL,
    "prior_diploma_code" VARCHAR(10) NOT NULL,
    "establishment_code" VARCHAR(10),
    "commune_code" VARCHAR(10),
    "department_code" VARCHAR(10),
    "country_code" VARCHAR(10),
    "mention_code" VARCHAR(10),

    CONSTRAINT "candidate_external_cursus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidate_professional_experience" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "duration" VARCHAR(50) NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "organisation" VARCHAR(255) NOT NULL,
    "objective" VARCHAR(500),

    CONSTRAINT "candidate_professional_experience_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidate_internship" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "duration" VARCHAR(50) NOT NULL,
    "hours_per_week" INTEGER,
    "organisation" VARCHAR(255) NOT NULL,
    "description" VARCHAR(500) NOT NULL,

    CONSTRAINT "candidate_internship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidate_sis_piece" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER NOT NULL,
    "academic_year" INTEGER NOT NULL,
    "piece_type_code" VARCHAR(20) NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "expires_on" DATE,

    CONSTRAINT "candidate_sis_piece_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "centre" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "label" VARCHAR(200) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "demat" BOOLEAN NOT NULL DEFAULT true,
    "own_decision_setup" BOOLEAN NOT NULL DEFAULT false,
    "send_mail_mode" CHAR(1) NOT NULL DEFAULT 'N',
    "contact_email" VARCHAR(255),
    "max_wishes" INTEGER NOT NULL DEFAULT 20,
    "complementary_list" BOOLEAN NOT NULL DEFAULT false,
    "favourable_decision_type_id" INTEGER,
    "lc_favourable_decision_type_id" INTEGER,
    "additional_info" TEXT,
    "application_starts_on" DATE,
    "application_ends_on" DATE,
    "analysis_on" DATE,
    "return_deadline" DATE,
    "jury_on" DATE,
    "publication_on" DATE,
    "confirmation_on" DATE,
    "confirmation_delay_days" INTEGER,
    "lc_confirmation_on" DATE,
    "lc_confirmation_delay_days" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "centre_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commission" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(30) NOT NULL,
    "label" VARCHAR(200) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "centre_id" INTEGER NOT NULL,
    "email" VARCHAR(255),
    "phone" VARCHAR(20),
    "fax" VARCHAR(20),
    "url" VARCHAR(255),
    "address_line1" VARCHAR(100),
    "address_line2" VARCHAR(100),
    "address_line3" VARCHAR(100),
    "postcode" VARCHAR(10),
    "city" VARCHAR(100),
    "country_code" VARCHAR(10),
    "return_comment" TEXT,
    "return_comment_en" TEXT,
    "signatory" VARCHAR(255),
    "signature_file_id" INTEGER,
    "letter_downloadable" BOOLEAN NOT NULL DEFAULT true,
    "letter_attached_to_mail" BOOLEAN NOT NULL DEFAULT false,
    "alert_mode" CHAR(1) NOT NULL DEFAULT 'M',
    "alert_email" VARCHAR(255),
    "alert_on_proposition" BOOLEAN NOT NULL DEFAULT false,
    "alert_on_cancellation" BOOLEAN NOT NULL DEFAULT false,
    "alert_on_transmission" BOOLEAN NOT NULL DEFAULT false,
    "alert_on_withdrawal" BOOLEAN NOT NULL DEFAULT false,
    "alert_on_main_list" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "commission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "formation_type" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "label" VARCHAR(100) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "formation_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "formation" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "label" VARCHAR(500) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "commission_id" INTEGER NOT NULL,
    "traitement" VARCHAR(2) NOT NULL,
    "favourable_decision_type_id" INTEGER NOT NULL,
    "lc_favourable_decision_type_id" INTEGER,
    "automatic_lc" BOOLEAN NOT NULL DEFAULT false,
    "demat" BOOLEAN NOT NULL DEFAULT true,
    "capacity" INTEGER,
    "keywords" VARCHAR(500),
    "url" VARCHAR(500),
    "additional_info" TEXT,
    "additional_info_en" TEXT,
    "formation_type_id" INTEGER,
    "sis_diploma_type_code" VARCHAR(10),
    "sis_management_centre_code" VARCHAR(10),
    "application_starts_on" DATE NOT NULL,
    "application_ends_on" DATE NOT NULL,
    "return_deadline" DATE NOT NULL,
    "analysis_on" DATE,
    "jury_on" DATE,
    "publication_on" DATE,
    "confirmation_on" DATE,
    "confirmation_delay_days" INTEGER,
    "lc_confirmation_on" DATE,
    "lc_confirmation_delay_days" INTEGER,
    "preselect_on" DATE,
    "preselect_time" VARCHAR(10),
    "preselect_place" VARCHAR(255),
    "apogee_vet_code" VARCHAR(10),
    "apogee_vet_version" VARCHAR(5),
    "apogee_label" VARCHAR(255),
    "apogee_diploma_code" VARCHAR(10),
    "apogee_diploma_version" VARCHAR(5),
    "apogee_diploma_label" VARCHAR(255),
    "pegase_code" VARCHAR(100),
    "pegase_label" VARCHAR(255),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "formation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supporting_document" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(30) NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "label_en" VARCHAR(255),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "is_common" BOOLEAN NOT NULL DEFAULT false,
    "is_unique" BOOLEAN NOT NULL DEFAULT false,
    "is_conditional" BOOLEAN NOT NULL DEFAULT false,
    "apogee_code" VARCHAR(10),
    "order" INTEGER NOT NULL DEFAULT 0,
    "traitement" VARCHAR(2),
    "model_file_id" INTEGER,
    "centre_id" INTEGER,

    CONSTRAINT "supporting_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "formation_supporting_document" (
    "formation_id" INTEGER NOT NULL,
    "supporting_document_id" INTEGER NOT NULL,

    CONSTRAINT "formation_supporting_document_pkey" PRIMARY KEY ("formation_id","supporting_document_id")
);

-- CreateTable
CREATE TABLE "question" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(30) NOT NULL,
    "type" CHAR(1) NOT NULL,
    "label" VARCHAR(500) NOT NULL,
    "label_en" VARCHAR(500),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "is_common" BOOLEAN NOT NULL DEFAULT false,
    "is_unique" BOOLEAN NOT NULL DEFAULT false,
    "is_conditional" BOOLEAN NOT NULL DEFAULT false,
    "order" INTEGER NOT NULL DEFAULT 0,
    "centre_id" INTEGER,

    CONSTRAINT "question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "formation_question" (
    "formation_id" INTEGER NOT NULL,
    "question_id" INTEGER NOT NULL,

    CONSTRAINT "formation_question_pkey" PRIMARY KEY ("formation_id","question_id")
);

-- CreateTable
CREATE TABLE "form" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(30) NOT NULL,
    "survey_id" INTEGER NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "label_en" VARCHAR(255),
    "url" VARCHAR(500) NOT NULL,
    "url_en" VARCHAR(500),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "is_common" BOOLEAN NOT NULL DEFAULT false,
    "is_conditional" BOOLEAN NOT NULL DEFAULT false,
    "centre_id" INTEGER,

    CONSTRAINT "form_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "formation_form" (
    "formation_id" INTEGER NOT NULL,
    "form_id" INTEGER NOT NULL,

    CONSTRAINT "formation_form_pkey" PRIMARY KEY ("formation_id","form_id")
);

-- CreateTable
CREATE TABLE "candidature" (
    "id" VARCHAR(64) NOT NULL,
    "workflow_id" VARCHAR(128) NOT NULL,
    "account_id" INTEGER NOT NULL,
    "formation_id" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "creation_key" VARCHAR(255),
    "created_by" VARCHAR(100),
    "stage" VARCHAR(30) NOT NULL,
    "dossier_status" VARCHAR(2) NOT NULL,
    "traitement" VARCHAR(2) NOT NULL,
    "traitement_validated" BOOLEAN NOT NULL DEFAULT false,
    "proposition" BOOLEAN NOT NULL DEFAULT false,
    "opinion_kind" VARCHAR(2),
    "opinion_decision_type" VARCHAR(30),
    "opinion_validated" BOOLEAN NOT NULL DEFAULT false,
    "confirmation_deadline" TIMESTAMP(3),
    "confirmation_answer" VARCHAR(20),
    "answered_at" TIMESTAMP(3),
    "answered_by" VARCHAR(100),
    "cancelled_at" TIMESTAMP(3),
    "transmitted_at" TIMESTAMP(3),
    "received_at" TIMESTAMP(3),
    "completed_at" TIMESTAMP(3),
    "incomplete_at" TIMESTAMP(3),
    "status_changed_at" TIMESTAMP(3),
    "export_status" VARCHAR(20) NOT NULL DEFAULT 'none',
    "exported_at" TIMESTAMP(3),
    "opi_code" VARCHAR(20),
    "regime_code" VARCHAR(10),
    "exemption_category_code" VARCHAR(10),
    "exemption_complement" VARCHAR(255),
    "fee_amount" DECIMAL(10,2),
    "seq" INTEGER NOT NULL DEFAULT 0,
    "view" JSONB,
    "formation_application_starts_on" DATE,
    "formation_application_ends_on" DATE,
    "formation_analysis_on" DATE,
    "formation_return_deadline" DATE,
    "formation_jury_on" DATE,
    "formation_publication_on" DATE,
    "formation_confirmation_on" DATE,
    "formation_confirmation_delay_days" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "candidature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opinion_entry" (
    "id" SERIAL NOT NULL,
    "candidature_id" VARCHAR(64) NOT NULL,
    "index" INTEGER NOT NULL,
    "decision_type_code" VARCHAR(30) NOT NULL,
    "opinion_kind" VARCHAR(2) NOT NULL,
    "action" CHAR(1),
    "motive_code" VARCHAR(30),
    "comment" VARCHAR(1000),
    "lc_rank" INTEGER,
    "lc_real_rank" INTEGER,
    "preselect_date" VARCHAR(10),
    "preselect_time" VARCHAR(10),
    "preselect_place" VARCHAR(255),
    "appeal" BOOLEAN NOT NULL DEFAULT false,
    "entered_at" TIMESTAMP(3) NOT NULL,
    "entered_by" VARCHAR(100) NOT NULL,
    "validated" BOOLEAN NOT NULL DEFAULT false,
    "validated_at" TIMESTAMP(3),
    "validated_by" VARCHAR(100),
    "deleted_at" TIMESTAMP(3),
    "deleted_by" VARCHAR(100),

    CONSTRAINT "opinion_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidature_piece" (
    "id" SERIAL NOT NULL,
    "candidature_id" VARCHAR(64) NOT NULL,
    "supporting_document_id" INTEGER NOT NULL,
    "status" VARCHAR(2) NOT NULL,
    "file_id" INTEGER,
    "comment" VARCHAR(1000),
    "status_changed_at" TIMESTAMP(3),
    "status_changed_by" VARCHAR(100),

    CONSTRAINT "candidature_piece_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidature_question_answer" (
    "id" SERIAL NOT NULL,
    "candidature_id" VARCHAR(64) NOT NULL,
    "question_id" INTEGER NOT NULL,
    "answer" VARCHAR(1000),
    "status" VARCHAR(2) NOT NULL,

    CONSTRAINT "candidature_question_answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidature_form" (
    "id" SERIAL NOT NULL,
    "candidature_id" VARCHAR(64) NOT NULL,
    "form_id" INTEGER NOT NULL,
    "not_concerned" BOOLEAN NOT NULL DEFAULT false,
    "answers" JSONB,
    "answered_at" TIMESTAMP(3),

    CONSTRAINT "candidature_form_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tag" (
    "id" SERIAL NOT NULL,
    "label" VARCHAR(50) NOT NULL,
    "colour" VARCHAR(20) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "centre_id" INTEGER,

    CONSTRAINT "tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidature_tag" (
    "candidature_id" VARCHAR(64) NOT NULL,
    "tag_id" INTEGER NOT NULL,

    CONSTRAINT "candidature_tag_pkey" PRIMARY KEY ("candidature_id","tag_id")
);

-- CreateTable
CREATE TABLE "post_it" (
    "id" SERIAL NOT NULL,
    "candidature_id" VARCHAR(64) NOT NULL,
    "message" VARCHAR(255) NOT NULL,
    "author" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "post_it_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stored_file" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(100) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "kind" CHAR(1) NOT NULL,
    "storage" CHAR(1) NOT NULL DEFAULT 'F',
    "mime_type" VARCHAR(100),
    "size" INTEGER,
    "sha256" CHAR(64),
    "scan_status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "account_id" INTEGER,
    "author" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stored_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dossier_status_type" (
    "code" VARCHAR(2) NOT NULL,
    "label" VARCHAR(100) NOT NULL,
    "label_en" VARCHAR(100),
    "visible_to_commission" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "dossier_status_type_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "piece_status_type" (
    "code" VARCHAR(2) NOT NULL,
    "label" VARCHAR(100) NOT NULL,
    "label_en" VARCHAR(100),

    CONSTRAINT "piece_status_type_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "traitement_type" (
    "code" VARCHAR(2) NOT NULL,
    "label" VARCHAR(100) NOT NULL,
    "label_en" VARCHAR(100),
    "final" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "traitement_type_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "opinion_kind" (
    "code" VARCHAR(2) NOT NULL,
    "label" VARCHAR(100) NOT NULL,
    "label_en" VARCHAR(100),

    CONSTRAINT "opinion_kind_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "decision_type" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(30) NOT NULL,
    "label" VARCHAR(100) NOT NULL,
    "label_en" VARCHAR(100),
    "opinion_kind_code" VARCHAR(2) NOT NULL,
    "mail_code" VARCHAR(50) NOT NULL,
    "is_model" BOOLEAN NOT NULL DEFAULT false,
    "definitive" BOOLEAN NOT NULL DEFAULT false,
    "exports_to_sis" BOOLEAN NOT NULL DEFAULT false,
    "show_comment" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "centre_id" INTEGER,

    CONSTRAINT "decision_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unfavourable_motive" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(30) NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "label_en" VARCHAR(255),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "centre_id" INTEGER,

    CONSTRAINT "unfavourable_motive_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_template" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "centre_id" INTEGER,
    "label" VARCHAR(255) NOT NULL,
    "subject_fr" VARCHAR(255) NOT NULL,
    "body_fr" TEXT NOT NULL,
    "subject_en" VARCHAR(255) NOT NULL,
    "body_en" TEXT NOT NULL,
    "is_model" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "opinion_kind_code" VARCHAR(2),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mail_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_log" (
    "id" SERIAL NOT NULL,
    "idempotency_key" VARCHAR(255) NOT NULL,
    "candidature_id" VARCHAR(64),
    "mail_code" VARCHAR(50) NOT NULL,
    "recipient" VARCHAR(255) NOT NULL,
    "subject" VARCHAR(500) NOT NULL,
    "variables" JSONB NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "error" TEXT,
    "message_id" VARCHAR(255),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "mail_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_export" (
    "id" SERIAL NOT NULL,
    "business_key" VARCHAR(100) NOT NULL,
    "candidature_id" VARCHAR(64) NOT NULL,
    "version" INTEGER NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "files" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "exported_at" TIMESTAMP(3),

    CONSTRAINT "sis_export_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_user" (
    "id" SERIAL NOT NULL,
    "login" VARCHAR(100) NOT NULL,
    "display_name" VARCHAR(255) NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "staff_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "profile" (
    "code" VARCHAR(30) NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "kind" CHAR(1) NOT NULL,

    CONSTRAINT "profile_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "functionality" (
    "code" VARCHAR(30) NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "open_to_commission" BOOLEAN NOT NULL DEFAULT false,
    "is_action" BOOLEAN NOT NULL DEFAULT false,
    "order" INTEGER NOT NULL,

    CONSTRAINT "functionality_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "profile_functionality" (
    "profile_code" VARCHAR(30) NOT NULL,
    "functionality_code" VARCHAR(30) NOT NULL,
    "read_only" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "profile_functionality_pkey" PRIMARY KEY ("profile_code","functionality_code")
);

-- CreateTable
CREATE TABLE "staff_profile_grant" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "profile_code" VARCHAR(30) NOT NULL,

    CONSTRAINT "staff_profile_grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "centre_manager" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "centre_id" INTEGER NOT NULL,
    "profile_code" VARCHAR(30) NOT NULL,
    "all_commissions" BOOLEAN NOT NULL DEFAULT false,
    "apogee_login" VARCHAR(100),
    "sis_management_centre_code" VARCHAR(10),
    "comment" VARCHAR(500),

    CONSTRAINT "centre_manager_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "centre_manager_commission" (
    "manager_id" INTEGER NOT NULL,
    "commission_id" INTEGER NOT NULL,

    CONSTRAINT "centre_manager_commission_pkey" PRIMARY KEY ("manager_id","commission_id")
);

-- CreateTable
CREATE TABLE "commission_member" (
    "id" SERIAL NOT NULL,
    "commission_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "profile_code" VARCHAR(30) NOT NULL,
    "is_president" BOOLEAN NOT NULL DEFAULT false,
    "comment" VARCHAR(500),

    CONSTRAINT "commission_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_preference" (
    "user_id" INTEGER NOT NULL,
    "favourite_centre_id" INTEGER,
    "favourite_commission_id" INTEGER,
    "settings" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "staff_preference_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "parameter" (
    "code" VARCHAR(50) NOT NULL,
    "label" VARCHAR(500) NOT NULL,
    "value" VARCHAR(255) NOT NULL,
    "type" VARCHAR(10) NOT NULL,
    "regex" VARCHAR(255),
    "editable_by_scol" BOOLEAN NOT NULL DEFAULT true,
    "visible" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "parameter_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "site_message" (
    "code" VARCHAR(50) NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "value_fr" TEXT NOT NULL,
    "value_en" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "site_message_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "faq_entry" (
    "id" SERIAL NOT NULL,
    "order" INTEGER NOT NULL DEFAULT 0,
    "question_fr" TEXT NOT NULL,
    "answer_fr" TEXT NOT NULL,
    "question_en" TEXT,
    "answer_en" TEXT,

    CONSTRAINT "faq_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "language" (
    "code" VARCHAR(5) NOT NULL,
    "label" VARCHAR(50) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "is_default" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "language_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "civility" (
    "code" VARCHAR(4) NOT NULL,
    "label" VARCHAR(50) NOT NULL,
    "apogee_code" VARCHAR(2) NOT NULL,
    "pegase_code" VARCHAR(2) NOT NULL,

    CONSTRAINT "civility_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "sva_alert" (
    "id" SERIAL NOT NULL,
    "days" INTEGER NOT NULL,
    "colour" VARCHAR(20) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sva_alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" VARCHAR(100) NOT NULL,
    "action" VARCHAR(100) NOT NULL,
    "subject" VARCHAR(255) NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_country" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "nationality_label" VARCHAR(255),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_country_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_department" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_department_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_commune" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "department_code" VARCHAR(10),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_commune_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_birth_commune" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "department_code" VARCHAR(10),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_birth_commune_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_postcode_commune" (
    "postcode" VARCHAR(10) NOT NULL,
    "commune_code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_postcode_commune_pkey" PRIMARY KEY ("postcode","commune_code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_establishment" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "type_code" VARCHAR(10),
    "department_code" VARCHAR(10),
    "commune_code" VARCHAR(10),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_establishment_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_bac" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "valid_from_year" INTEGER,
    "valid_to_year" INTEGER,
    "ine_check" BOOLEAN NOT NULL DEFAULT false,
    "ine_check_from_year" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_bac_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_bac_option" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_bac_option_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_bac_specialty" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_bac_specialty_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_bac_option_link" (
    "bac_code" VARCHAR(10) NOT NULL,
    "option_code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,

    CONSTRAINT "sis_bac_option_link_pkey" PRIMARY KEY ("bac_code","option_code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_bac_specialty_link" (
    "bac_code" VARCHAR(10) NOT NULL,
    "specialty_code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,

    CONSTRAINT "sis_bac_specialty_link_pkey" PRIMARY KEY ("bac_code","specialty_code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_bac_mention" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_bac_mention_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_mention" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_mention_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_result_type" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_result_type_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_prior_diploma" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_prior_diploma_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_diploma_type" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_diploma_type_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_management_centre" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_management_centre_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_academic_year" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "status" VARCHAR(10),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_academic_year_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_exemption_category" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_exemption_category_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_regime" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_regime_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateTable
CREATE TABLE "sis_student_status" (
    "code" VARCHAR(10) NOT NULL,
    "sis_type" "sis_type" NOT NULL,
    "label" VARCHAR(255) NOT NULL,
    "short_label" VARCHAR(100),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sis_student_status_pkey" PRIMARY KEY ("code","sis_type")
);

-- CreateIndex
CREATE UNIQUE INDEX "campaign_code_key" ON "campaign"("code");

-- CreateIndex
CREATE UNIQUE INDEX "candidate_account_dossier_number_key" ON "candidate_account"("dossier_number");

-- CreateIndex
CREATE UNIQUE INDEX "candidate_account_campaign_id_email_key" ON "candidate_account"("campaign_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "candidate_account_id_key" ON "candidate"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "address_candidate_id_key" ON "address"("candidate_id");

-- CreateIndex
CREATE UNIQUE INDEX "candidate_bac_candidate_id_key" ON "candidate_bac"("candidate_id");

-- CreateIndex
CREATE INDEX "candidate_internal_cursus_candidate_id_idx" ON "candidate_internal_cursus"("candidate_id");

-- CreateIndex
CREATE INDEX "candidate_external_cursus_candidate_id_idx" ON "candidate_external_cursus"("candidate_id");

-- CreateIndex
CREATE INDEX "candidate_professional_experience_candidate_id_idx" ON "candidate_professional_experience"("candidate_id");

-- CreateIndex
CREATE INDEX "candidate_internship_candidate_id_idx" ON "candidate_internship"("candidate_id");

-- CreateIndex
CREATE UNIQUE INDEX "candidate_sis_piece_candidate_id_academic_year_piece_type_c_key" ON "candidate_sis_piece"("candidate_id", "academic_year", "piece_type_code");

-- CreateIndex
CREATE UNIQUE INDEX "centre_code_key" ON "centre"("code");

-- CreateIndex
CREATE UNIQUE INDEX "commission_code_key" ON "commission"("code");

-- CreateIndex
CREATE UNIQUE INDEX "formation_type_code_key" ON "formation_type"("code");

-- CreateIndex
CREATE UNIQUE INDEX "formation_code_key" ON "formation"("code");

-- CreateIndex
CREATE INDEX "formation_commission_id_idx" ON "formation"("commission_id");

-- CreateIndex
CREATE UNIQUE INDEX "supporting_document_code_key" ON "supporting_document"("code");

-- CreateIndex
CREATE UNIQUE INDEX "question_code_key" ON "question"("code");

-- CreateIndex
CREATE UNIQUE INDEX "form_code_key" ON "form"("code");

-- CreateIndex
CREATE UNIQUE INDEX "candidature_workflow_id_key" ON "candidature"("workflow_id");

-- CreateIndex
CREATE INDEX "candidature_formation_id_idx" ON "candidature"("formation_id");

-- CreateIndex
CREATE INDEX "candidature_campaign_id_idx" ON "candidature"("campaign_id");

-- CreateIndex
CREATE INDEX "candidature_stage_idx" ON "candidature"("stage");

-- CreateIndex
CREATE INDEX "candidature_updated_at_idx" ON "candidature"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "candidature_account_id_creation_key_key" ON "candidature"("account_id", "creation_key");

-- CreateIndex
CREATE UNIQUE INDEX "opinion_entry_candidature_id_index_key" ON "opinion_entry"("candidature_id", "index");

-- CreateIndex
CREATE UNIQUE INDEX "candidature_piece_candidature_id_supporting_document_id_key" ON "candidature_piece"("candidature_id", "supporting_document_id");

-- CreateIndex
CREATE UNIQUE INDEX "candidature_question_answer_candidature_id_question_id_key" ON "candidature_question_answer"("candidature_id", "question_id");

-- CreateIndex
CREATE UNIQUE INDEX "candidature_form_candidature_id_form_id_key" ON "candidature_form"("candidature_id", "form_id");

-- CreateIndex
CREATE INDEX "post_it_candidature_id_idx" ON "post_it"("candidature_id");

-- CreateIndex
CREATE UNIQUE INDEX "stored_file_code_key" ON "stored_file"("code");

-- CreateIndex
CREATE INDEX "stored_file_account_id_idx" ON "stored_file"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "decision_type_code_key" ON "decision_type"("code");

-- CreateIndex
CREATE UNIQUE INDEX "unfavourable_motive_code_key" ON "unfavourable_motive"("code");

-- CreateIndex
CREATE UNIQUE INDEX "mail_template_code_centre_id_key" ON "mail_template"("code", "centre_id");

-- CreateIndex
CREATE UNIQUE INDEX "mail_log_idempotency_key_key" ON "mail_log"("idempotency_key");

-- CreateIndex
CREATE INDEX "mail_log_candidature_id_idx" ON "mail_log"("candidature_id");

-- CreateIndex
CREATE UNIQUE INDEX "sis_export_business_key_key" ON "sis_export"("business_key");

-- CreateIndex
CREATE INDEX "sis_export_sis_type_status_idx" ON "sis_export"("sis_type", "status");

-- CreateIndex
CREATE UNIQUE INDEX "sis_export_candidature_id_version_key" ON "sis_export"("candidature_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "staff_user_login_key" ON "staff_user"("login");

-- CreateIndex
CREATE UNIQUE INDEX "staff_profile_grant_user_id_profile_code_key" ON "staff_profile_grant"("user_id", "profile_code");

-- CreateIndex
CREATE UNIQUE INDEX "centre_manager_user_id_centre_id_key" ON "centre_manager"("user_id", "centre_id");

-- CreateIndex
CREATE UNIQUE INDEX "commission_member_commission_id_user_id_key" ON "commission_member"("commission_id", "user_id");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_subject_idx" ON "audit_event"("subject");

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_archives_campaign_id_fkey" FOREIGN KEY ("archives_campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_account" ADD CONSTRAINT "candidate_account_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate" ADD CONSTRAINT "candidate_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "candidate_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "address" ADD CONSTRAINT "address_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_bac" ADD CONSTRAINT "candidate_bac_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_internal_cursus" ADD CONSTRAINT "candidate_internal_cursus_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_external_cursus" ADD CONSTRAINT "candidate_external_cursus_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_professional_experience" ADD CONSTRAINT "candidate_professional_experience_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_internship" ADD CONSTRAINT "candidate_internship_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_sis_piece" ADD CONSTRAINT "candidate_sis_piece_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "centre" ADD CONSTRAINT "centre_favourable_decision_type_id_fkey" FOREIGN KEY ("favourable_decision_type_id") REFERENCES "decision_type"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "centre" ADD CONSTRAINT "centre_lc_favourable_decision_type_id_fkey" FOREIGN KEY ("lc_favourable_decision_type_id") REFERENCES "decision_type"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commission" ADD CONSTRAINT "commission_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commission" ADD CONSTRAINT "commission_signature_file_id_fkey" FOREIGN KEY ("signature_file_id") REFERENCES "stored_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation" ADD CONSTRAINT "formation_commission_id_fkey" FOREIGN KEY ("commission_id") REFERENCES "commission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation" ADD CONSTRAINT "formation_traitement_fkey" FOREIGN KEY ("traitement") REFERENCES "traitement_type"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation" ADD CONSTRAINT "formation_favourable_decision_type_id_fkey" FOREIGN KEY ("favourable_decision_type_id") REFERENCES "decision_type"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation" ADD CONSTRAINT "formation_lc_favourable_decision_type_id_fkey" FOREIGN KEY ("lc_favourable_decision_type_id") REFERENCES "decision_type"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation" ADD CONSTRAINT "formation_formation_type_id_fkey" FOREIGN KEY ("formation_type_id") REFERENCES "formation_type"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supporting_document" ADD CONSTRAINT "supporting_document_model_file_id_fkey" FOREIGN KEY ("model_file_id") REFERENCES "stored_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supporting_document" ADD CONSTRAINT "supporting_document_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation_supporting_document" ADD CONSTRAINT "formation_supporting_document_formation_id_fkey" FOREIGN KEY ("formation_id") REFERENCES "formation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation_supporting_document" ADD CONSTRAINT "formation_supporting_document_supporting_document_id_fkey" FOREIGN KEY ("supporting_document_id") REFERENCES "supporting_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question" ADD CONSTRAINT "question_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation_question" ADD CONSTRAINT "formation_question_formation_id_fkey" FOREIGN KEY ("formation_id") REFERENCES "formation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation_question" ADD CONSTRAINT "formation_question_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "form" ADD CONSTRAINT "form_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation_form" ADD CONSTRAINT "formation_form_formation_id_fkey" FOREIGN KEY ("formation_id") REFERENCES "formation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "formation_form" ADD CONSTRAINT "formation_form_form_id_fkey" FOREIGN KEY ("form_id") REFERENCES "form"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature" ADD CONSTRAINT "candidature_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "candidate_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature" ADD CONSTRAINT "candidature_formation_id_fkey" FOREIGN KEY ("formation_id") REFERENCES "formation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature" ADD CONSTRAINT "candidature_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opinion_entry" ADD CONSTRAINT "opinion_entry_candidature_id_fkey" FOREIGN KEY ("candidature_id") REFERENCES "candidature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature_piece" ADD CONSTRAINT "candidature_piece_candidature_id_fkey" FOREIGN KEY ("candidature_id") REFERENCES "candidature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature_piece" ADD CONSTRAINT "candidature_piece_supporting_document_id_fkey" FOREIGN KEY ("supporting_document_id") REFERENCES "supporting_document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature_piece" ADD CONSTRAINT "candidature_piece_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "stored_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature_question_answer" ADD CONSTRAINT "candidature_question_answer_candidature_id_fkey" FOREIGN KEY ("candidature_id") REFERENCES "candidature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature_question_answer" ADD CONSTRAINT "candidature_question_answer_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature_form" ADD CONSTRAINT "candidature_form_candidature_id_fkey" FOREIGN KEY ("candidature_id") REFERENCES "candidature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature_form" ADD CONSTRAINT "candidature_form_form_id_fkey" FOREIGN KEY ("form_id") REFERENCES "form"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tag" ADD CONSTRAINT "tag_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature_tag" ADD CONSTRAINT "candidature_tag_candidature_id_fkey" FOREIGN KEY ("candidature_id") REFERENCES "candidature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidature_tag" ADD CONSTRAINT "candidature_tag_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_it" ADD CONSTRAINT "post_it_candidature_id_fkey" FOREIGN KEY ("candidature_id") REFERENCES "candidature"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "candidate_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_type" ADD CONSTRAINT "decision_type_opinion_kind_code_fkey" FOREIGN KEY ("opinion_kind_code") REFERENCES "opinion_kind"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_type" ADD CONSTRAINT "decision_type_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unfavourable_motive" ADD CONSTRAINT "unfavourable_motive_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mail_template" ADD CONSTRAINT "mail_template_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile_functionality" ADD CONSTRAINT "profile_functionality_profile_code_fkey" FOREIGN KEY ("profile_code") REFERENCES "profile"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile_functionality" ADD CONSTRAINT "profile_functionality_functionality_code_fkey" FOREIGN KEY ("functionality_code") REFERENCES "functionality"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_profile_grant" ADD CONSTRAINT "staff_profile_grant_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_profile_grant" ADD CONSTRAINT "staff_profile_grant_profile_code_fkey" FOREIGN KEY ("profile_code") REFERENCES "profile"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "centre_manager" ADD CONSTRAINT "centre_manager_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "centre_manager" ADD CONSTRAINT "centre_manager_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "centre_manager" ADD CONSTRAINT "centre_manager_profile_code_fkey" FOREIGN KEY ("profile_code") REFERENCES "profile"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "centre_manager_commission" ADD CONSTRAINT "centre_manager_commission_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "centre_manager"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "centre_manager_commission" ADD CONSTRAINT "centre_manager_commission_commission_id_fkey" FOREIGN KEY ("commission_id") REFERENCES "commission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commission_member" ADD CONSTRAINT "commission_member_commission_id_fkey" FOREIGN KEY ("commission_id") REFERENCES "commission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commission_member" ADD CONSTRAINT "commission_member_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commission_member" ADD CONSTRAINT "commission_member_profile_code_fkey" FOREIGN KEY ("profile_code") REFERENCES "profile"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_preference" ADD CONSTRAINT "staff_preference_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
