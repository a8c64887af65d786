import { Injectable } from '@nestjs/common';
import type { TelemetryStatsResponse } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { isOriginAllowed } from '../access/embed-origins';
import { WorkflowsService } from '../workflows/workflows.service';
import type { TelemetryEventDto, TelemetryStatsQueryDto } from './dto/telemetry.dto';
import { occurredAt, telemetryRange } from './telemetry-range';
import { toTelemetryStatsResponse } from './telemetry.response';
import { TelemetryRepository } from './telemetry.repository';

/**
 * Usage telemetry of the chat surfaces: stores what the page, the bubble and the
 * Canvas report (no content, no identity) and counts it per bucket for the admin.
 */
@Injectable()
export class TelemetryService {
  constructor(
    private readonly events: TelemetryRepository,
    private readonly workflows: WorkflowsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records one event. The workflow must exist; a browser request (one with an
   * `Origin`) must come from a page allowed to use the workflow's chat, so other
   * sites cannot inflate a workflow's figures from their visitors' browsers.
   */
  async record(dto: TelemetryEventDto, origin: string | undefined): Promise<void> {
    const workflow = await this.workflows.getEntityCached(dto.workflow_id);
    if (origin !== undefined && !isOriginAllowed(origin, workflow, this.config)) {
      throw new DomainError('chatkit.auth.origin_not_allowed', "Pages on this origin may not report telemetry for this workflow. Add the origin to the workflow's allowed origins.", {
        origin: origin.slice(0, 200),
      });
    }
    await this.events.insert({ workflowId: workflow.id, event: dto.event, surface: dto.surface ?? null, occurredAt: occurredAt(dto.at) });
  }

  async stats(workflowId: string, query: TelemetryStatsQueryDto): Promise<TelemetryStatsResponse> {
    await this.workflows.getEntity(workflowId);
    const range = telemetryRange(query);
    const counts = await this.events.countByBucket(workflowId, range.bucket, range.from, range.to);
    return toTelemetryStatsResponse(workflowId, range, counts);
  }
}
