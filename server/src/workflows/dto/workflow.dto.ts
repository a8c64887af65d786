import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { MODEL_PROVIDERS, WORKFLOW_KINDS, type ModelProviderName, type WorkflowKind } from '@atrium/protocol';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ModelSettingsDto {
  @IsOptional()
  @IsIn(MODEL_PROVIDERS)
  provider?: ModelProviderName;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  model?: string;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(2)
  temperature?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(128_000)
  max_output_tokens?: number;
}

export class StarterPromptDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  prompt: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  icon?: string;
}

export class WorkflowDefinitionDto {
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  instructions?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ModelSettingsDto)
  model?: ModelSettingsDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9_-]{0,49}$/, { each: true, message: 'each tool pack must be a pack name such as "tasks"' })
  tool_packs?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  greeting?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => StarterPromptDto)
  starter_prompts?: StarterPromptDto[];

  @IsOptional()
  @IsString()
  @Matches(/^wf_[A-Za-z0-9_-]{1,200}$/, { message: 'hosted_workflow_id must be an Agent Builder workflow id (wf_…)' })
  hosted_workflow_id?: string;
}

export class CreateWorkflowDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Transform(trim)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @IsIn(WORKFLOW_KINDS)
  kind?: WorkflowKind;

  @IsOptional()
  @ValidateNested()
  @Type(() => WorkflowDefinitionDto)
  definition?: WorkflowDefinitionDto;
}

export class UpdateWorkflowDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Transform(trim)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => WorkflowDefinitionDto)
  definition?: WorkflowDefinitionDto;

  @IsOptional()
  @IsInt()
  @Min(1)
  expected_version?: number;
}

export class ListWorkflowsQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @IsIn(['published', 'draft'])
  status?: 'published' | 'draft';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 25;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}
