import Ajv2020 from 'ajv/dist/2020';
import { WIDGET_JSON_SCHEMA } from './schema';
import { WIDGET_CHILD_TYPES, WIDGET_COMPONENT_TYPES, WIDGET_ROOT_TYPES } from './tokens';
import type { WidgetRoot } from './types';
import { validateActionConfig, validateWidget, validateWidgetComponent } from './validate';

// ---------------------------------------------------------------------------
// Fixtures (JSON as a tool or template would produce it)
// ---------------------------------------------------------------------------

const approvalCard = {
  type: 'Card',
  size: 'md',
  status: { text: 'Expense report', icon: 'document' },
  confirm: { label: 'Approve', action: { type: 'expense.approve', payload: { id: 'exp_1' } } },
  cancel: { label: 'Reject', action: { type: 'expense.reject', payload: { id: 'exp_1' }, loadingBehavior: 'container' } },
  children: [
    {
      type: 'Row',
      gap: 2,
      align: 'center',
      children: [
        { type: 'Icon', name: 'suitcase', size: 'lg', color: { light: 'blue-600', dark: 'blue-300' } },
        { type: 'Title', value: 'Trip to Lisbon', size: 'sm' },
        { type: 'Spacer' },
        { type: 'Badge', label: 'Pending', color: 'warning', variant: 'soft', pill: true },
      ],
    },
    { type: 'Divider', flush: true },
    { type: 'Text', id: 'summary', value: 'Flights and hotel, 3 nights.', streaming: true, color: 'secondary', maxLines: 3 },
    { type: 'Markdown', value: '**Total:** 1 240 €' },
    {
      type: 'Form',
      direction: 'col',
      gap: 2,
      onSubmitAction: { type: 'expense.comment', handler: 'server', streaming: false },
      children: [
        { type: 'Label', value: 'Comment', fieldName: 'comment' },
        { type: 'Textarea', name: 'comment', rows: 3, placeholder: 'Optional' },
        {
          type: 'Select',
          name: 'category',
          options: [{ value: 'travel', label: 'Travel' }, { value: 'meals', label: 'Meals', description: 'Food' }],
          onChangeAction: { type: 'category.changed', loadingBehavior: 'none' },
        },
        { type: 'DatePicker', name: 'date', defaultValue: '2026-03-01T00:00:00', side: 'bottom' },
        { type: 'Checkbox', name: 'urgent', label: 'Urgent', onChangeAction: { type: 'urgent.toggle', handler: 'client' } },
        { type: 'RadioGroup', name: 'pay', options: [{ label: 'Card', value: 'card' }], direction: 'row' },
        { type: 'Input', name: 'ref', inputType: 'text', required: true, pattern: '^[A-Z]+$' },
        { type: 'Button', label: 'Send', submit: true, style: 'primary', iconStart: 'lucide:send', size: 'sm' },
      ],
    },
    {
      type: 'Box',
      padding: { x: 2, y: '4px' },
      border: { top: { size: 1, color: 'subtle', style: 'dashed' } },
      radius: 'md',
      background: 'surface-secondary',
      children: [
        { type: 'Image', src: 'https://example.com/receipt.png', alt: 'Receipt', fit: 'cover', aspectRatio: 1.5, radius: 'sm' },
        {
          type: 'Chart',
          data: [{ month: 'Jan', amount: 120 }, { month: 'Feb', amount: 80.5 }],
          series: [{ type: 'bar', label: 'Amount', dataKey: 'amount', color: 'blue' }, { type: 'line', dataKey: 'amount', curveType: 'monotone' }],
          xAxis: { dataKey: 'month', labels: { Jan: 'January' } },
          height: 160,
        },
        {
          type: 'Table',
          children: [
            { type: 'Table.Row', header: true, children: [{ type: 'Table.Cell', children: [{ type: 'Caption', value: 'Item' }] }] },
            { type: 'Table.Row', children: [{ type: 'Table.Cell', colSpan: 2, align: 'end', children: [{ type: 'Text', value: 'Hotel' }] }] },
          ],
        },
        { type: 'Transition', children: { type: 'Text', value: 'Saved', italic: true } },
      ],
    },
  ],
};

const linesListView = {
  type: 'ListView',
  limit: 'auto',
  children: ['blue', 'orange'].map((id) => ({
    type: 'ListViewItem',
    key: id,
    gap: 5,
    onClickAction: { type: 'line.select', payload: { id } },
    children: [
      { type: 'Box', background: `${id}-500`, radius: 'full', size: 25 },
      { type: 'Text', value: `${id} line`, size: 'sm' },
    ],
  })),
};

const basicPreview = {
  type: 'Basic',
  direction: 'col',
  gap: 2,
  children: [
    { type: 'Col', gap: 1, children: [{ type: 'Title', value: 'Harry Potter', size: 'sm' }] },
    linesListView,
    { type: 'Card', children: [{ type: 'Text', value: 'nested card' }] },
  ],
};

/** Puts `node` at children[0] of a Card. */
const inCard = (node: unknown) => ({ type: 'Card', children: [node] });
const errorsOf = (root: unknown) => {
  const r = validateWidget(root);
  return r.ok ? [] : r.errors;
};

// ---------------------------------------------------------------------------

describe('validateWidget: valid trees', () => {
  it.each([
    ['a card using every component kind, actions at every attachment point', approvalCard],
    ['a list view of clickable items', linesListView],
    ['a Basic root nesting components, a ListView and a Card', basicPreview],
  ])('accepts %s', (_name, root) => {
    expect(validateWidget(root)).toEqual({ ok: true, widget: root });
  });

  it('narrows the result to WidgetRoot', () => {
    const result = validateWidget(linesListView);
    if (!result.ok) throw new Error('expected a valid widget');
    const root: WidgetRoot = result.widget;
    expect(root.type === 'ListView' && root.children.map((item) => item.key)).toEqual(['blue', 'orange']);
  });

  it('returns the input itself and keeps unknown props (like the reference)', () => {
    const root = { type: 'Card', futureProp: { x: 1 }, children: [{ type: 'Text', value: 'x', newStyle: 'fancy' }] };
    const result = validateWidget(root);
    expect(result.ok && result.widget).toBe(root);
  });

  it('treats undefined props as absent (objects built in TypeScript)', () => {
    expect(validateWidget({ type: 'Card', size: undefined, children: [{ type: 'Text', value: 'x', color: undefined }] }).ok).toBe(true);
  });

  it('accepts built-in, lucide: and vendor: icon names', () => {
    for (const name of ['check', 'lucide:send', 'vendor:acme-logo']) {
      expect(validateWidget(inCard({ type: 'Icon', name })).ok).toBe(true);
    }
  });
});

describe('validateWidget: structural rules', () => {
  it('rejects a non-ListViewItem child of ListView, at its type', () => {
    expect(errorsOf({ type: 'ListView', children: [linesListView.children[0], { type: 'Text', value: 'x' }] })).toEqual([
      { path: 'children[1].type', message: '"Text" is not allowed here; expected ListViewItem' },
    ]);
  });

  it('rejects ListViewItem outside ListView (deep inside a card)', () => {
    const root = { type: 'Card', children: [{ type: 'Col', children: [{ type: 'Text', value: 'a' }, { type: 'ListViewItem', children: [] }] }] };
    expect(errorsOf(root)).toEqual([
      { path: 'children[0].children[1].type', message: 'ListViewItem may only appear as a direct child of ListView' },
    ]);
  });

  it('rejects a ListViewItem as the root', () => {
    expect(errorsOf({ type: 'ListViewItem', children: [] })).toEqual([
      { path: 'type', message: '"ListViewItem" is not allowed here; expected Card, ListView or Basic' },
    ]);
  });

  it('accepts a ListView inside a Card (a list with a title), as the reference does', () => {
    expect(errorsOf(inCard(linesListView))).toEqual([]);
  });

  it('rejects a Card nested in a Card; other roots nest only inside Basic', () => {
    expect(errorsOf(inCard({ type: 'Card', children: [] }))).toEqual([
      { path: 'children[0].type', message: 'Card is a root; roots may only be nested inside Basic' },
    ]);
  });

  it('requires Table children to be Table.Row and Table.Row children to be Table.Cell', () => {
    const root = inCard({
      type: 'Table',
      children: [
        { type: 'Table.Row', children: [{ type: 'Text', value: 'not a cell' }] },
        { type: 'Table.Cell', children: [] },
      ],
    });
    expect(errorsOf(root)).toEqual([
      { path: 'children[0].children[0].children[0].type', message: '"Text" is not allowed here; expected Table.Cell' },
      { path: 'children[0].children[1].type', message: '"Table.Cell" is not allowed here; expected Table.Row' },
    ]);
  });

  it('rejects Table.Row and Table.Cell outside tables', () => {
    expect(errorsOf(inCard({ type: 'Table.Row' }))).toEqual([
      { path: 'children[0].type', message: 'Table.Row may only appear as a child of Table' },
    ]);
    expect(errorsOf({ type: 'Basic', children: [{ type: 'Table.Cell' }] })).toEqual([
      { path: 'children[0].type', message: 'Table.Cell may only appear as a child of Table.Row' },
    ]);
  });

  it('rejects unknown component types', () => {
    expect(errorsOf(inCard({ type: 'Carousel', children: [] }))).toEqual([
      { path: 'children[0].type', message: 'Unknown component type "Carousel"' },
    ]);
    expect(errorsOf({ type: 'Modal', children: [] })).toEqual([
      { path: 'type', message: 'Unknown component type "Modal"; expected Card, ListView or Basic' },
    ]);
  });

  it('rejects nodes without a string type', () => {
    expect(errorsOf(inCard({ value: 'x' }))).toEqual([{ path: 'children[0].type', message: 'Required' }]);
    expect(errorsOf(inCard({ type: 3 }))).toEqual([{ path: 'children[0].type', message: 'Expected string, got number' }]);
    expect(errorsOf(inCard('text'))).toEqual([{ path: 'children[0]', message: 'Expected a widget component object, got string' }]);
  });

  it('rejects a root that is not an object', () => {
    for (const root of [null, 'Card', [], 42]) {
      expect(errorsOf(root)).toEqual([{ path: '', message: expect.stringMatching(/^Expected a widget root object, got/) }]);
    }
  });

  it('requires children where the protocol does', () => {
    expect(errorsOf({ type: 'Card' })).toEqual([{ path: 'children', message: 'Required' }]);
    expect(errorsOf({ type: 'ListView', children: [{ type: 'ListViewItem' }] })).toEqual([
      { path: 'children[0].children', message: 'Required' },
    ]);
    expect(errorsOf(inCard({ type: 'Transition' }))).toEqual([{ path: 'children[0].children', message: 'Required' }]);
    expect(errorsOf(inCard({ type: 'Transition', children: [{ type: 'Text', value: 'x' }] }))).toEqual([
      { path: 'children[0].children', message: 'Expected a widget component object, got array' },
    ]);
  });
});

describe('validateWidget: actions', () => {
  const withAction = (action: unknown) =>
    ({ type: 'Card', children: [{ type: 'Row', children: [{ type: 'Text', value: 'a' }, { type: 'Button', label: 'Go', onClickAction: action }] }] });

  it('reports a bad handler at the full path', () => {
    expect(errorsOf(withAction({ type: 'go', handler: 'browser' }))).toEqual([
      { path: 'children[0].children[1].onClickAction.handler', message: 'Expected one of: server, client; got "browser"' },
    ]);
  });

  it('requires a non-empty string type', () => {
    expect(errorsOf(withAction({ payload: {} }))).toEqual([{ path: 'children[0].children[1].onClickAction.type', message: 'Required' }]);
    expect(errorsOf(withAction({ type: '' }))).toEqual([{ path: 'children[0].children[1].onClickAction.type', message: 'Must not be empty' }]);
    expect(errorsOf(withAction({ type: 7 }))).toEqual([
      { path: 'children[0].children[1].onClickAction.type', message: 'Expected string, got number' },
    ]);
  });

  it('checks loadingBehavior and streaming', () => {
    expect(errorsOf(withAction({ type: 'go', loadingBehavior: 'spinner', streaming: 'no' }))).toEqual([
      { path: 'children[0].children[1].onClickAction.loadingBehavior', message: 'Expected one of: auto, none, self, container; got "spinner"' },
      { path: 'children[0].children[1].onClickAction.streaming', message: 'Expected boolean, got string' },
    ]);
  });

  it('accepts any JSON payload and rejects non-JSON values inside it', () => {
    for (const payload of [null, 1, 'x', true, [1, { a: [null] }], { nested: { deep: [1, 'two'] } }]) {
      expect(errorsOf(withAction({ type: 'go', payload }))).toEqual([]);
    }
    expect(errorsOf(withAction({ type: 'go', payload: { at: new Date(0), fn: () => 1 } }))).toEqual([
      { path: 'children[0].children[1].onClickAction.payload.at', message: 'Expected a JSON value' },
      { path: 'children[0].children[1].onClickAction.payload.fn', message: 'Expected a JSON value' },
    ]);
  });

  it('validates every attachment point', () => {
    const bad = { type: 'x', handler: 'nope' };
    const root = {
      type: 'Card',
      confirm: { label: 'OK', action: bad },
      cancel: { label: 'Cancel', action: bad },
      children: [
        { type: 'Form', onSubmitAction: bad, children: [
          { type: 'Select', name: 's', options: [], onChangeAction: bad },
          { type: 'DatePicker', name: 'd', onChangeAction: bad },
          { type: 'Checkbox', name: 'c', onChangeAction: bad },
          { type: 'RadioGroup', name: 'r', onChangeAction: bad },
          { type: 'Button', onClickAction: bad },
        ] },
      ],
    };
    expect(errorsOf(root).map((e) => e.path)).toEqual([
      'confirm.action.handler',
      'cancel.action.handler',
      'children[0].onSubmitAction.handler',
      'children[0].children[0].onChangeAction.handler',
      'children[0].children[1].onChangeAction.handler',
      'children[0].children[2].onChangeAction.handler',
      'children[0].children[3].onChangeAction.handler',
      'children[0].children[4].onClickAction.handler',
    ]);
    expect(errorsOf({ type: 'ListView', children: [{ type: 'ListViewItem', children: [], onClickAction: bad }] })).toEqual([
      { path: 'children[0].onClickAction.handler', message: 'Expected one of: server, client; got "nope"' },
    ]);
    expect(errorsOf({ type: 'Card', confirm: { action: { type: 'ok' } }, children: [] })).toEqual([
      { path: 'confirm.label', message: 'Required' },
    ]);
  });

  it('validateActionConfig checks an action on its own', () => {
    expect(validateActionConfig({ type: 'go', streaming: false })).toEqual({ ok: true, action: { type: 'go', streaming: false } });
    expect(validateActionConfig({ type: 'go', handler: 1 })).toEqual({
      ok: false,
      errors: [{ path: 'handler', message: 'Expected string, got number' }],
    });
  });
});

describe('validateWidget: value checks', () => {
  it.each([
    [{ type: 'Text', value: 'x', size: 'huge' }, 'children[0].size', 'Expected one of: xs, sm, md, lg, xl; got "huge"'],
    [{ type: 'Title', value: 'x', size: '6xl' }, 'children[0].size', 'Expected one of: sm, md, lg, xl, 2xl, 3xl, 4xl, 5xl; got "6xl"'],
    [{ type: 'Badge', label: 'x', color: 'pink' }, 'children[0].color', 'Expected one of: secondary, success, danger, warning, info, discovery; got "pink"'],
    [{ type: 'Button', color: 'blue' }, 'children[0].color', 'Expected one of: primary, secondary, info, discovery, success, caution, warning, danger; got "blue"'],
    [{ type: 'Button', size: 'xxl' }, 'children[0].size', 'Expected one of: 3xs, 2xs, xs, sm, md, lg, xl, 2xl, 3xl; got "xxl"'],
    [{ type: 'Icon', name: 'smiley' }, 'children[0].name', 'Expected a built-in icon name or a "lucide:" / "vendor:" icon'],
    [{ type: 'Text' }, 'children[0].value', 'Required'],
    [{ type: 'Text', value: 5 }, 'children[0].value', 'Expected string, got number'],
    [{ type: 'Text', value: null }, 'children[0].value', 'Expected string, got null'],
    [{ type: 'Text', value: 'x', color: 4 }, 'children[0].color', 'Expected string or ThemeColor, got number'],
    [{ type: 'Text', value: 'x', color: { light: 'red-100' } }, 'children[0].color.dark', 'Required'],
    [{ type: 'Text', value: 'x', maxLines: 1.5 }, 'children[0].maxLines', 'Expected integer, got number'],
    [{ type: 'Text', value: 'x', maxLines: 0 }, 'children[0].maxLines', 'Must be >= 1'],
    [{ type: 'Text', value: 'x', editable: true }, 'children[0].editable', 'Expected false'],
    [{ type: 'Text', value: 'x', editable: { placeholder: 'p' } }, 'children[0].editable.name', 'Required'],
    [{ type: 'Box', radius: 'round' }, 'children[0].radius', 'Expected one of: 2xs, xs, sm, md, lg, xl, 2xl, 3xl, 4xl, full, 100%, none; got "round"'],
    [{ type: 'Box', padding: { top: 1, vertical: 2 } }, 'children[0].padding.vertical', 'Unknown property'],
    [{ type: 'Box', gap: true }, 'children[0].gap', 'Expected number or string, got boolean'],
    [{ type: 'Select', name: 's' }, 'children[0].options', 'Required'],
    [{ type: 'Select', name: 's', options: [{ value: 'a' }] }, 'children[0].options[0].label', 'Required'],
    [{ type: 'Input', name: 'n', inputType: 'date' }, 'children[0].inputType', 'Expected one of: number, email, text, password, tel, url; got "date"'],
    [{ type: 'Label', value: 'v' }, 'children[0].fieldName', 'Required'],
    [{ type: 'Chart', data: [], series: [{ type: 'pie', dataKey: 'x' }], xAxis: 'm' }, 'children[0].series[0].type', 'Unknown type "pie"; expected bar, area or line'],
    [{ type: 'Chart', data: [{ a: true }], series: [], xAxis: 'm' }, 'children[0].data[0].a', 'Expected number or string, got boolean'],
    [{ type: 'Image' }, 'children[0].src', 'Required'],
  ])('%j fails at %s', (node, path, message) => {
    expect(errorsOf(inCard(node))).toEqual([{ path, message }]);
  });

  it('checks root props', () => {
    expect(errorsOf({ type: 'Card', size: 'xl', theme: 'blue', children: [] })).toEqual([
      { path: 'size', message: 'Expected one of: sm, md, lg, full; got "xl"' },
      { path: 'theme', message: 'Expected one of: light, dark; got "blue"' },
    ]);
    expect(errorsOf({ type: 'ListView', limit: 0, children: [] })).toEqual([{ path: 'limit', message: 'Must be >= 1' }]);
    expect(errorsOf({ type: 'ListView', limit: 'all', children: [] })).toEqual([{ path: 'limit', message: 'Expected "auto"' }]);
    expect(errorsOf({ type: 'Card', status: { icon: 'check' }, children: [] })).toEqual([{ path: 'status.text', message: 'Required' }]);
  });

  it('reports every error, capped, and stops at excessive depth', () => {
    const many = { type: 'Card', children: Array.from({ length: 80 }, () => ({ type: 'Text' })) };
    expect(errorsOf(many)).toHaveLength(50);

    let deep: Record<string, unknown> = { type: 'Text', value: 'leaf' };
    for (let i = 0; i < 200; i++) deep = { type: 'Col', children: [deep] };
    expect(errorsOf(inCard(deep))).toEqual([{ path: expect.stringMatching(/^children\[0\]/), message: 'Nested too deeply' }]);

    const circular: Record<string, unknown> = { type: 'Col' };
    circular.children = [circular];
    expect(validateWidget(inCard(circular)).ok).toBe(false);
  });

  it('applies a byte cap before validating when maxBytes is given', () => {
    expect(validateWidget(approvalCard, { maxBytes: 100 })).toEqual({
      ok: false,
      errors: [{ path: '', message: expect.stringMatching(/^Widget is \d+ bytes; the limit is 100 bytes$/) }],
    });
    expect(validateWidget(approvalCard, { maxBytes: 100_000 }).ok).toBe(true);
  });
});

describe('validateWidgetComponent', () => {
  it('accepts any non-root component, including ListViewItem and table parts', () => {
    for (const c of [{ type: 'Text', value: 'x' }, { type: 'ListViewItem', children: [] }, { type: 'Table.Cell' }]) {
      expect(validateWidgetComponent(c).ok).toBe(true);
    }
    expect(validateWidgetComponent({ type: 'Card', children: [] }).ok).toBe(false);
  });
});

describe('WIDGET_JSON_SCHEMA', () => {
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false, allowUnionTypes: true });
  ajv.addKeyword('errorMessage');
  const ajvValidate = ajv.compile(WIDGET_JSON_SCHEMA as object);

  it('is a valid draft 2020-12 schema with a def for every root and component', () => {
    expect(WIDGET_JSON_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const type of [...WIDGET_ROOT_TYPES, ...WIDGET_COMPONENT_TYPES]) {
      expect(WIDGET_JSON_SCHEMA.$defs?.[type]?.properties?.type).toEqual({ const: type });
    }
    expect(WIDGET_JSON_SCHEMA.$defs?.ChildComponent?.oneOf).toHaveLength(WIDGET_CHILD_TYPES.length);
  });

  it('survives a JSON round trip (it is what the server serves)', () => {
    expect(JSON.parse(JSON.stringify(WIDGET_JSON_SCHEMA))).toEqual(WIDGET_JSON_SCHEMA);
  });

  // The validator interprets the schema; a standard validator must agree with it.
  it.each<[string, unknown]>([
    ['approval card', approvalCard],
    ['list view', linesListView],
    ['basic', basicPreview],
    ['text in list view', { type: 'ListView', children: [{ type: 'Text', value: 'x' }] }],
    ['list item in card', inCard({ type: 'ListViewItem', children: [] })],
    ['unknown type', inCard({ type: 'Carousel' })],
    ['bad handler', inCard({ type: 'Button', onClickAction: { type: 'x', handler: 'nope' } })],
    ['empty action type', inCard({ type: 'Button', onClickAction: { type: '' } })],
    ['cell in table', inCard({ type: 'Table', children: [{ type: 'Table.Cell' }] })],
    ['bad icon', inCard({ type: 'Icon', name: 'nope' })],
    ['lucide icon', inCard({ type: 'Icon', name: 'lucide:bell' })],
    ['extra component prop', inCard({ type: 'Text', value: 'x', shiny: true })],
    ['extra spacing prop', inCard({ type: 'Box', padding: { top: 1, vertical: 1 } })],
    ['border shorthand', inCard({ type: 'Box', border: 1 })],
    ['border object', inCard({ type: 'Box', border: { size: 1, style: 'dotted' } })],
    ['null prop', inCard({ type: 'Text', value: 'x', size: null })],
  ])('agrees with Ajv on: %s', (_name, root) => {
    expect(validateWidget(root).ok).toBe(ajvValidate(root));
  });
});
