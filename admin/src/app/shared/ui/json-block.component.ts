import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A JSON value, pretty-printed in a scrollable monospace block. */
@Component({
  selector: 'app-json-block',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<pre tabindex="0" [attr.aria-label]="label()">{{ text() }}</pre>`,
  styles: `
    pre {
      margin: 0;
      max-height: 360px;
      overflow: auto;
      padding: 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.8125rem;
      line-height: 1.5;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
})
export class JsonBlockComponent {
  readonly value = input.required<unknown>();
  readonly label = input<string>();
  protected readonly text = computed(() => {
    const value = this.value();
    return value === undefined ? '—' : JSON.stringify(value, null, 2);
  });
}
