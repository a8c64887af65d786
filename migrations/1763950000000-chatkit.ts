import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ChatKit storage: threads, their items, attachments (bytes in PostgreSQL) and
 * item feedback. Deleting a workflow deletes its threads and attachments; deleting
 * a thread deletes its items, attachments and feedback.
 */
export class Chatkit1763950000000 implements MigrationInterface {
  name = 'Chatkit1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "chat_threads" (
        "id" character varying(64) NOT NULL,
        "workflow_id" uuid NOT NULL,
        "owner_key" character varying(200) NOT NULL,
        "title" text,
        "status" jsonb NOT NULL,
        "allowed_image_domains" text array,
        "metadata" jsonb NOT NULL,
        "seq" BIGSERIAL NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chat_threads_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "chat_threads_workflow_id_fkey" FOREIGN KEY ("workflow_id")
          REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "chat_threads_owner_idx" ON "chat_threads" ("workflow_id", "owner_key", "created_at", "seq")`);

    await q.query(`
      CREATE TABLE "chat_items" (
        "id" character varying(64) NOT NULL,
        "thread_id" character varying(64) NOT NULL,
        "type" character varying(50) NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "seq" BIGSERIAL NOT NULL,
        CONSTRAINT "chat_items_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "chat_items_thread_id_fkey" FOREIGN KEY ("thread_id")
          REFERENCES "chat_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "chat_items_thread_idx" ON "chat_items" ("thread_id", "created_at", "seq")`);

    await q.query(`
      CREATE TABLE "chat_attachments" (
        "id" character varying(64) NOT NULL,
        "thread_id" character varying(64),
        "owner_key" character varying(200) NOT NULL,
        "workflow_id" uuid NOT NULL,
        "name" character varying(255) NOT NULL,
        "mime_type" character varying(255) NOT NULL,
        "size" bigint NOT NULL,
        "bytes" bytea,
        "uploaded" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chat_attachments_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "chat_attachments_thread_id_fkey" FOREIGN KEY ("thread_id")
          REFERENCES "chat_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "chat_attachments_workflow_id_fkey" FOREIGN KEY ("workflow_id")
          REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "chat_attachments_thread_idx" ON "chat_attachments" ("thread_id")`);
    await q.query(`CREATE INDEX "chat_attachments_owner_idx" ON "chat_attachments" ("workflow_id", "owner_key")`);

    await q.query(`
      CREATE TABLE "chat_feedback" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "thread_id" character varying(64) NOT NULL,
        "item_id" character varying(64) NOT NULL,
        "owner_key" character varying(200) NOT NULL,
        "kind" character varying(10) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chat_feedback_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "chat_feedback_kind_check" CHECK ("kind" IN ('positive', 'negative')),
        CONSTRAINT "chat_feedback_thread_id_fkey" FOREIGN KEY ("thread_id")
          REFERENCES "chat_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "chat_feedback_item_id_fkey" FOREIGN KEY ("item_id")
          REFERENCES "chat_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE UNIQUE INDEX "chat_feedback_item_owner_key" ON "chat_feedback" ("item_id", "owner_key")`);
    await q.query(`CREATE INDEX "chat_feedback_thread_idx" ON "chat_feedback" ("thread_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "chat_feedback"`);
    await q.query(`DROP TABLE "chat_attachments"`);
    await q.query(`DROP TABLE "chat_items"`);
    await q.query(`DROP TABLE "chat_threads"`);
  }
}
