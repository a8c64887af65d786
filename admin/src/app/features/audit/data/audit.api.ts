import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditEventResponse, AuditVerifyResponse, Page } from '@atrium/protocol';
import type { Observable } from 'rxjs';

import { filterToApiParams, type AuditFilter } from './audit-filter';

export type AuditExportFormat = 'csv' | 'jsonl';

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** One page, newest first. */
  list(filter: AuditFilter, limit: number, cursor?: string | null): Observable<Page<AuditEventResponse>> {
    let params = new HttpParams({ fromObject: filterToApiParams(filter) }).set('limit', limit);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<Page<AuditEventResponse>>('/api/audit', { params });
  }

  verify(): Observable<AuditVerifyResponse> {
    return this.http.get<AuditVerifyResponse>('/api/audit/verify');
  }

  /** The whole filtered set as a file (with the bearer token, hence not a plain link). */
  export(filter: AuditFilter, format: AuditExportFormat): Observable<HttpResponse<Blob>> {
    const params = new HttpParams({ fromObject: filterToApiParams(filter) }).set('format', format);
    return this.http.get('/api/audit/export', { params, responseType: 'blob', observe: 'response' });
  }
}
