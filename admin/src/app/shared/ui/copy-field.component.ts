import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';

import { IconComponent } from './icon.component';

/** A read-only value (link, snippet, hash) with a labelled copy button. */
@Component({
  selector: 'app-copy-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatTooltipModule, IconComponent],
  host: { class: 'app-copy-field', '[class.multiline]': 'multiline()' },
  template: `
    <div class="label" [id]="labelId">{{ label() }}</div>
    <div class="box">
      @if (multiline()) {
        <pre class="value" tabindex="0" [attr.aria-labelledby]="labelId">{{ value() }}</pre>
      } @else {
        <code class="value" tabindex="0" [attr.aria-labelledby]="labelId">{{ value() }}</code>
      }
      <button
        mat-icon-button
        type="button"
        class="copy"
        [attr.aria-label]="'Copy ' + label().toLowerCase()"
        [matTooltip]="'Copy ' + label().toLowerCase()"
        (click)="copy()"
      >
        <app-icon name="copy" />
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .label {
      margin-bottom: 6px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .box {
      display: flex;
      align-items: flex-start;
      gap: 4px;
      padding: 4px 4px 4px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-low);
    }
    .value {
      flex: 1;
      min-width: 0;
      margin: 0;
      padding: 10px 0;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.8125rem;
      line-height: 1.5;
      overflow-wrap: anywhere;
      white-space: pre-wrap;
      color: var(--mat-sys-on-surface);
    }
    .copy {
      flex: none;
    }
  `,
})
export class CopyFieldComponent {
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);
  private static nextId = 0;

  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly multiline = input(false);
  /** Snack bar text after copying. */
  readonly copiedMessage = input<string>();

  protected readonly labelId = `app-copy-field-${CopyFieldComponent.nextId++}`;

  protected copy(): void {
    const ok = this.clipboard.copy(this.value());
    this.snackBar.open(
      ok ? (this.copiedMessage() ?? `${this.label()} copied.`) : 'Could not copy. Select the text and copy it yourself.',
      undefined,
      { duration: 3000 },
    );
  }
}
