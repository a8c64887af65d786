import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FeaturesResponse, PublicWorkflowResponse, PublishWorkflowResponse } from '@atrium/protocol';
import { CurrentCaller, Public, RequirePermission } from '../auth/auth.decorators';
import type { Caller } from '../logging/request-context';
import { PublishWorkflowDto } from './dto/publish.dto';
import { FeaturesService } from './features.service';
import { PublishService } from './publish.service';

@ApiTags('publish')
@ApiBearerAuth()
@Controller('workflows/:id/publish')
export class PublishController {
  constructor(private readonly publishing: PublishService) {}

  /** Publishes the workflow, or updates the settings of a published one. */
  @Post()
  @HttpCode(200)
  @RequirePermission('workflows.publish')
  publish(@Param('id', ParseUUIDPipe) id: string, @Body() dto: PublishWorkflowDto, @CurrentCaller() caller: Caller): Promise<PublishWorkflowResponse> {
    return this.publishing.publish(id, dto, caller);
  }

  /** Takes the workflow offline: the share link stops working and the publish settings are cleared. */
  @Post('revoke')
  @HttpCode(200)
  @RequirePermission('workflows.publish')
  revoke(@Param('id', ParseUUIDPipe) id: string, @CurrentCaller() caller: Caller): Promise<PublishWorkflowResponse> {
    return this.publishing.revoke(id, caller);
  }
}

@ApiTags('publish')
@Controller('public/workflows')
export class PublicWorkflowsController {
  constructor(private readonly publishing: PublishService) {}

  /** What the public chat page needs; 404 unless the workflow is published. */
  @Get(':id')
  @Public()
  get(@Param('id') id: string): Promise<PublicWorkflowResponse> {
    return this.publishing.publicWorkflow(id);
  }
}

@ApiTags('publish')
@Controller('features')
export class FeaturesController {
  constructor(private readonly features: FeaturesService) {}

  /** Which optional features are on, for the admin and the chat element. */
  @Get()
  @Public()
  get(): FeaturesResponse {
    return this.features.features();
  }
}
