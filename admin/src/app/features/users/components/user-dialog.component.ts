import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Role, UpdateUserRequest, UserResponse } from '@atrium/protocol';
import { firstValueFrom } from 'rxjs';

import { fieldErrorsOf, toApiError, type ApiError } from '../../../core/http/api-error';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLE_ORDER } from '../data/roles';
import { UsersApi } from '../data/users.api';

export interface UserDialogData {
  /** The user to edit; absent to create one. */
  user?: UserResponse;
  /** True when `user` is the signed-in admin (who may not change their own role). */
  isSelf?: boolean;
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function generatePassword(length = 16): string {
  const bytes = new Uint32Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
}

/** Adds a user, or edits one (name, role, new password). Closes with the saved user. */
@Component({
  selector: 'app-user-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatRadioModule,
    MatTooltipModule,
    ErrorBannerComponent,
    IconComponent,
  ],
  templateUrl: './user-dialog.component.html',
  styleUrl: './user-dialog.component.scss',
})
export class UserDialogComponent {
  private readonly api = inject(UsersApi);
  private readonly dialogRef = inject<MatDialogRef<UserDialogComponent, UserResponse>>(MatDialogRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly data = inject<UserDialogData>(MAT_DIALOG_DATA);

  protected readonly roles = ROLE_ORDER;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleDescriptions = ROLE_DESCRIPTIONS;
  protected readonly isNew = !this.data.user;
  protected readonly isSelf = !!this.data.isSelf;

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [this.data.user?.email ?? '', [Validators.required, Validators.email, Validators.maxLength(320)]],
    name: [this.data.user?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    role: [this.data.user?.role ?? ('employee' as Role), Validators.required],
    // Required for a new user; optional (a reset) when editing.
    password: ['', this.isNew ? [Validators.required, Validators.minLength(8), Validators.maxLength(1024)] : [Validators.minLength(8), Validators.maxLength(1024)]],
  });

  protected readonly saving = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly showPassword = signal(false);
  protected readonly title = computed(() => (this.isNew ? 'Add a user' : `Edit ${this.data.user?.name || this.data.user?.email}`));

  constructor() {
    if (!this.isNew) this.form.controls.email.disable();
    if (this.isSelf) this.form.controls.role.disable();
  }

  protected generate(): void {
    this.form.controls.password.setValue(generatePassword());
    this.form.controls.password.markAsDirty();
    this.showPassword.set(true);
  }

  protected serverError(control: AbstractControl): string | null {
    const error: unknown = control.errors?.['server'];
    return typeof error === 'string' ? error : null;
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    const value = this.form.getRawValue();
    this.saving.set(true);
    this.error.set(null);
    try {
      let saved: UserResponse;
      if (this.isNew) {
        saved = await firstValueFrom(
          this.api.create({ email: value.email.trim(), name: value.name.trim(), role: value.role, password: value.password }),
        );
      } else {
        const user = this.data.user as UserResponse;
        const body: UpdateUserRequest = {};
        if (value.name.trim() !== user.name) body.name = value.name.trim();
        if (!this.isSelf && value.role !== user.role) body.role = value.role;
        if (value.password) body.password = value.password;
        saved = Object.keys(body).length ? await firstValueFrom(this.api.update(user.id, body)) : user;
      }
      this.dialogRef.close(saved);
    } catch (err: unknown) {
      const error = toApiError(err);
      for (const { field, message } of fieldErrorsOf(error)) {
        const control = this.form.get(field);
        if (control) {
          control.setErrors({ ...(control.errors ?? {}), server: message.charAt(0).toUpperCase() + message.slice(1) });
          control.markAsTouched();
        }
      }
      this.error.set(error);
      setTimeout(() => this.focusFirstInvalid());
    } finally {
      this.saving.set(false);
    }
  }

  private focusFirstInvalid(): void {
    this.host.nativeElement.querySelector<HTMLElement>('input.ng-invalid')?.focus();
  }
}
