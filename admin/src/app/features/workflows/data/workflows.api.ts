import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OffsetPage, WorkflowResponse } from '@atrium/protocol';
import type { Observable } from 'rxjs';

export interface WorkflowListQuery {
  /** Free-text search over name and description; empty means no filter. */
  q: string;
  limit: number;
  offset: number;
}

@Injectable({ providedIn: 'root' })
export class WorkflowsApi {
  private readonly http = inject(HttpClient);

  list(query: WorkflowListQuery): Observable<OffsetPage<WorkflowResponse>> {
    let params = new HttpParams().set('limit', query.limit).set('offset', query.offset);
    if (query.q) params = params.set('q', query.q);
    return this.http.get<OffsetPage<WorkflowResponse>>('/api/workflows', { params });
  }
}
