import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  linkedSignal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';

import { IconComponent } from '../../shared/ui/icon.component';
import { AuthService } from '../auth/auth.service';
import { navItemsFor } from './nav';

/** How long before the token runs out the user is warned. */
const EXPIRY_WARNING_MS = 60_000;

const ROLE_LABELS = { admin: 'Admin', auditor: 'Auditor', employee: 'Employee' } as const;

/** The signed-in frame: toolbar, role-based side nav and the routed page. */
@Component({
  selector: 'app-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    MatTooltipModule,
    IconComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const role = this.auth.role();
    return role ? ROLE_LABELS[role] : '';
  });
  protected readonly navItems = computed(() => {
    const role = this.auth.role();
    return role ? navItemsFor(role) : [];
  });
  protected readonly homePath = this.auth.homePath;

  /** Below 960px the nav becomes an overlay opened from the menu button. */
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** Open beside the content on wide screens; closed (overlay on demand) on narrow ones. */
  protected readonly navOpen = linkedSignal(() => !this.compact());

  constructor() {
    // Warn a minute before the token runs out; AuthService signs out when it does.
    effect((onCleanup) => {
      const expiresAt = this.auth.expiresAt();
      // Nothing to warn about when signed out or a few seconds from the end anyway.
      if (expiresAt === null || expiresAt - Date.now() < 10_000) return;
      const delay = expiresAt - EXPIRY_WARNING_MS - Date.now();
      if (delay > 2_147_483_647) return;
      const timer = setTimeout(
        () =>
          this.snackBar.open(
            'Your session ends in less than a minute. You will need to sign in again.',
            'OK',
            { duration: EXPIRY_WARNING_MS, politeness: 'assertive' },
          ),
        Math.max(delay, 0),
      );
      onCleanup(() => clearTimeout(timer));
    });
    // Leaving the shell (sign-out, expiry) takes the warning with it.
    inject(DestroyRef).onDestroy(() => this.snackBar.dismiss());
  }

  protected onNavigate(): void {
    if (this.compact()) this.navOpen.set(false);
  }

  protected skipToMain(): void {
    this.main().nativeElement.focus();
  }

  protected signOut(): void {
    this.auth.signOut();
  }
}
