import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in Atrium's package.json, found upwards from this file (source or dist). */
export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'atrium' && pkg.version) return pkg.version;
      } catch {
        // keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return '0.0.0';
}
