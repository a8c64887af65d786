import type { OffsetPage, PublishWorkflowResponse, WorkflowResponse } from '@atrium/protocol';

/** Columns padded to their widest cell; the last column is not padded. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function statusOf(w: Pick<WorkflowResponse, 'is_public'>): string {
  return w.is_public ? 'public' : 'private';
}

export function formatWorkflowList(page: OffsetPage<WorkflowResponse>): string {
  if (page.data.length === 0) return page.total === 0 ? 'No workflows yet.' : `No workflows on this page (${page.total} in total).`;
  const rows = page.data.map((w) => [
    w.id,
    clip(w.name, 40),
    w.kind,
    statusOf(w),
    w.is_public ? (w.require_login ? 'yes' : 'no') : '-',
    w.share_url ?? '-',
  ]);
  const body = table(['ID', 'NAME', 'KIND', 'STATUS', 'LOGIN', 'SHARE URL'], rows);
  const shown = page.offset + page.data.length;
  const footer =
    page.total > shown
      ? `${page.data.length} of ${page.total} workflows (next page: --offset ${shown})`
      : `${page.total} workflow${page.total === 1 ? '' : 's'}`;
  return `${body}\n\n${footer}`;
}

export function formatWorkflow(w: WorkflowResponse): string {
  const rows: [string, string][] = [
    ['ID', w.id],
    ['Name', w.name],
    ['Kind', w.kind],
    ['Description', w.description ? clip(w.description, 200) : '-'],
    ['Version', String(w.version)],
    ['Status', statusOf(w)],
    ['Require login', w.is_public ? (w.require_login ? 'yes' : 'no') : '-'],
    ['Allowed origins', w.allowed_origins.length ? w.allowed_origins.join(', ') : '-'],
    ['Share URL', w.share_url ?? '-'],
    ['Published at', w.published_at ?? '-'],
    ['Published by', w.published_by ?? '-'],
    ['Model', `${w.definition.model.provider} / ${w.definition.model.model}`],
    ['Tool packs', w.definition.tool_packs.length ? w.definition.tool_packs.join(', ') : '-'],
    ['Updated at', w.updated_at],
  ];
  if (w.definition.hosted_workflow_id) rows.splice(3, 0, ['Hosted workflow', w.definition.hosted_workflow_id]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v}`).join('\n');
}

export function formatPublishResult(r: PublishWorkflowResponse): string {
  const lines = [r.message];
  if (r.publish.is_public) {
    lines.push(`Share URL:       ${r.publish.share_url ?? '-'}`);
    lines.push(`Require login:   ${r.publish.require_login ? 'yes' : 'no'}`);
    lines.push(`Allowed origins: ${r.publish.allowed_origins.length ? r.publish.allowed_origins.join(', ') : '-'}`);
  }
  return lines.join('\n');
}
