import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUserRequest, OffsetPage, Role, UpdateUserRequest, UserResponse } from '@atrium/protocol';
import type { Observable } from 'rxjs';

export interface UserListQuery {
  /** Free-text search over name and email; empty means no filter. */
  q: string;
  role: Role | null;
  limit: number;
  offset: number;
}

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(query: UserListQuery): Observable<OffsetPage<UserResponse>> {
    let params = new HttpParams().set('limit', query.limit).set('offset', query.offset);
    if (query.q) params = params.set('q', query.q);
    if (query.role) params = params.set('role', query.role);
    return this.http.get<OffsetPage<UserResponse>>('/api/users', { params });
  }

  create(body: CreateUserRequest): Observable<UserResponse> {
    return this.http.post<UserResponse>('/api/users', body);
  }

  update(id: string, body: UpdateUserRequest): Observable<UserResponse> {
    return this.http.patch<UserResponse>(`/api/users/${encodeURIComponent(id)}`, body);
  }
}
