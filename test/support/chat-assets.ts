import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Builds `<atrium-chat>` and the page/embed scripts into dist/ unless they are there already. */
export function ensureChatAssetsBuilt(): void {
  const dist = join(ROOT, 'dist');
  if (!['atrium-chat.js', 'atrium-chat.iife.js'].every((f) => existsSync(join(dist, 'chat-element', f)))) {
    execFileSync(process.execPath, [join(ROOT, 'libs', 'chat-element', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  }
  if (!['page.js', 'embed.js'].every((f) => existsSync(join(dist, 'chat-page', f)))) {
    execFileSync(process.execPath, [join(ROOT, 'libs', 'chat-page', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  }
}
