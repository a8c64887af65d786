import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { Writable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '@atrium/protocol';
import { AppModule } from '../../server/src/app.module';
import { AppConfig } from '../../server/src/config/app-config';
import { configureApp } from '../../server/src/configure-app';
import { UsersService } from '../../server/src/users/users.service';
import { createTestDatabase } from './test-database';

/** Collects the JSON log lines the app writes. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  records(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  config: AppConfig;
  dataSource: DataSource;
  databaseUrl: string;
  logs?: LogCapture;
  /** Creates a user directly (not audited as a request) and returns a signed-in token. */
  userWithToken(role: Role, email?: string): Promise<{ id: string; email: string; token: string; password: string }>;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

let counter = 0;

/**
 * Boots the real AppModule against a fresh PostgreSQL database with the real
 * migrations. Nothing of our own is mocked.
 */
export async function createTestApp(opts: { env?: Record<string, string>; captureLogs?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const logs = opts.captureLogs ? new LogCapture() : undefined;
  const config = AppConfig.load({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '5',
    ATRIUM_DATA_DIR: mkdtempSync(join(tmpdir(), 'atrium-data-')),
    ATRIUM_JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: logs ? 'debug' : 'silent',
    // Suites send hundreds of chat requests a minute from one IP; the rate-limit tests set their own values.
    ATRIUM_RATE_LIMIT_IP: '1000000',
    ATRIUM_RATE_LIMIT_IDENTITY: '1000000',
    ATRIUM_RATE_LIMIT_WORKFLOW: '1000000',
    ...opts.env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register(config, { logging: { destination: logs } })],
  }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
  configureApp(app, config);
  await app.init();
  const http = request(app.getHttpServer());

  return {
    app,
    http,
    config,
    dataSource: app.get(DataSource),
    databaseUrl: db.url,
    logs,
    async userWithToken(role, email) {
      const address = email ?? `${role}-${++counter}-${Date.now()}@example.test`;
      const password = `pw-${role}-${counter}-secret`;
      const user = await app.get(UsersService).create({ email: address, name: `${role} ${counter}`, role, password });
      const res = await http.post('/api/auth/login').send({ email: address, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: user.id, email: address, token: res.body.access_token as string, password };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
