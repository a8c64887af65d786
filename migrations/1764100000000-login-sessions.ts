import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sessions created by an OpenID Connect sign-in (workflows that require login). */
export class LoginSessions1764100000000 implements MigrationInterface {
  name = 'LoginSessions1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "login_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" character varying(64) NOT NULL,
        "issuer" character varying(500) NOT NULL,
        "subject" character varying(255) NOT NULL,
        "owner_key" character varying(200) NOT NULL,
        "email" character varying(320),
        "name" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "login_sessions_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "login_sessions_token_hash_key" ON "login_sessions" ("token_hash")`);
    await q.query(`CREATE INDEX "login_sessions_expires_at_idx" ON "login_sessions" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "login_sessions_expires_at_idx"`);
    await q.query(`DROP INDEX "login_sessions_token_hash_key"`);
    await q.query(`DROP TABLE "login_sessions"`);
  }
}
