import { ACTION_DEFAULTS, actionRoute, dropNulls, resolveActionConfig } from './actions';
import {
  action, badge, basic, button, caption, card, chart, checkbox, col, datePicker, divider, form, icon,
  image, input, label, listView, listViewItem, markdown, radioGroup, row, select, spacer, table,
  tableCell, tableRow, text, textarea, title, transition,
} from './builders';
import { checkWidgetSize, utf8ByteLength, widgetByteSize } from './size';
import type { Card, ListView } from './types';
import { validateWidget } from './validate';

describe('builders', () => {
  it('build plain JSON nodes with type first and children last', () => {
    const node = row([text('Hi')], { gap: 2 });
    expect(node).toEqual({ type: 'Row', gap: 2, children: [{ type: 'Text', value: 'Hi' }] });
    expect(JSON.stringify(node)).toBe('{"type":"Row","gap":2,"children":[{"type":"Text","value":"Hi"}]}');
  });

  it('produce trees that pass validation, covering every builder', () => {
    const approve = action('expense.approve', { id: 'exp_1' });
    const widget: Card = card(
      [
        row([icon('suitcase', { size: 'lg' }), title('Trip'), spacer(), badge('Pending', { color: 'warning' })], { align: 'center' }),
        divider({ flush: true }),
        text('Flights and hotel', { id: 'summary', streaming: true }),
        caption('3 nights'),
        markdown('**1 240 €**'),
        image('https://example.com/r.png', { alt: 'Receipt' }),
        form(
          [
            label({ value: 'Comment', fieldName: 'comment' }),
            textarea('comment', { rows: 2 }),
            input('ref', { required: true }),
            select({ name: 'cat', options: [{ value: 'travel', label: 'Travel' }] }),
            datePicker('date'),
            checkbox('urgent', { label: 'Urgent' }),
            radioGroup('pay', { options: [{ label: 'Card', value: 'card' }] }),
            button('Send', { submit: true }),
          ],
          { onSubmitAction: action('expense.comment', undefined, { streaming: false }) },
        ),
        col([transition(text('Saved'))]),
        chart({ data: [{ m: 'Jan', v: 1 }], series: [{ type: 'bar', dataKey: 'v' }], xAxis: 'm' }),
        table([tableRow([tableCell([text('cell')])], { header: true })]),
        row([button('Approve', { onClickAction: approve, style: 'primary' })]),
      ],
      { size: 'md', confirm: { label: 'Approve', action: approve } },
    );
    expect(validateWidget(widget)).toEqual({ ok: true, widget });

    const list: ListView = listView([listViewItem([text('One')], { onClickAction: action('pick', { id: 1 }) })]);
    expect(validateWidget(basic([list, widget])).ok).toBe(true);
  });

  it('action() omits an absent payload and keeps options', () => {
    expect(action('ping')).toEqual({ type: 'ping' });
    expect(action('save', { id: 1 }, { handler: 'client', loadingBehavior: 'self' })).toEqual({
      type: 'save', payload: { id: 1 }, handler: 'client', loadingBehavior: 'self',
    });
  });
});

describe('actions', () => {
  it('resolveActionConfig fills the reference defaults', () => {
    expect(resolveActionConfig({ type: 'x' })).toEqual({ type: 'x', ...ACTION_DEFAULTS });
    expect(resolveActionConfig({ type: 'x', streaming: false })).toEqual({
      type: 'x', handler: 'server', loadingBehavior: 'auto', streaming: false,
    });
  });

  it('actionRoute maps handler/streaming to the request the client sends', () => {
    expect(actionRoute({ type: 'x' })).toBe('threads.custom_action');
    expect(actionRoute({ type: 'x', streaming: false })).toBe('threads.sync_custom_action');
    expect(actionRoute({ type: 'x', handler: 'client', streaming: false })).toBe('client');
  });

  it('dropNulls removes null props and null list items, recursively, without mutating', () => {
    const input = { type: 'Card', size: null, children: [null, { type: 'Text', value: 'x', color: null }] };
    expect(dropNulls(input)).toEqual({ type: 'Card', children: [{ type: 'Text', value: 'x' }] });
    expect(input.size).toBeNull();
    expect(validateWidget(dropNulls(input)).ok).toBe(true);
  });
});

describe('widget size', () => {
  it('counts UTF-8 bytes of the JSON encoding', () => {
    expect(widgetByteSize({ type: 'Text', value: 'abc' })).toBe('{"type":"Text","value":"abc"}'.length);
    // é = 2 bytes, € = 3 bytes, 😀 = 4 bytes (a surrogate pair)
    expect(utf8ByteLength('é€😀')).toBe(9);
    const root = card([text('Prix: 12 € 😀'), markdown('ünïcödé')]);
    expect(widgetByteSize(root)).toBe(Buffer.byteLength(JSON.stringify(root), 'utf8'));
    expect(widgetByteSize(undefined)).toBe(0);
  });

  it('checkWidgetSize enforces the cap inclusively', () => {
    const root = card([text('x'.repeat(100))]);
    const bytes = widgetByteSize(root);
    expect(checkWidgetSize(root, bytes)).toEqual({ ok: true, bytes });
    expect(checkWidgetSize(root, bytes - 1)).toEqual({
      ok: false,
      bytes,
      errors: [{ path: '', message: `Widget is ${bytes} bytes; the limit is ${bytes - 1} bytes` }],
    });
  });

  it('checkWidgetSize fails (without throwing) on unserialisable trees', () => {
    const circular: Record<string, unknown> = { type: 'Card' };
    circular.children = [circular];
    expect(checkWidgetSize(circular, 1000)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'Widget is not JSON-serialisable' }],
    });
  });
});
