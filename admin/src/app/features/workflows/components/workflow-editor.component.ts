import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  FormArray,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  MODEL_PROVIDERS,
  type CreateWorkflowRequest,
  type ModelProviderName,
  type StarterPrompt,
  type UpdateWorkflowRequest,
  type WorkflowDefinition,
  type WorkflowKind,
  type WorkflowResponse,
} from '@atrium/protocol';
import { firstValueFrom, startWith } from 'rxjs';

import { fieldErrorsOf, toApiError, type ApiError } from '../../../core/http/api-error';
import { ChipsInputComponent } from '../../../shared/ui/chips-input.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { stableJson } from '../../../shared/util/line-diff';
import { validateToolPack } from '../data/workflow-links';
import { WorkflowsApi } from '../data/workflows.api';

const DEFAULT_MODEL = 'gpt-4.1-mini';
const MAX_STARTER_PROMPTS = 8;

export const PROVIDER_LABELS: Readonly<Record<ModelProviderName, string>> = {
  auto: 'Automatic',
  builtin: 'Built-in (no external model)',
  openai: 'OpenAI-compatible',
};

const PROVIDER_HINTS: Readonly<Record<ModelProviderName, string>> = {
  auto: 'Uses the OpenAI-compatible server when one is configured, otherwise the built-in provider.',
  builtin: 'Runs without a model: built-in commands and tools only.',
  openai: 'The OpenAI-compatible server configured with OPENAI_API_KEY / OPENAI_BASE_URL.',
};

type StarterPromptForm = FormGroup<{
  label: FormControl<string>;
  prompt: FormControl<string>;
  icon: FormControl<string>;
}>;

interface SaveConflict {
  currentVersion: number | null;
}

/** Field paths of the server (`definition.starter_prompts[0].label`) as form paths (`definition.starter_prompts.0.label`). */
function toFormPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

function currentVersionOf(error: ApiError): number | null {
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'current_version' in details) {
    const v = details.current_version;
    return typeof v === 'number' ? v : null;
  }
  return null;
}

/**
 * Creates or edits a workflow's definition. Validates what it can in the browser,
 * shows the server's field errors next to the right fields, and saves with
 * `expected_version`, so an edit never silently overwrites someone else's.
 */
@Component({
  selector: 'app-workflow-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CdkTextareaAutosize,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatRadioModule,
    MatSelectModule,
    MatTooltipModule,
    ChipsInputComponent,
    ErrorBannerComponent,
    IconComponent,
  ],
  templateUrl: './workflow-editor.component.html',
  styleUrl: './workflow-editor.component.scss',
  host: { '(keydown)': 'onKeydown($event)' },
})
export class WorkflowEditorComponent {
  private readonly api = inject(WorkflowsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The workflow to edit; null to create a new one. */
  readonly workflow = input<WorkflowResponse | null>(null);
  /** Offer the "hosted" kind (OpenAI Agent Builder) when creating. */
  readonly hostedEnabled = input(false);
  readonly saved = output<WorkflowResponse>();
  /** The user chose to load the newest version after a conflict. */
  readonly reloadRequested = output<void>();

  /** What the form started from: the input, then each saved answer. */
  private readonly original = linkedSignal(() => this.workflow());

  protected readonly providers = MODEL_PROVIDERS;
  protected readonly providerLabels = PROVIDER_LABELS;
  protected readonly maxStarterPrompts = MAX_STARTER_PROMPTS;
  protected readonly validateToolPack = validateToolPack;
  protected readonly normalizeToolPack = (value: string): string => value.toLowerCase();

  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    description: ['', Validators.maxLength(2000)],
    kind: this.fb.control<WorkflowKind>('agent'),
    definition: this.fb.group({
      instructions: ['', Validators.maxLength(20_000)],
      model: this.fb.group({
        provider: this.fb.control<ModelProviderName>('auto'),
        model: [DEFAULT_MODEL, [Validators.required, Validators.maxLength(100)]],
        temperature: new FormControl<number | null>(null, [Validators.min(0), Validators.max(2)]),
        max_output_tokens: new FormControl<number | null>(null, [
          Validators.min(1),
          Validators.max(128_000),
          Validators.pattern(/^\d+$/),
        ]),
      }),
      tool_packs: this.fb.control<string[]>([]),
      greeting: ['', Validators.maxLength(2000)],
      starter_prompts: this.fb.array<StarterPromptForm>([]),
      hosted_workflow_id: ['', Validators.pattern(/^wf_[A-Za-z0-9_-]{1,200}$/)],
    }),
  });
  protected readonly starterPrompts = this.form.controls.definition.controls.starter_prompts;

  private readonly formValue = toSignal(this.form.valueChanges.pipe(startWith(null)));
  protected readonly kind = computed(() => {
    this.formValue();
    return this.original()?.kind ?? this.form.controls.kind.value;
  });
  protected readonly provider = computed(() => {
    this.formValue();
    return this.form.controls.definition.controls.model.controls.provider.value;
  });
  protected readonly providerHint = computed(() => PROVIDER_HINTS[this.provider()]);
  protected readonly isNew = computed(() => this.original() === null);

  /** True when the form differs from what was loaded (undoing an edit makes it clean again). */
  readonly dirty = computed(() => {
    this.formValue();
    const original = this.original();
    const current = stableJson(this.toCreateRequest());
    return original ? current !== stableJson(this.requestFrom(original)) : current !== this.blankRequest;
  });
  private blankRequest = '';

  protected readonly saving = signal(false);
  protected readonly saveError = signal<ApiError | null>(null);
  /** Server field errors that match no field on the form. */
  protected readonly otherFieldErrors = signal<string[]>([]);
  protected readonly toolPackErrors = signal<string[]>([]);
  protected readonly invalidToolPacks = signal<string[]>([]);
  protected readonly conflict = signal<SaveConflict | null>(null);
  protected readonly submitted = signal(false);

  constructor() {
    this.blankRequest = stableJson(this.toCreateRequest());
    // Load the form from the workflow whenever a new one (or a newer version) arrives.
    effect(() => {
      const wf = this.original();
      untracked(() => this.reset(wf));
    });
    // Edits to the tool packs clear the server's complaint about them.
    this.form.controls.definition.controls.tool_packs.valueChanges.subscribe(() => {
      this.toolPackErrors.set([]);
      this.invalidToolPacks.set([]);
    });
  }

  hasUnsavedChanges(): boolean {
    return this.dirty() && !this.saving();
  }

  protected addStarterPrompt(): void {
    if (this.starterPrompts.length >= MAX_STARTER_PROMPTS) return;
    this.starterPrompts.push(this.starterPromptGroup({ label: '', prompt: '' }));
    // Focus the new row's label.
    setTimeout(() => {
      const inputs = this.host.nativeElement.querySelectorAll<HTMLInputElement>('.prompt-label input');
      inputs[inputs.length - 1]?.focus();
    });
  }

  protected removeStarterPrompt(index: number): void {
    this.starterPrompts.removeAt(index);
  }

  protected moveStarterPrompt(index: number, delta: -1 | 1): void {
    const target = index + delta;
    if (target < 0 || target >= this.starterPrompts.length) return;
    const control = this.starterPrompts.at(index);
    this.starterPrompts.removeAt(index, { emitEvent: false });
    this.starterPrompts.insert(target, control);
  }

  protected discard(): void {
    this.reset(this.original());
  }

  protected onKeydown(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void this.save();
    }
  }

  protected reloadLatest(): void {
    this.conflict.set(null);
    this.reloadRequested.emit();
  }

  protected overwrite(): void {
    const version = this.conflict()?.currentVersion;
    this.conflict.set(null);
    if (version) void this.save(version);
  }

  /** Saves; `expectedVersion` overrides the loaded version (after a conflict, to overwrite). */
  async save(expectedVersion?: number): Promise<void> {
    if (this.saving()) return;
    this.submitted.set(true);
    this.dropEmptyStarterPrompts();
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    const original = this.original();
    if (original && !this.dirty() && expectedVersion === undefined) return;

    this.saving.set(true);
    this.saveError.set(null);
    this.otherFieldErrors.set([]);
    this.conflict.set(null);
    try {
      const result = original
        ? await firstValueFrom(this.api.update(original.id, this.toUpdateRequest(expectedVersion ?? original.version)))
        : await firstValueFrom(this.api.create(this.toCreateRequest()));
      this.submitted.set(false);
      this.original.set(result);
      this.saved.emit(result);
    } catch (err: unknown) {
      this.handleSaveError(toApiError(err));
    } finally {
      this.saving.set(false);
    }
  }

  private handleSaveError(error: ApiError): void {
    if (error.code === 'workflow.version_conflict') {
      this.conflict.set({ currentVersion: currentVersionOf(error) });
      this.revealNotice('.conflict');
      return;
    }
    const fields = fieldErrorsOf(error);
    const other: string[] = [];
    const packErrors: string[] = [];
    const badPacks: string[] = [];
    const packs = this.form.controls.definition.controls.tool_packs.value;
    for (const { field, message } of fields) {
      const packMatch = /^definition\.tool_packs(?:\[(\d+)\])?$/.exec(field);
      if (packMatch) {
        packErrors.push(capitalize(message));
        if (packMatch[1] !== undefined && packs[Number(packMatch[1])]) badPacks.push(packs[Number(packMatch[1])]);
        continue;
      }
      const control = this.form.get(toFormPath(field));
      if (control && !(control instanceof FormArray) && !(control instanceof FormGroup)) {
        control.setErrors({ ...(control.errors ?? {}), server: capitalize(message) });
        control.markAsTouched();
      } else {
        other.push(`${field}: ${message}`);
      }
    }
    this.toolPackErrors.set(packErrors);
    this.invalidToolPacks.set(badPacks);
    this.otherFieldErrors.set(other);
    this.saveError.set(error);
    if (fields.length > other.length) setTimeout(() => this.focusFirstInvalid());
    else this.revealNotice('.save-error');
  }

  /** Scrolls a notice at the top of the form into view (the save button is at the bottom). */
  private revealNotice(selector: string): void {
    setTimeout(() => this.host.nativeElement.querySelector(selector)?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  protected serverError(control: AbstractControl): string | null {
    const error: unknown = control.errors?.['server'];
    return typeof error === 'string' ? error : null;
  }

  private focusFirstInvalid(): void {
    const root = this.host.nativeElement;
    const target =
      root.querySelector<HTMLElement>(
        'input.ng-invalid, textarea.ng-invalid, mat-select.ng-invalid, app-chips-input.ng-invalid input',
      ) ?? (this.toolPackErrors().length ? root.querySelector<HTMLElement>('app-chips-input input') : null);
    target?.focus();
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  private dropEmptyStarterPrompts(): void {
    for (let i = this.starterPrompts.length - 1; i >= 0; i--) {
      const { label, prompt } = this.starterPrompts.at(i).getRawValue();
      if (!label.trim() && !prompt.trim()) this.starterPrompts.removeAt(i);
    }
  }

  private starterPromptGroup(prompt: StarterPrompt): StarterPromptForm {
    return this.fb.group({
      label: [prompt.label, [Validators.required, Validators.maxLength(100)]],
      prompt: [prompt.prompt, [Validators.required, Validators.maxLength(2000)]],
      icon: [prompt.icon ?? '', Validators.maxLength(50)],
    });
  }

  private reset(wf: WorkflowResponse | null): void {
    const def = wf?.definition;
    this.starterPrompts.clear({ emitEvent: false });
    for (const prompt of def?.starter_prompts ?? []) {
      this.starterPrompts.push(this.starterPromptGroup(prompt), { emitEvent: false });
    }
    this.form.reset({
      name: wf?.name ?? '',
      description: wf?.description ?? '',
      kind: wf?.kind ?? 'agent',
      definition: {
        instructions: def?.instructions ?? '',
        model: {
          provider: def?.model.provider ?? 'auto',
          model: def?.model.model ?? DEFAULT_MODEL,
          temperature: def?.model.temperature ?? null,
          max_output_tokens: def?.model.max_output_tokens ?? null,
        },
        tool_packs: def?.tool_packs ?? [],
        greeting: def?.greeting ?? '',
        hosted_workflow_id: def?.hosted_workflow_id ?? '',
      },
    });
    if (wf) this.form.controls.kind.disable({ emitEvent: false });
    else this.form.controls.kind.enable({ emitEvent: false });
    this.saveError.set(null);
    this.otherFieldErrors.set([]);
    this.toolPackErrors.set([]);
    this.invalidToolPacks.set([]);
    this.submitted.set(false);
  }

  private toDefinition(): Partial<WorkflowDefinition> {
    const def = this.form.controls.definition.getRawValue();
    const model: WorkflowDefinition['model'] = { provider: def.model.provider, model: def.model.model.trim() };
    if (def.model.temperature !== null && (def.model.temperature as unknown) !== '') model.temperature = Number(def.model.temperature);
    if (def.model.max_output_tokens !== null && (def.model.max_output_tokens as unknown) !== '') {
      model.max_output_tokens = Number(def.model.max_output_tokens);
    }
    const out: Partial<WorkflowDefinition> = {
      instructions: def.instructions,
      model,
      tool_packs: def.tool_packs,
      greeting: def.greeting,
      starter_prompts: def.starter_prompts
        .filter((p) => p.label.trim() || p.prompt.trim())
        .map((p) => ({ label: p.label.trim(), prompt: p.prompt, ...(p.icon.trim() ? { icon: p.icon.trim() } : {}) })),
    };
    if (this.kind() === 'hosted' && def.hosted_workflow_id.trim()) out.hosted_workflow_id = def.hosted_workflow_id.trim();
    return out;
  }

  private toCreateRequest(): CreateWorkflowRequest {
    const value = this.form.getRawValue();
    return {
      name: value.name.trim(),
      description: value.description,
      kind: this.kind(),
      definition: this.toDefinition(),
    };
  }

  private toUpdateRequest(expectedVersion: number): UpdateWorkflowRequest {
    const { name, description, definition } = this.toCreateRequest();
    return { name, description, definition, expected_version: expectedVersion };
  }

  /** The request the unchanged workflow would produce, to tell whether the form was edited. */
  private requestFrom(wf: WorkflowResponse): CreateWorkflowRequest {
    const def = wf.definition;
    const model: WorkflowDefinition['model'] = { provider: def.model.provider, model: def.model.model };
    if (def.model.temperature !== undefined && def.model.temperature !== null) model.temperature = def.model.temperature;
    if (def.model.max_output_tokens !== undefined && def.model.max_output_tokens !== null) {
      model.max_output_tokens = def.model.max_output_tokens;
    }
    const definition: Partial<WorkflowDefinition> = {
      instructions: def.instructions,
      model,
      tool_packs: def.tool_packs,
      greeting: def.greeting,
      starter_prompts: def.starter_prompts.map((p) => ({ label: p.label, prompt: p.prompt, ...(p.icon ? { icon: p.icon } : {}) })),
    };
    if (wf.kind === 'hosted' && def.hosted_workflow_id) definition.hosted_workflow_id = def.hosted_workflow_id;
    return { name: wf.name, description: wf.description, kind: wf.kind, definition };
  }
}

function capitalize(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
