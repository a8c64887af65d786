import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { IconComponent, type IconName } from './icon.component';

/**
 * What to show where a list or page has nothing yet. Project actions (buttons, links)
 * or extra detail as content.
 */
@Component({
  selector: 'app-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  host: { class: 'app-empty-state' },
  template: `
    <div class="badge"><app-icon [name]="icon()" /></div>
    @if (headingLevel() === 1) {
      <h1 class="title">{{ heading() }}</h1>
    } @else {
      <h2 class="title">{{ heading() }}</h2>
    }
    @if (message(); as message) {
      <p class="message">{{ message }}</p>
    }
    <div class="content"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      padding: 48px 24px;
      color: var(--mat-sys-on-surface-variant);
    }
    .badge {
      --app-icon-size: 32px;
      display: grid;
      place-items: center;
      width: 64px;
      height: 64px;
      margin-bottom: 16px;
      border-radius: 50%;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-on-surface);
    }
    .message {
      margin: 0;
      max-width: 52ch;
      font: var(--mat-sys-body-large);
    }
    .content:not(:empty) {
      margin-top: 20px;
    }
  `,
})
export class EmptyStateComponent {
  readonly heading = input.required<string>();
  readonly message = input<string>();
  readonly icon = input<IconName>('inbox');
  /** 1 when the empty state is the whole page (it then holds the page's only heading). */
  readonly headingLevel = input<1 | 2>(2);
}
