import type { PackActionHandler, ToolDefinition, ToolPack } from './tool-pack';

const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const PACK_NAME = /^[a-z][a-z0-9_-]{0,49}$/;

/**
 * The tool packs this server offers. Workflow definitions may only enable registered
 * packs (WorkflowsService checks `list()`); the executor resolves tools and widget
 * actions through it. Built once at boot from the pack providers (see WorkflowsModule).
 */
export class ToolPackRegistry {
  private readonly packs = new Map<string, ToolPack>();
  private readonly toolOwners = new Map<string, string>();

  constructor(packs: readonly ToolPack[] = []) {
    for (const p of packs) this.register(p);
  }

  register(pack: ToolPack): void {
    if (!PACK_NAME.test(pack.name)) throw new Error(`Tool pack name "${pack.name}" is invalid`);
    if (this.packs.has(pack.name)) throw new Error(`Tool pack "${pack.name}" is registered twice`);
    for (const tool of pack.tools) {
      if (!TOOL_NAME.test(tool.name)) throw new Error(`Tool name "${tool.name}" (pack ${pack.name}) is invalid`);
      const other = this.toolOwners.get(tool.name);
      if (other) throw new Error(`Tool "${tool.name}" is declared by packs "${other}" and "${pack.name}"`);
    }
    for (const type of Object.keys(pack.actions)) {
      if (!type.startsWith(`${pack.name}.`)) throw new Error(`Action "${type}" of pack "${pack.name}" must start with "${pack.name}."`);
    }
    for (const tool of pack.tools) this.toolOwners.set(tool.name, pack.name);
    this.packs.set(pack.name, pack);
  }

  /** Registered pack names, sorted. */
  list(): string[] {
    return [...this.packs.keys()].sort();
  }

  get(name: string): ToolPack | undefined {
    return this.packs.get(name);
  }

  /** The registered packs among `names`, in the given order (unknown names are skipped). */
  packsFor(names: readonly string[]): ToolPack[] {
    return names.map((n) => this.packs.get(n)).filter((p): p is ToolPack => p !== undefined);
  }

  /** Every tool of the enabled packs, in pack order. */
  toolsFor(names: readonly string[]): ToolDefinition[] {
    return this.packsFor(names).flatMap((p) => p.tools);
  }

  /** The handler of an action type, if one of the enabled packs declares it. */
  actionHandler(type: string, enabled: readonly string[]): PackActionHandler | undefined {
    for (const pack of this.packsFor(enabled)) {
      if (Object.prototype.hasOwnProperty.call(pack.actions, type)) return pack.actions[type];
    }
    return undefined;
  }
}
