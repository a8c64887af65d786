import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MAX_ALLOWED_ORIGINS } from '../origins';

/** `POST /api/workflows/:id/publish`. Omitted settings keep their current value. */
export class PublishWorkflowDto {
  @ApiPropertyOptional({ description: 'Visitors must sign in (OIDC) before chatting.' })
  @IsOptional()
  @IsBoolean()
  require_login?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Origins (scheme://host[:port]) allowed to embed the chat bubble.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALLOWED_ORIGINS)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  allowed_origins?: string[];
}

/** `POST /api/chatkit/sessions`: a hosted ChatKit session for one workflow. */
export class HostedSessionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  workflow_id: string;
}
