import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OffsetPage, WorkflowResponse, WorkflowVersionResponse } from '@atrium/protocol';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import type { Caller } from '../logging/request-context';
import { CreateWorkflowDto, ListWorkflowsQuery, UpdateWorkflowDto } from './dto/workflow.dto';
import { WorkflowsService } from './workflows.service';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Get()
  @RequirePermission('workflows.read')
  list(@Query() query: ListWorkflowsQuery): Promise<OffsetPage<WorkflowResponse>> {
    return this.workflows.list(query);
  }

  @Post()
  @RequirePermission('workflows.write')
  create(@Body() dto: CreateWorkflowDto, @CurrentCaller() caller: Caller): Promise<WorkflowResponse> {
    return this.workflows.create(dto, caller);
  }

  @Get(':id')
  @RequirePermission('workflows.read')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<WorkflowResponse> {
    return this.workflows.get(id);
  }

  @Patch(':id')
  @RequirePermission('workflows.write')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateWorkflowDto, @CurrentCaller() caller: Caller): Promise<WorkflowResponse> {
    return this.workflows.update(id, dto, caller);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('workflows.write')
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    return this.workflows.remove(id, caller);
  }

  @Get(':id/versions')
  @RequirePermission('workflows.read')
  versions(@Param('id', ParseUUIDPipe) id: string): Promise<{ data: WorkflowVersionResponse[] }> {
    return this.workflows.listVersions(id);
  }

  @Get(':id/versions/:version')
  @RequirePermission('workflows.read')
  version(@Param('id', ParseUUIDPipe) id: string, @Param('version', ParseIntPipe) version: number): Promise<WorkflowVersionResponse> {
    return this.workflows.getVersion(id, version);
  }
}
