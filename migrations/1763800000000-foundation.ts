import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, workflows with version history, and the append-only audit trail. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(320) NOT NULL,
        "name" character varying(200) NOT NULL,
        "role" character varying(20) NOT NULL,
        "password_hash" character varying(255) NOT NULL,
        "is_active" boolean NOT NULL DEFAULT true,
        "last_login_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "users_role_check" CHECK ("role" IN ('admin', 'employee', 'auditor')),
        CONSTRAINT "users_email_lower_check" CHECK ("email" = lower("email"))
      )`);
    await q.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")`);

    await q.query(`
      CREATE TABLE "workflows" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(200) NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "kind" character varying(20) NOT NULL DEFAULT 'agent',
        "definition" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "is_public" boolean NOT NULL DEFAULT false,
        "published_at" TIMESTAMP WITH TIME ZONE,
        "published_by" uuid,
        "require_login" boolean NOT NULL DEFAULT false,
        "allowed_origins" text array NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" uuid,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_by" uuid,
        CONSTRAINT "workflows_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "workflows_kind_check" CHECK ("kind" IN ('agent', 'hosted'))
      )`);
    await q.query(`CREATE INDEX "workflows_updated_at_idx" ON "workflows" ("updated_at")`);

    await q.query(`
      CREATE TABLE "workflow_versions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "workflow_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "name" character varying(200) NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "definition" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" uuid,
        CONSTRAINT "workflow_versions_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "workflow_versions_workflow_id_fkey" FOREIGN KEY ("workflow_id")
          REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE UNIQUE INDEX "workflow_versions_workflow_version_key" ON "workflow_versions" ("workflow_id", "version")`);

    await q.query(`
      CREATE TABLE "audit_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "seq" bigint NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actor_id" uuid,
        "actor_email" character varying(320),
        "actor_role" character varying(20),
        "action" character varying(100) NOT NULL,
        "target_type" character varying(50) NOT NULL,
        "target_id" character varying(200),
        "workflow_id" uuid,
        "summary" jsonb NOT NULL DEFAULT '{}',
        "request_id" character varying(128),
        "ip" character varying(64),
        "user_agent" character varying(512),
        "prev_hash" character(64) NOT NULL,
        "hash" character(64) NOT NULL,
        CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events" ("seq")`);
    await q.query(`CREATE INDEX "audit_events_at_idx" ON "audit_events" ("at")`);
    await q.query(`CREATE INDEX "audit_events_action_idx" ON "audit_events" ("action", "seq")`);
    await q.query(`CREATE INDEX "audit_events_workflow_idx" ON "audit_events" ("workflow_id", "seq")`);
    await q.query(`CREATE INDEX "audit_events_actor_idx" ON "audit_events" ("actor_id", "seq")`);
    await q.query(`CREATE INDEX "audit_events_target_idx" ON "audit_events" ("target_type", "target_id", "seq")`);

    // Append-only: the application's connection cannot rewrite history, only add to it.
    await q.query(`
      CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER "audit_events_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"()`);
    await q.query(`
      CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_events"`);
    await q.query(`DROP FUNCTION "audit_events_append_only"()`);
    await q.query(`DROP TABLE "workflow_versions"`);
    await q.query(`DROP TABLE "workflows"`);
    await q.query(`DROP TABLE "users"`);
  }
}
