import type { WorkflowPublishState } from '@atrium/protocol';

export type WorkflowStatus = 'draft' | 'published' | 'login_only';

export function workflowStatus(wf: Pick<WorkflowPublishState, 'is_public' | 'require_login'>): WorkflowStatus {
  if (!wf.is_public) return 'draft';
  return wf.require_login ? 'login_only' : 'published';
}

export const STATUS_LABELS: Readonly<Record<WorkflowStatus, string>> = {
  draft: 'Draft',
  published: 'Published',
  login_only: 'Login only',
};

export const STATUS_DESCRIPTIONS: Readonly<Record<WorkflowStatus, string>> = {
  draft: 'Not published: only admins can see it.',
  published: 'Anyone with the link can chat.',
  login_only: 'Published; people sign in before they chat.',
};

function origin(): string {
  return globalThis.location?.origin ?? '';
}

/** The public chat page of a workflow, served by the Atrium server (not the admin). */
export function shareUrl(id: string): string {
  return `${origin()}/chat/${encodeURIComponent(id)}`;
}

/** The tag that puts the chat bubble on another site. */
export function embedSnippet(id: string): string {
  return `<script src="${origin()}/embed.js" data-workflow="${id}"></script>`;
}

/** Lower-cases scheme and host and drops a trailing slash: `HTTPS://Intra.Example.com/` → `https://intra.example.com`. */
export function normalizeOrigin(value: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  try {
    const url = new URL(trimmed);
    if (url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password) return url.origin;
  } catch {
    // Not a URL: leave it for validateOrigin to explain.
  }
  return trimmed;
}

/** Why `value` is not an origin (`scheme://host[:port]`), or null when it is one. */
export function validateOrigin(value: string): string | null {
  const problem = `“${value}” is not an origin. Use scheme://host[:port], e.g. https://intranet.example.com.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problem;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `“${value}”: only http:// and https:// origins can embed the chat.`;
  if (!url.hostname) return problem;
  if (url.origin !== value) return `“${value}” has a path or other parts. Use only scheme://host[:port], e.g. ${url.origin}.`;
  return null;
}

/** Tool pack names as the server accepts them: lower case letters, digits, `-` and `_`. */
export function validateToolPack(value: string): string | null {
  return /^[a-z][a-z0-9_-]{0,49}$/.test(value)
    ? null
    : `“${value}” is not a tool pack name (lower-case letters, digits, - and _, starting with a letter).`;
}
