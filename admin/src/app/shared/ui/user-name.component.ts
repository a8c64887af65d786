import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';

import { AuthService } from '../../core/auth/auth.service';
import { UserDirectory } from '../../core/users/user-directory.service';

/** A person named by user id: their name (email on hover), "you", or a short id when unknown. */
@Component({
  selector: 'app-user-name',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTooltipModule],
  template: `
    @if (!userId()) {
      <span class="muted">{{ fallback() }}</span>
    } @else if (user(); as user) {
      <span [matTooltip]="user.email">{{ isSelf() ? 'you' : user.name || user.email }}</span>
    } @else if (isSelf()) {
      <span>you</span>
    } @else {
      <span class="mono" [matTooltip]="userId() ?? ''">{{ shortId() }}</span>
    }
  `,
  styles: `
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.9em;
    }
  `,
})
export class UserNameComponent {
  private readonly directory = inject(UserDirectory);
  private readonly auth = inject(AuthService);

  readonly userId = input<string | null | undefined>();
  /** Shown when there is no id at all (e.g. created by the system at first start). */
  readonly fallback = input('system');

  protected readonly isSelf = computed(() => !!this.userId() && this.userId() === this.auth.user()?.id);
  protected readonly user = computed(() => {
    const id = this.userId();
    return id ? this.directory.user(id)() : null;
  });
  protected readonly shortId = computed(() => (this.userId() ?? '').slice(0, 8));
}
