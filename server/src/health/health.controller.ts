import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { HealthResponse, ReadinessResponse } from '@atrium/protocol';
import { Public } from '../auth/auth.decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Liveness: the process answers. */
  @Get()
  @Public()
  @HttpCode(200)
  live(): HealthResponse {
    return { status: 'ok' };
  }

  /** Readiness: the database answers and every migration is applied. 503 otherwise. */
  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessResponse> {
    let database: ReadinessResponse['database'] = 'down';
    let migrations: ReadinessResponse['migrations'] = 'unknown';
    try {
      await this.dataSource.query('SELECT 1');
      database = 'up';
      migrations = (await this.dataSource.showMigrations()) ? 'pending' : 'applied';
    } catch {
      // reported below
    }
    const ready = database === 'up' && migrations === 'applied';
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', database, migrations };
  }
}
