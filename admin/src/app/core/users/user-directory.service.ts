import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal, untracked, type Signal, type WritableSignal } from '@angular/core';
import type { UserResponse } from '@atrium/protocol';

import { AuthService } from '../auth/auth.service';

/** `undefined` while loading, `null` when the user cannot be looked up (deleted, no permission). */
export type DirectoryEntry = UserResponse | null | undefined;

/**
 * Turns user ids (a workflow's `created_by`, a version's author) into people, one
 * `GET /api/users/:id` per id for the lifetime of the page. Only callers with
 * `users.read` look anything up; for others every id stays unresolved (`null`).
 */
@Injectable({ providedIn: 'root' })
export class UserDirectory {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly entries = new Map<string, WritableSignal<DirectoryEntry>>();

  /** Safe to call from templates and computed(): the lookup itself is not tracked. */
  user(id: string): Signal<DirectoryEntry> {
    return untracked(() => this.lookup(id));
  }

  private lookup(id: string): Signal<DirectoryEntry> {
    let entry = this.entries.get(id);
    if (entry) return entry;
    const canRead = this.auth.permissions().includes('users.read');
    entry = signal<DirectoryEntry>(canRead ? undefined : null);
    this.entries.set(id, entry);
    if (canRead) {
      const target = entry;
      this.http.get<UserResponse>(`/api/users/${encodeURIComponent(id)}`).subscribe({
        next: (user) => target.set(user),
        error: () => target.set(null),
      });
    }
    return entry;
  }

  /** Remembers a user the page already has (e.g. from a list), saving a request. */
  remember(user: UserResponse): void {
    const entry = this.entries.get(user.id);
    if (entry) entry.set(user);
    else this.entries.set(user.id, signal<DirectoryEntry>(user));
  }
}
