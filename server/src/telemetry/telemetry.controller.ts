import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TelemetryStatsResponse } from '@atrium/protocol';
import { Public, RequirePermission } from '../auth/auth.decorators';
import { TelemetryEventDto, TelemetryStatsQueryDto } from './dto/telemetry.dto';
import { TelemetryRateLimitGuard } from './telemetry-rate-limit.guard';
import { TelemetryService } from './telemetry.service';

@ApiTags('telemetry')
@Controller()
export class TelemetryController {
  constructor(private readonly telemetry: TelemetryService) {}

  /** Reports one event of a chat surface (`open`, `close`, `response_failed`, `token_refresh_failed`); no content. */
  @Post('telemetry')
  @Public()
  @HttpCode(204)
  @UseGuards(TelemetryRateLimitGuard)
  record(@Body() dto: TelemetryEventDto, @Headers('origin') origin: string | undefined): Promise<void> {
    return this.telemetry.record(dto, origin);
  }

  /** Counts per event per day or hour (UTC) for one workflow, zeros included, for the admin's charts. */
  @Get('workflows/:id/telemetry')
  @ApiBearerAuth()
  @RequirePermission('telemetry.read')
  stats(@Param('id', ParseUUIDPipe) id: string, @Query() query: TelemetryStatsQueryDto): Promise<TelemetryStatsResponse> {
    return this.telemetry.stats(id, query);
  }
}
