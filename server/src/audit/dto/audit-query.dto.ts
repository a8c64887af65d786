import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

export class AuditFilterQuery {
  /** One action or a comma-separated list. */
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  @Matches(/^[a-z_]+(\.[a-z_]+)+$/, { each: true, message: 'action must look like workflow.published' })
  action?: string[];

  @IsOptional()
  @IsUUID()
  actor_id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(320)
  actor_email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  target_type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  target_id?: string;

  @IsOptional()
  @IsUUID()
  workflow_id?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditListQuery extends AuditFilterQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}

export class AuditExportQuery extends AuditFilterQuery {
  @IsIn(['csv', 'jsonl'])
  format: 'csv' | 'jsonl' = 'csv';
}
