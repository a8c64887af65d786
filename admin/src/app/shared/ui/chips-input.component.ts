import { COMMA, ENTER, SEMICOLON, SPACE } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, effect, forwardRef, input, signal, viewChild } from '@angular/core';
import { NG_VALUE_ACCESSOR, type ControlValueAccessor } from '@angular/forms';
import { MatChipGrid, MatChipsModule, type MatChipInputEvent } from '@angular/material/chips';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';

import { IconComponent } from './icon.component';

/**
 * A list of short strings edited as chips (tool packs, origins). Enter, comma, space
 * or semicolon adds the typed value; pasting a list adds each item. A value that
 * `validate` rejects stays in the input with the reason shown. Works with reactive
 * forms (`formControlName`), whose value is the `string[]`.
 */
@Component({
  selector: 'app-chips-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatChipsModule, MatFormFieldModule, IconComponent],
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => ChipsInputComponent), multi: true }],
  host: { class: 'app-chips-input' },
  template: `
    <mat-form-field appearance="outline" class="field">
      <mat-label>{{ label() }}</mat-label>
      <mat-chip-grid #grid [attr.aria-label]="label()" [disabled]="disabled()" [errorStateMatcher]="errorMatcher">
        @for (value of values(); track value) {
          <mat-chip-row [class.chip-error]="chipErrors().has(value)" (removed)="remove(value)">
            {{ value }}
            <button matChipRemove type="button" [attr.aria-label]="'Remove ' + value">
              <app-icon name="close" />
            </button>
          </mat-chip-row>
        }
        <input
          [placeholder]="values().length ? '' : placeholder()"
          [matChipInputFor]="grid"
          [matChipInputSeparatorKeyCodes]="separators"
          [matChipInputAddOnBlur]="true"
          [attr.maxlength]="maxLength()"
          autocomplete="off"
          spellcheck="false"
          (matChipInputTokenEnd)="add($event)"
          (input)="rejected.set(null)"
          (paste)="onPaste($event)"
          (blur)="onTouched()"
        />
      </mat-chip-grid>
      @if (errorText(); as error) {
        <mat-error>{{ error }}</mat-error>
      } @else if (hint()) {
        <mat-hint>{{ hint() }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .field {
      width: 100%;
    }
    app-icon {
      --app-icon-size: 18px;
    }
    .chip-error {
      --mat-chip-elevated-container-color: var(--mat-sys-error-container);
      --mat-chip-label-text-color: var(--mat-sys-on-error-container);
      --mat-chip-with-trailing-icon-trailing-icon-color: var(--mat-sys-on-error-container);
    }
  `,
})
export class ChipsInputComponent implements ControlValueAccessor {
  readonly label = input.required<string>();
  readonly placeholder = input('');
  readonly hint = input<string>();
  readonly maxItems = input(50);
  readonly maxLength = input(200);
  /** Returns why a value is not acceptable, or null. */
  readonly validate = input<(value: string) => string | null>(() => null);
  /** Cleans a typed value up before it is checked and added (trim is always applied). */
  readonly normalize = input<(value: string) => string>((value) => value);
  /** Errors from elsewhere (the server), shown under the field. */
  readonly errors = input<readonly string[]>([]);
  /** Values the server named in `errors`, highlighted. */
  readonly invalidValues = input<readonly string[]>([]);

  protected readonly separators = [ENTER, COMMA, SEMICOLON, SPACE] as const;
  protected readonly values = signal<string[]>([]);
  protected readonly disabled = signal(false);
  protected readonly rejected = signal<string | null>(null);
  protected readonly chipErrors = computed(() => new Set(this.invalidValues()));
  protected readonly errorText = computed(() => this.rejected() ?? (this.errors().length ? this.errors().join(' ') : null));
  protected readonly errorMatcher: ErrorStateMatcher = { isErrorState: () => this.errorText() !== null };

  private readonly grid = viewChild.required(MatChipGrid);

  private onChange: (value: string[]) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  constructor() {
    // The grid has no form control of its own, so it never re-checks its error state by itself.
    effect(() => {
      this.errorText();
      this.grid().updateErrorState();
    });
  }

  writeValue(value: unknown): void {
    this.values.set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    this.rejected.set(null);
  }

  registerOnChange(fn: (value: string[]) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(isDisabled: boolean): void {
    this.disabled.set(isDisabled);
  }

  protected add(event: MatChipInputEvent): void {
    const raw = event.value.trim();
    if (!raw) return;
    if (this.tryAdd(raw)) event.chipInput.clear();
  }

  protected onPaste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text') ?? '';
    const parts = text.split(/[\s,;]+/).filter(Boolean);
    if (parts.length < 2) return;
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    const left = parts.filter((part) => !this.tryAdd(part));
    input.value = left.join(' ');
  }

  protected remove(value: string): void {
    this.values.update((values) => values.filter((v) => v !== value));
    this.rejected.set(null);
    this.onChange(this.values());
    this.onTouched();
  }

  /** Adds one value; false (with the reason shown) when it is not acceptable. */
  private tryAdd(raw: string): boolean {
    const value = this.normalize()(raw.trim());
    if (this.values().includes(value)) return true;
    if (this.values().length >= this.maxItems()) {
      this.rejected.set(`At most ${this.maxItems()} entries.`);
      return false;
    }
    const problem = this.validate()(value);
    if (problem) {
      this.rejected.set(problem);
      return false;
    }
    this.rejected.set(null);
    this.values.update((values) => [...values, value]);
    this.onChange(this.values());
    return true;
  }
}
