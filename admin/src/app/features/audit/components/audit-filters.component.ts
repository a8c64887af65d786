import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, output, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { debounceTime, merge, startWith } from 'rxjs';

import { IconComponent } from '../../../shared/ui/icon.component';
import {
  ACTION_GROUPS,
  EMPTY_FILTER,
  UUID,
  actionColor,
  actionLabel,
  addDays,
  formatDay,
  isEmptyFilter,
  parseDay,
  sameFilter,
  type AuditFilter,
} from '../data/audit-filter';

const TEXT_DEBOUNCE_MS = 400;

interface Preset {
  label: string;
  days: number;
}

/** The audit filters. Selects and dates apply at once; typed fields after a pause (when valid). */
@Component({
  selector: 'app-audit-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatMenuModule,
    MatSelectModule,
    IconComponent,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './audit-filters.component.html',
  styleUrl: './audit-filters.component.scss',
})
export class AuditFiltersComponent {
  readonly filter = input.required<AuditFilter>();
  readonly filterChange = output<AuditFilter>();

  protected readonly groups = ACTION_GROUPS;
  protected readonly actionLabel = actionLabel;
  protected readonly actionColor = actionColor;
  protected readonly presets: readonly Preset[] = [
    { label: 'Today', days: 1 },
    { label: 'Last 7 days', days: 7 },
    { label: 'Last 30 days', days: 30 },
    { label: 'Last 90 days', days: 90 },
    { label: 'Last 365 days', days: 365 },
  ];
  protected readonly today = new Date();

  protected readonly form = new FormGroup({
    actions: new FormControl<string[]>([], { nonNullable: true }),
    actorEmail: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(320)] }),
    workflowId: new FormControl('', { nonNullable: true, validators: [Validators.pattern(UUID)] }),
    range: new FormGroup({
      start: new FormControl<Date | null>(null),
      end: new FormControl<Date | null>(null),
    }),
  });

  private readonly value = toSignal(this.form.valueChanges.pipe(startWith(null)));
  protected readonly active = computed(() => {
    this.value();
    return !isEmptyFilter(this.filter());
  });

  constructor() {
    // The URL changed (back/forward, a link, "clear"): show it.
    effect(() => {
      const filter = this.filter();
      untracked(() => this.show(filter));
    });

    const c = this.form.controls;
    const destroyRef = inject(DestroyRef);
    merge(c.actions.valueChanges, c.range.valueChanges)
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => this.emit());
    merge(c.actorEmail.valueChanges, c.workflowId.valueChanges)
      .pipe(debounceTime(TEXT_DEBOUNCE_MS), takeUntilDestroyed(destroyRef))
      .subscribe(() => this.emit());
  }

  /** Applies typed fields at once (Enter). */
  protected submit(): void {
    this.emit();
  }

  protected clear(): void {
    this.filterChange.emit(EMPTY_FILTER);
  }

  protected applyPreset(preset: Preset): void {
    const end = new Date();
    const start = addDays(end, -(preset.days - 1));
    this.form.controls.range.setValue({ start: parseDay(formatDay(start)), end: parseDay(formatDay(end)) });
  }

  protected clearRange(): void {
    this.form.controls.range.setValue({ start: null, end: null });
  }

  protected clearActions(): void {
    this.form.controls.actions.setValue([]);
  }

  private show(filter: AuditFilter): void {
    const current = this.read();
    if (current && sameFilter(current, filter)) return;
    this.form.setValue(
      {
        actions: filter.actions,
        actorEmail: filter.actorEmail,
        workflowId: filter.workflowId,
        range: { start: filter.from ? parseDay(filter.from) : null, end: filter.to ? parseDay(filter.to) : null },
      },
      { emitEvent: false },
    );
    // setValue without events leaves the value signal stale; nudge it.
    this.form.updateValueAndValidity({ emitEvent: true, onlySelf: true });
  }

  /** The form as a filter, or null while a field is invalid (the old filter stays applied). */
  private read(): AuditFilter | null {
    const c = this.form.controls;
    if (c.actorEmail.invalid || c.workflowId.invalid) return null;
    const { start, end } = c.range.getRawValue();
    return {
      actions: [...c.actions.value],
      actorEmail: c.actorEmail.value.trim(),
      workflowId: c.workflowId.value.trim().toLowerCase(),
      from: start ? formatDay(start) : '',
      to: end ? formatDay(end) : '',
    };
  }

  private emit(): void {
    const next = this.read();
    if (next && !sameFilter(next, this.filter())) this.filterChange.emit(next);
  }
}
