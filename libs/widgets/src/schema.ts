/**
 * JSON Schema (draft 2020-12) of a widget tree: the single source of truth.
 *
 * `validateWidget` (validate.ts) interprets this very object, so what the server
 * serves to widget authors is exactly what the server, the admin and the chat
 * element enforce. Only a small, standard keyword subset is used: `$ref`/`$defs`,
 * `type`, `const`, `enum`, `anyOf`, `oneOf` (always discriminated by a `type`
 * const), `properties`, `required`, `additionalProperties`, `items`, `minLength`,
 * `minimum`, `pattern`; plus the annotations `title`, `description`, `default`
 * and `errorMessage` (the message used when no `anyOf` branch matches).
 *
 * Components accept unknown extra props (as the reference does); the small value
 * objects (ThemeColor, Spacing, Border, Borders) do not, so typos there are caught.
 */
import {
  ACTION_HANDLERS, ALIGNMENTS, BADGE_COLORS, BADGE_SIZES, BADGE_VARIANTS, BORDER_STYLES,
  BUTTON_COLORS, BUTTON_ICON_SIZES, BUTTON_STYLES, CAPTION_SIZES, CARD_SIZES, CONTROL_SIZES,
  CONTROL_VARIANTS, CURVE_TYPES, CUSTOM_ICON_PATTERN, DIRECTIONS, FLEX_WRAPS, FONT_WEIGHTS,
  GUTTER_SIZES, ICON_NAMES, ICON_SIZES, IMAGE_FITS, IMAGE_POSITIONS, INPUT_TYPES,
  INPUT_VARIANTS, JUSTIFICATIONS, LOADING_BEHAVIORS, POPOVER_SIDES, RADIUS_VALUES,
  TABLE_COL_SIZES, TEXT_ALIGNS, TEXT_SIZES, THEMES, TITLE_SIZES, WIDGET_CHILD_TYPES,
  WIDGET_COMPONENT_TYPES, WIDGET_ROOT_TYPES,
} from './tokens';

export type JsonSchemaType = 'null' | 'boolean' | 'number' | 'integer' | 'string' | 'array' | 'object';

/** The JSON Schema keyword subset used by the widget schema. */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  readonly description?: string;
  readonly type?: JsonSchemaType | readonly JsonSchemaType[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly pattern?: string;
  readonly default?: unknown;
  readonly errorMessage?: string;
}

type Props = Record<string, JsonSchema>;

const ref = (name: string): JsonSchema => ({ $ref: '#/$defs/' + name });
const STR: JsonSchema = { type: 'string' };
const BOOL: JsonSchema = { type: 'boolean' };
const NUM: JsonSchema = { type: 'number' };
const NUM_STR: JsonSchema = { type: ['number', 'string'] };
const int = (minimum: number): JsonSchema => ({ type: 'integer', minimum });
const en = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: values });
const arr = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const obj = (properties: Props, required?: string[], closed?: boolean): JsonSchema => ({
  type: 'object',
  properties,
  ...(required && { required }),
  ...(closed && { additionalProperties: false }),
});
/** A widget node: `type` const, optional `id`/`key`, then its own props. */
const node = (type: string, properties: Props, required: string[] = []): JsonSchema =>
  obj({ type: { const: type }, id: STR, key: STR, ...properties }, ['type', ...required]);
const oneOfRefs = (names: readonly string[]): JsonSchema => ({ oneOf: names.map(ref) });

const COLOR = ref('Color');
const SPACING = ref('Spacing');
const ICON = ref('IconName');
const ACTION = ref('ActionConfig');
const CHILDREN = arr(ref('ChildComponent'));
const ALIGN = en(ALIGNMENTS);
const TEXT_ALIGN = en(TEXT_ALIGNS);
const THEME = en(THEMES);
const DIRECTION = en(DIRECTIONS);
const WEIGHT = en(FONT_WEIGHTS);
const CONTROL_SIZE = en(CONTROL_SIZES);
const CONTROL_VARIANT = en(CONTROL_VARIANTS);
const INPUT_VARIANT = en(INPUT_VARIANTS);
const GUTTER = en(GUTTER_SIZES);
const RADIUS = en(RADIUS_VALUES);

const SIZE_PROPS: Props = {
  height: NUM_STR, width: NUM_STR, size: NUM_STR,
  minHeight: NUM_STR, minWidth: NUM_STR, minSize: NUM_STR,
  maxHeight: NUM_STR, maxWidth: NUM_STR, maxSize: NUM_STR,
  aspectRatio: NUM_STR,
};
const BOX_PROPS: Props = {
  children: CHILDREN, align: ALIGN, justify: en(JUSTIFICATIONS), wrap: en(FLEX_WRAPS),
  flex: NUM_STR, gap: NUM_STR, padding: SPACING, margin: SPACING, border: ref('BorderValue'),
  radius: RADIUS, background: COLOR, ...SIZE_PROPS,
};
const TEXT_PROPS: Props = {
  value: STR, color: COLOR, weight: WEIGHT, textAlign: TEXT_ALIGN, truncate: BOOL, maxLines: int(1),
};
const FIELD_PROPS: Props = {
  name: STR, defaultValue: STR, required: BOOL, pattern: STR, placeholder: STR,
  allowAutofillExtensions: BOOL, autoSelect: BOOL, autoFocus: BOOL, disabled: BOOL,
  variant: INPUT_VARIANT, size: CONTROL_SIZE, gutterSize: GUTTER,
};
const PICKER_PROPS: Props = {
  name: STR, onChangeAction: ACTION, placeholder: STR, defaultValue: STR, variant: CONTROL_VARIANT,
  size: CONTROL_SIZE, pill: BOOL, block: BOOL, clearable: BOOL, disabled: BOOL,
};
const SERIES_PROPS: Props = { label: STR, dataKey: { type: 'string', minLength: 1 }, color: COLOR };
const STATUS = obj({ text: STR, favicon: STR, frame: BOOL, icon: ICON }, ['text']);
const CARD_ACTION = obj({ label: STR, action: ACTION }, ['label', 'action']);

const defs: Record<string, JsonSchema> = {
  // ---- roots ----
  WidgetRoot: oneOfRefs(WIDGET_ROOT_TYPES),
  // A Card may hold a ListView (a list inside a titled card), as the reference
  // accepts and as ChatKit.js renders; other roots nest only inside Basic.
  Card: node('Card', {
    children: arr(oneOfRefs([...WIDGET_CHILD_TYPES, 'ListView'])), asForm: BOOL, background: COLOR, border: ref('BorderValue'),
    size: en(CARD_SIZES), padding: SPACING, status: STATUS, collapsed: BOOL,
    confirm: CARD_ACTION, cancel: CARD_ACTION, theme: THEME,
  }, ['children']),
  ListView: node('ListView', {
    children: arr(ref('ListViewItem')),
    limit: { anyOf: [int(1), { const: 'auto' }] },
    status: STATUS, theme: THEME,
  }, ['children']),
  Basic: node('Basic', {
    children: arr(oneOfRefs([...WIDGET_CHILD_TYPES, ...WIDGET_ROOT_TYPES])),
    theme: THEME, direction: DIRECTION, gap: NUM_STR, padding: SPACING, align: ALIGN,
    justify: en(JUSTIFICATIONS),
  }, ['children']),

  // ---- unions of components ----
  ChildComponent: oneOfRefs(WIDGET_CHILD_TYPES),
  WidgetComponent: oneOfRefs(WIDGET_COMPONENT_TYPES),

  // ---- components ----
  ListViewItem: node('ListViewItem', {
    children: CHILDREN, onClickAction: ACTION, gap: NUM_STR, align: ALIGN,
  }, ['children']),
  Box: node('Box', { ...BOX_PROPS, direction: DIRECTION }),
  Row: node('Row', BOX_PROPS),
  Col: node('Col', BOX_PROPS),
  Form: node('Form', { ...BOX_PROPS, onSubmitAction: ACTION, direction: DIRECTION }),
  Spacer: node('Spacer', { minSize: NUM_STR }),
  Divider: node('Divider', { color: COLOR, size: NUM_STR, spacing: NUM_STR, flush: BOOL }),
  Transition: node('Transition', { children: ref('ChildComponent') }, ['children']),
  Text: node('Text', {
    ...TEXT_PROPS, streaming: BOOL, italic: BOOL, lineThrough: BOOL, width: NUM_STR,
    size: en(TEXT_SIZES), minLines: int(1),
    editable: {
      anyOf: [
        { const: false },
        obj({
          name: STR, autoFocus: BOOL, autoSelect: BOOL, autoComplete: STR,
          allowAutofillExtensions: BOOL, pattern: STR, placeholder: STR, required: BOOL,
        }, ['name']),
      ],
    },
  }, ['value']),
  Title: node('Title', { ...TEXT_PROPS, size: en(TITLE_SIZES) }, ['value']),
  Caption: node('Caption', { ...TEXT_PROPS, size: en(CAPTION_SIZES) }, ['value']),
  Markdown: node('Markdown', { value: STR, streaming: BOOL }, ['value']),
  Badge: node('Badge', {
    label: STR, color: en(BADGE_COLORS), variant: en(BADGE_VARIANTS), size: en(BADGE_SIZES), pill: BOOL,
  }, ['label']),
  Icon: node('Icon', { name: ICON, color: COLOR, size: en(ICON_SIZES) }, ['name']),
  Image: node('Image', {
    src: STR, alt: STR, fit: en(IMAGE_FITS), position: en(IMAGE_POSITIONS), radius: RADIUS,
    frame: BOOL, flush: BOOL, margin: SPACING, background: COLOR, flex: NUM_STR, ...SIZE_PROPS,
  }, ['src']),
  Button: node('Button', {
    label: STR, onClickAction: ACTION, submit: BOOL, iconStart: ICON, iconEnd: ICON,
    style: en(BUTTON_STYLES), iconSize: en(BUTTON_ICON_SIZES), color: en(BUTTON_COLORS),
    variant: CONTROL_VARIANT, size: CONTROL_SIZE, pill: BOOL, uniform: BOOL, block: BOOL, disabled: BOOL,
  }),
  Input: node('Input', { ...FIELD_PROPS, inputType: en(INPUT_TYPES), pill: BOOL }, ['name']),
  Textarea: node('Textarea', {
    ...FIELD_PROPS, rows: int(1), autoResize: BOOL, maxRows: int(1),
  }, ['name']),
  Select: node('Select', {
    ...PICKER_PROPS, searchable: BOOL,
    options: arr(obj({ value: STR, label: STR, disabled: BOOL, description: STR }, ['value', 'label'])),
  }, ['name', 'options']),
  DatePicker: node('DatePicker', {
    ...PICKER_PROPS,
    defaultValue: { type: 'string', description: 'ISO-8601 datetime' },
    min: { type: 'string', description: 'ISO-8601 datetime' },
    max: { type: 'string', description: 'ISO-8601 datetime' },
    side: en(POPOVER_SIDES), align: TEXT_ALIGN,
  }, ['name']),
  Checkbox: node('Checkbox', {
    name: STR, label: STR, defaultChecked: BOOL, onChangeAction: ACTION, disabled: BOOL, required: BOOL,
  }, ['name']),
  RadioGroup: node('RadioGroup', {
    name: STR, options: arr(obj({ label: STR, value: STR, disabled: BOOL }, ['label', 'value'])),
    ariaLabel: STR, onChangeAction: ACTION, defaultValue: STR, direction: DIRECTION,
    disabled: BOOL, required: BOOL,
  }, ['name']),
  Label: node('Label', {
    value: STR, fieldName: STR, size: en(TEXT_SIZES), weight: WEIGHT, textAlign: TEXT_ALIGN, color: COLOR,
  }, ['value', 'fieldName']),
  Chart: node('Chart', {
    data: arr({ type: 'object', additionalProperties: NUM_STR }),
    series: arr({
      oneOf: [
        obj({ type: { const: 'bar' }, ...SERIES_PROPS, stack: STR }, ['type', 'dataKey']),
        obj({ type: { const: 'area' }, ...SERIES_PROPS, stack: STR, curveType: en(CURVE_TYPES) }, ['type', 'dataKey']),
        obj({ type: { const: 'line' }, ...SERIES_PROPS, curveType: en(CURVE_TYPES) }, ['type', 'dataKey']),
      ],
    }),
    xAxis: {
      anyOf: [STR, obj({ dataKey: STR, hide: BOOL, labels: { type: 'object', additionalProperties: STR } }, ['dataKey'])],
    },
    showYAxis: BOOL, showLegend: BOOL, showTooltip: BOOL, barGap: int(0), barCategoryGap: int(0),
    flex: NUM_STR, ...SIZE_PROPS,
  }, ['data', 'series', 'xAxis']),
  Table: node('Table', { children: arr(ref('Table.Row')) }),
  'Table.Row': node('Table.Row', { children: arr(ref('Table.Cell')), header: BOOL }),
  'Table.Cell': node('Table.Cell', {
    children: CHILDREN, width: NUM_STR, padding: SPACING, colSpan: int(1), rowSpan: int(1),
    align: TEXT_ALIGN, vAlign: TEXT_ALIGN, colSize: en(TABLE_COL_SIZES),
  }),

  // ---- value types ----
  ActionConfig: obj({
    type: { type: 'string', minLength: 1 },
    payload: ref('Json'),
    handler: { ...en(ACTION_HANDLERS), default: 'server' },
    loadingBehavior: { ...en(LOADING_BEHAVIORS), default: 'auto' },
    streaming: { type: 'boolean', default: true },
  }, ['type']),
  Json: {
    description: 'Any JSON value',
    anyOf: [
      { type: ['null', 'boolean', 'number', 'string'] },
      arr(ref('Json')),
      { type: 'object', additionalProperties: ref('Json') },
    ],
    errorMessage: 'Expected a JSON value',
  },
  IconName: {
    anyOf: [en(ICON_NAMES), { type: 'string', pattern: CUSTOM_ICON_PATTERN }],
    errorMessage: 'Expected a built-in icon name or a "lucide:" / "vendor:" icon',
  },
  ThemeColor: obj({ light: STR, dark: STR }, ['light', 'dark'], true),
  Color: { anyOf: [STR, ref('ThemeColor')] },
  Spacing: {
    anyOf: [NUM_STR, obj({ top: NUM_STR, right: NUM_STR, bottom: NUM_STR, left: NUM_STR, x: NUM_STR, y: NUM_STR }, undefined, true)],
  },
  Border: obj({ size: { type: 'number', minimum: 0 }, color: COLOR, style: en(BORDER_STYLES) }, ['size'], true),
  Borders: obj(
    Object.fromEntries(['top', 'right', 'bottom', 'left', 'x', 'y'].map((k) => [k, { anyOf: [NUM, ref('Border')] }])),
    undefined,
    true,
  ),
  BorderValue: { anyOf: [NUM, ref('Border'), ref('Borders')] },
};

/** JSON Schema (draft 2020-12) of a widget root; serve it to widget authors. */
export const WIDGET_JSON_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:atrium:schema:chatkit-widget',
  title: 'ChatKit widget',
  description:
    'A widget root (Card, ListView or Basic) and its component tree. Props are camelCase; '
    + 'unset props are omitted (no nulls); unknown props on components are allowed.',
  $ref: '#/$defs/WidgetRoot',
  $defs: defs,
};
