import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateWorkflowRequest,
  OffsetPage,
  PublishWorkflowRequest,
  PublishWorkflowResponse,
  UpdateWorkflowRequest,
  WorkflowResponse,
  WorkflowVersionResponse,
} from '@atrium/protocol';
import type { Observable } from 'rxjs';

export type WorkflowStatusFilter = 'published' | 'draft';

export interface WorkflowListQuery {
  /** Free-text search over name and description; empty means no filter. */
  q: string;
  /** Only published or only unpublished workflows; null for all. */
  status: WorkflowStatusFilter | null;
  limit: number;
  offset: number;
}

const BASE = '/api/workflows';

function item(id: string): string {
  return `${BASE}/${encodeURIComponent(id)}`;
}

@Injectable({ providedIn: 'root' })
export class WorkflowsApi {
  private readonly http = inject(HttpClient);

  list(query: WorkflowListQuery): Observable<OffsetPage<WorkflowResponse>> {
    let params = new HttpParams().set('limit', query.limit).set('offset', query.offset);
    if (query.q) params = params.set('q', query.q);
    if (query.status) params = params.set('status', query.status);
    return this.http.get<OffsetPage<WorkflowResponse>>(BASE, { params });
  }

  get(id: string): Observable<WorkflowResponse> {
    return this.http.get<WorkflowResponse>(item(id));
  }

  create(body: CreateWorkflowRequest): Observable<WorkflowResponse> {
    return this.http.post<WorkflowResponse>(BASE, body);
  }

  update(id: string, body: UpdateWorkflowRequest): Observable<WorkflowResponse> {
    return this.http.patch<WorkflowResponse>(item(id), body);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(item(id));
  }

  versions(id: string): Observable<{ data: WorkflowVersionResponse[] }> {
    return this.http.get<{ data: WorkflowVersionResponse[] }>(`${item(id)}/versions`);
  }

  /** Publishes, or changes the settings of an already published workflow. */
  publish(id: string, body: PublishWorkflowRequest): Observable<PublishWorkflowResponse> {
    return this.http.post<PublishWorkflowResponse>(`${item(id)}/publish`, body);
  }

  unpublish(id: string): Observable<PublishWorkflowResponse> {
    return this.http.post<PublishWorkflowResponse>(`${item(id)}/publish/revoke`, {});
  }
}
