import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OffsetPage, WorkflowResponse } from '@atrium/protocol';
import type { Observable } from 'rxjs';

export interface ChatListQuery {
  q: string;
  limit: number;
  offset: number;
}

/** The published workflows the caller may see (the server decides which), to open their chats. */
@Injectable({ providedIn: 'root' })
export class ChatsApi {
  private readonly http = inject(HttpClient);

  workflows(query: ChatListQuery): Observable<OffsetPage<WorkflowResponse>> {
    // Drafts cannot be opened, so they are not listed (and paging counts only what opens).
    let params = new HttpParams().set('status', 'published').set('limit', query.limit).set('offset', query.offset);
    if (query.q) params = params.set('q', query.q);
    return this.http.get<OffsetPage<WorkflowResponse>>('/api/workflows', { params });
  }
}

/** The public chat page, served by the Atrium server (a full page load, not an admin route). */
export function chatUrl(id: string): string {
  return `/chat/${encodeURIComponent(id)}`;
}
