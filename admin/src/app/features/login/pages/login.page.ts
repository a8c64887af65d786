import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';

import { AuthService, isSafeReturnUrl } from '../../../core/auth/auth.service';
import { toApiError, type ApiError } from '../../../core/http/api-error';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';

@Component({
  selector: 'app-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    ErrorBannerComponent,
    IconComponent,
  ],
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Query params, bound by withComponentInputBinding(). */
  readonly reason = input<string>();
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly showPassword = signal(false);
  protected readonly sessionExpired = computed(() => this.reason() === 'expired' && !this.error());

  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const firstInvalid = this.form.controls.email.invalid ? this.emailInput() : this.passwordInput();
      firstInvalid.nativeElement.focus();
      return;
    }

    const { email, password } = this.form.getRawValue();
    this.pending.set(true);
    this.error.set(null);
    try {
      await this.auth.login(email.trim(), password);
      const returnUrl = this.returnUrl();
      await this.router.navigateByUrl(isSafeReturnUrl(returnUrl) ? returnUrl : this.auth.homePath(), {
        replaceUrl: true,
      });
    } catch (err: unknown) {
      // A failed /me right after a successful login leaves no usable session.
      if (this.auth.isAuthenticated()) this.auth.discard();
      this.error.set(toApiError(err));
      this.form.controls.password.reset();
      this.passwordInput().nativeElement.focus();
    } finally {
      this.pending.set(false);
    }
  }
}
