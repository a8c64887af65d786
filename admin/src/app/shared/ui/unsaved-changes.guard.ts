import { inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { CanDeactivateFn } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { confirmAction } from './confirm-dialog.component';

/** A routed page with a form that can hold edits not yet saved. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/**
 * Asks before leaving a page with unsaved edits. Sign-out and session expiry leave
 * without asking: the session is already gone, so the edits could not be saved anyway.
 */
export const unsavedChangesGuard: CanDeactivateFn<HasUnsavedChanges> = (component) => {
  if (!component?.hasUnsavedChanges() || !inject(AuthService).isAuthenticated()) return true;
  return confirmAction(inject(MatDialog), {
    title: 'Discard your changes?',
    message: 'You have edits that are not saved. If you leave this page now, they are lost.',
    confirmLabel: 'Discard changes',
    cancelLabel: 'Keep editing',
    destructive: true,
  });
};
