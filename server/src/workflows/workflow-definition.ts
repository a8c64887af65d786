import type { FieldError, WorkflowDefinition } from '@atrium/protocol';
import type { WorkflowDefinitionDto } from './dto/workflow.dto';

export const DEFAULT_MODEL = 'gpt-4.1-mini';

/** Fills defaults so every stored definition has every field. */
export function normalizeDefinition(input: WorkflowDefinitionDto | undefined, base?: WorkflowDefinition): WorkflowDefinition {
  const prev = base ?? {
    instructions: '',
    model: { provider: 'auto', model: DEFAULT_MODEL },
    tool_packs: [],
    greeting: '',
    starter_prompts: [],
  };
  const def: WorkflowDefinition = {
    instructions: input?.instructions ?? prev.instructions,
    model: { ...prev.model, ...stripUndefined(input?.model ?? {}) },
    tool_packs: input?.tool_packs ? [...new Set(input.tool_packs)] : prev.tool_packs,
    greeting: input?.greeting ?? prev.greeting,
    starter_prompts: input?.starter_prompts?.map((p) => stripUndefined({ ...p })) ?? prev.starter_prompts,
  };
  const hosted = input?.hosted_workflow_id ?? prev.hosted_workflow_id;
  if (hosted) def.hosted_workflow_id = hosted;
  return def;
}

/** Checks that need to know what the server offers (tool packs installed, kinds). */
export function checkDefinition(def: WorkflowDefinition, kind: string, knownToolPacks: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  def.tool_packs.forEach((p, i) => {
    if (!knownToolPacks.includes(p)) {
      errors.push({ field: `definition.tool_packs[${i}]`, message: `unknown tool pack "${p}" (available: ${knownToolPacks.join(', ') || 'none'})` });
    }
  });
  if (kind === 'hosted' && !def.hosted_workflow_id) {
    errors.push({ field: 'definition.hosted_workflow_id', message: 'a hosted workflow needs the Agent Builder workflow id' });
  }
  return errors;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
