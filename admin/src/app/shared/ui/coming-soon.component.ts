import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { EmptyStateComponent } from './empty-state.component';
import type { IconName } from './icon.component';

/** A placeholder for an area that is not built yet, listing what it will offer. */
@Component({
  selector: 'app-coming-soon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent],
  template: `
    <app-empty-state [icon]="icon()" heading="Coming soon" [message]="summary()">
      <ul>
        @for (item of features(); track item) {
          <li>{{ item }}</li>
        }
      </ul>
    </app-empty-state>
  `,
  styles: `
    :host {
      display: block;
      border: 1px dashed var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
    }
    ul {
      margin: 0;
      padding-left: 20px;
      text-align: left;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface);
    }
    li + li {
      margin-top: 6px;
    }
  `,
})
export class ComingSoonComponent {
  readonly summary = input.required<string>();
  readonly features = input.required<readonly string[]>();
  readonly icon = input<IconName>('info');
}
