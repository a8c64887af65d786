import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { AuthService } from '../auth/auth.service';

@Component({
  selector: 'app-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, EmptyStateComponent],
  template: `
    <app-empty-state icon="info" [headingLevel]="1" heading="Page not found" message="There is nothing at this address.">
      <a mat-flat-button [routerLink]="homePath()">Go to your home page</a>
    </app-empty-state>
  `,
})
export class NotFoundPage {
  protected readonly homePath = inject(AuthService).homePath;
}
