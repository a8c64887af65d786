import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `tasks` tool pack: to-dos per chat owner (user or anonymous visitor). */
export class Tasks1763900000000 implements MigrationInterface {
  name = 'Tasks1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "tasks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_key" character varying(200) NOT NULL,
        "title" character varying(200) NOT NULL,
        "status" character varying(10) NOT NULL DEFAULT 'open',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "tasks_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "tasks_status_check" CHECK ("status" IN ('open', 'done'))
      )`);
    await q.query(`CREATE INDEX "tasks_owner_created_idx" ON "tasks" ("owner_key", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tasks_owner_created_idx"`);
    await q.query(`DROP TABLE "tasks"`);
  }
}
