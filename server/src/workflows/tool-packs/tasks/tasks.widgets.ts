import {
  action, badge, button, caption, card, col, divider, icon, listView, listViewItem, markdown, row, spacer, text, title,
  type Card, type ListView, type ListViewItem,
} from '@atrium/widgets';
import type { TaskSummary } from './tasks.service';

/** Which tasks a list card shows; carried in its buttons' payloads so an action re-renders the same view. */
export const TASK_LIST_VIEWS = ['all', 'open', 'done'] as const;
export type TaskListView = (typeof TASK_LIST_VIEWS)[number];

/** Rows shown in one card (keeps the card far below the widget size cap). */
export const TASK_CARD_MAX_ROWS = 25;

export const TASK_ACTIONS = {
  complete: 'tasks.complete',
  reopen: 'tasks.reopen',
  delete: 'tasks.delete',
} as const;

const HEADINGS: Record<TaskListView, string> = { all: 'Your tasks', open: 'Open tasks', done: 'Completed tasks' };
const EMPTY: Record<TaskListView, string> = {
  all: 'You have no tasks yet.',
  open: 'You have no open tasks.',
  done: 'You have not completed any tasks yet.',
};

function taskItem(task: TaskSummary, view: TaskListView): ListViewItem {
  const done = task.status === 'done';
  const payload = { task_id: task.id, view };
  return listViewItem(
    [
      icon(done ? 'check-circle-filled' : 'empty-circle', { color: done ? 'success' : 'secondary', size: 'md' }),
      col([text(task.title, { lineThrough: done, color: done ? 'secondary' : 'primary', size: 'sm', truncate: true })], { flex: 1 }),
      badge(done ? 'Done' : 'Open', { color: done ? 'success' : 'info', variant: 'soft', size: 'sm' }),
      done
        ? button('Reopen', { size: 'sm', variant: 'outline', color: 'secondary', onClickAction: action(TASK_ACTIONS.reopen, payload, { handler: 'server' }) })
        : button('Complete', { size: 'sm', variant: 'outline', color: 'success', iconStart: 'check', onClickAction: action(TASK_ACTIONS.complete, payload, { handler: 'server' }) }),
      button('Delete', { size: 'sm', variant: 'ghost', color: 'danger', onClickAction: action(TASK_ACTIONS.delete, payload, { handler: 'server' }) }),
    ],
    { key: task.id, align: 'center', gap: 2 },
  );
}

/**
 * The task list card: a header with counts, then a ListView with one item per task
 * (title, status badge, Complete/Reopen and Delete buttons whose actions the server
 * handles). An empty list is a card saying so.
 */
export function taskListCard(tasks: readonly TaskSummary[], view: TaskListView): Card {
  const open = tasks.filter((t) => t.status === 'open').length;
  const done = tasks.length - open;
  const counts = view === 'all' ? `${open} open · ${done} done` : `${tasks.length} ${view}`;
  const header = row([title(HEADINGS[view], { size: 'sm' }), spacer(), caption(counts)], { align: 'center' });
  if (!tasks.length) {
    return card(
      [
        header,
        divider({ flush: true }),
        row([icon('check-circle', { color: 'secondary' }), text(EMPTY[view], { color: 'secondary', size: 'sm' })], { gap: 2, align: 'center' }),
        caption('Say “add task …” to create one.'),
      ],
      { size: 'md', key: `tasks-${view}` },
    );
  }
  const shown = tasks.slice(0, TASK_CARD_MAX_ROWS);
  const list: ListView = listView(shown.map((t) => taskItem(t, view)), { key: `tasks-${view}-list` });
  const children: Card['children'] = [header, list];
  if (tasks.length > shown.length) children.push(caption(`…and ${tasks.length - shown.length} more. Ask for open or completed tasks to narrow the list.`));
  return card(children, { size: 'md', key: `tasks-${view}` });
}

/** Clipboard text of a task list card. */
export function taskListCopyText(tasks: readonly TaskSummary[]): string {
  return tasks.length ? tasks.map((t) => `${t.status === 'done' ? '[x]' : '[ ]'} ${t.title}`).join('\n') : 'No tasks.';
}

export const BULK_PROGRESS_ID = 'tasks-bulk-progress';

/**
 * States of the bulk-add progress card. While tasks are added only the Markdown
 * log grows (streamed as `widget.streaming_text.value_delta`); the final state
 * changes the heading, which the diff sends as one `widget.root.updated`.
 */
export function bulkAddCard(total: number, lines: readonly string[], finished: boolean, added = lines.length): Card {
  const heading = finished ? `Added ${added} of ${total} task${total === 1 ? '' : 's'}` : `Adding ${total} task${total === 1 ? '' : 's'}…`;
  return card(
    [
      row([icon(finished ? 'check-circle-filled' : 'reload', { color: finished ? 'success' : 'secondary' }), title(heading, { size: 'sm' })], { gap: 2, align: 'center' }),
      markdown(lines.map((l) => `- ${l}\n`).join(''), { id: BULK_PROGRESS_ID, streaming: !finished }),
    ],
    { size: 'md', key: 'tasks-bulk-add' },
  );
}
