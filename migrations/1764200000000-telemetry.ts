import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Usage events of the chat surfaces (page, bubble, Canvas), counted per workflow for the admin. */
export class Telemetry1764200000000 implements MigrationInterface {
  name = 'Telemetry1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "telemetry_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "workflow_id" uuid NOT NULL,
        "event" character varying(32) NOT NULL,
        "surface" character varying(16),
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "telemetry_events_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "telemetry_events_event_check" CHECK ("event" IN ('open', 'close', 'response_failed', 'token_refresh_failed')),
        CONSTRAINT "telemetry_events_surface_check" CHECK ("surface" IS NULL OR "surface" IN ('page', 'bubble', 'canvas')),
        CONSTRAINT "telemetry_events_workflow_id_fkey" FOREIGN KEY ("workflow_id")
          REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "telemetry_events_workflow_time_idx" ON "telemetry_events" ("workflow_id", "occurred_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "telemetry_events_workflow_time_idx"`);
    await q.query(`DROP TABLE "telemetry_events"`);
  }
}
