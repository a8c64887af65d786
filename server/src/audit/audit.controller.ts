import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuditEventResponse, AuditVerifyResponse, Page } from '@atrium/protocol';
import { RequirePermission } from '../auth/auth.decorators';
import { AuditService } from './audit.service';
import { AUDIT_CSV_COLUMNS, toAuditCsvRow, toAuditEventResponse } from './audit-event.response';
import { AuditExportQuery, AuditListQuery } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission('audit.read')
  list(@Query() query: AuditListQuery): Promise<Page<AuditEventResponse>> {
    return this.audit.list(query);
  }

  @Get('verify')
  @RequirePermission('audit.read')
  verify(): Promise<AuditVerifyResponse> {
    return this.audit.verify();
  }

  /** Streams the filtered set (oldest first) as CSV or JSON Lines. */
  @Get('export')
  @RequirePermission('audit.read')
  async export(@Query() query: AuditExportQuery, @Res() res: Response): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const rows = this.audit.iterate(query);
    res.setHeader('Content-Disposition', `attachment; filename="atrium-audit-${stamp}.${query.format}"`);
    res.setHeader('Cache-Control', 'no-store');
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8');
      const source = Readable.from((async function* () { for await (const r of rows) yield toAuditCsvRow(r); })());
      await pipeline(source, stringify({ header: true, columns: [...AUDIT_CSV_COLUMNS] }), res);
    } else {
      res.type('application/x-ndjson; charset=utf-8');
      const source = Readable.from((async function* () { for await (const r of rows) yield JSON.stringify(toAuditEventResponse(r)) + '\n'; })());
      await pipeline(source, res);
    }
  }
}
