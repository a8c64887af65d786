import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

import { diffLines, toDiffRows } from '../util/line-diff';

/**
 * A unified line diff of two texts: removed lines in red, added in green, the changed
 * part of an edited line highlighted, long unchanged stretches folded.
 */
@Component({
  selector: 'app-diff-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  host: { class: 'app-diff-view' },
  template: `
    <div class="summary">
      <span class="stat added">+{{ stats().added }}</span>
      <span class="stat removed">−{{ stats().removed }}</span>
      <span class="stat-text">{{ summaryText() }}</span>
      @if (hasFolds() || expanded()) {
        <button mat-button type="button" class="toggle" (click)="expanded.set(!expanded())">
          {{ expanded() ? 'Show changes only' : 'Show all lines' }}
        </button>
      }
    </div>
    @if (stats().added + stats().removed === 0) {
      <p class="same">{{ sameMessage() }}</p>
    } @else {
      <div class="scroll" tabindex="0" role="region" [attr.aria-label]="caption()">
        <table>
          <caption class="visually-hidden">{{ caption() }}</caption>
          <thead class="visually-hidden">
            <tr>
              <th scope="col">{{ oldLabel() }} line</th>
              <th scope="col">{{ newLabel() }} line</th>
              <th scope="col">Change</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track $index) {
              @if (row.type === 'skip') {
                <tr class="skip">
                  <td colspan="4">
                    <button type="button" class="skip-button" (click)="expanded.set(true)">
                      ⋯ {{ row.count }} unchanged lines
                    </button>
                  </td>
                </tr>
              } @else {
                <tr [class]="row.line.kind">
                  <td class="num">{{ row.line.oldLine ?? '' }}</td>
                  <td class="num">{{ row.line.newLine ?? '' }}</td>
                  <td class="sign">
                    <span aria-hidden="true">{{ row.line.kind === 'insert' ? '+' : row.line.kind === 'delete' ? '−' : ' ' }}</span>
                    <span class="visually-hidden">{{ row.line.kind === 'insert' ? 'added' : row.line.kind === 'delete' ? 'removed' : 'unchanged' }}</span>
                  </td>
                  <td class="text">@for (segment of row.segments; track $index) {@if (segment.changed) {<mark>{{ segment.text }}</mark>} @else {<span>{{ segment.text }}</span>}}</td>
                </tr>
              }
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .summary {
      display: flex;
      align-items: center;
      gap: 10px;
      min-height: 40px;
      margin-bottom: 8px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .stat {
      font: var(--mat-sys-label-large);
      font-variant-numeric: tabular-nums;
    }
    .added {
      color: #1b6b34;
    }
    .removed {
      color: var(--mat-sys-error);
    }
    .toggle {
      margin-left: auto;
    }
    .same {
      margin: 0;
      padding: 16px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface-variant);
    }
    .scroll {
      overflow: auto;
      max-height: 70vh;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface);
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.8125rem;
      line-height: 1.55;
    }
    td {
      padding: 0 8px;
      vertical-align: top;
    }
    .num {
      width: 1%;
      min-width: 3ch;
      text-align: right;
      color: var(--mat-sys-on-surface-variant);
      user-select: none;
      font-variant-numeric: tabular-nums;
      opacity: 0.8;
    }
    .sign {
      width: 1%;
      padding: 0 4px;
      user-select: none;
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    tr.insert {
      background: #e6f4ea;
    }
    tr.insert .sign,
    tr.insert mark {
      color: #0d5323;
    }
    tr.insert mark {
      background: #b7e1c1;
    }
    tr.delete {
      background: #fce8e6;
    }
    tr.delete .sign,
    tr.delete mark {
      color: #8c1d18;
    }
    tr.delete mark {
      background: #f6c1bc;
      text-decoration: line-through;
      text-decoration-thickness: 1px;
    }
    mark {
      border-radius: 2px;
    }
    tr.skip td {
      padding: 0;
      background: var(--mat-sys-surface-container);
    }
    .skip-button {
      width: 100%;
      padding: 4px 8px;
      border: 0;
      background: transparent;
      color: var(--mat-sys-primary);
      font: inherit;
      text-align: left;
      cursor: pointer;
    }
  `,
})
export class DiffViewComponent {
  readonly oldText = input.required<string>();
  readonly newText = input.required<string>();
  readonly oldLabel = input('Before');
  readonly newLabel = input('After');
  readonly sameMessage = input('No differences.');

  /** Reset to "changes only" whenever another pair is compared. */
  protected readonly expanded = linkedSignal({ source: () => [this.oldText(), this.newText()], computation: () => false });

  private readonly lines = computed(() => diffLines(this.oldText(), this.newText()));
  protected readonly rows = computed(() => toDiffRows(this.lines(), 3, this.expanded()));
  protected readonly hasFolds = computed(() => this.rows().some((row) => row.type === 'skip'));
  protected readonly stats = computed(() => {
    let added = 0;
    let removed = 0;
    for (const line of this.lines()) {
      if (line.kind === 'insert') added++;
      else if (line.kind === 'delete') removed++;
    }
    return { added, removed };
  });
  protected readonly summaryText = computed(() => {
    const { added, removed } = this.stats();
    const part = (n: number, word: string): string => `${n} line${n === 1 ? '' : 's'} ${word}`;
    return `${part(added, 'added')}, ${part(removed, 'removed')}`;
  });
  protected readonly caption = computed(() => `Changes from ${this.oldLabel()} to ${this.newLabel()}`);
}
