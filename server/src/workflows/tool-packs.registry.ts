import { Injectable } from '@nestjs/common';

/**
 * Names of the tool packs this server offers. The executor's packs register here
 * (see the chat issue); workflow definitions may only enable registered packs.
 */
@Injectable()
export class ToolPackRegistry {
  private readonly names = new Set<string>();

  register(name: string): void {
    this.names.add(name);
  }

  list(): string[] {
    return [...this.names].sort();
  }
}
