/**
 * TypeScript types of the ChatKit widget tree (camelCase props, as on the wire).
 *
 * Written from chatkit-python `widgets.py` / `actions.py` and ChatKit.js `widgets.d.ts`.
 * Unset props are omitted (never `null`). The runtime schema (`schema.ts`) accepts
 * extra, unknown props on components, as the reference does; these types list the
 * known ones.
 */
import type {
  ActionHandler, Alignment, BadgeColor, BadgeSize, BadgeVariant, BorderStyle, ButtonColor,
  ButtonIconSize, ButtonStyle, CaptionSize, CardSize, ControlSize, ControlVariant, CurveType,
  Direction, FlexWrap, FontWeight, GutterSize, IconName, IconSize, ImageFit, ImagePosition,
  InputType, InputVariant, Justification, LoadingBehavior, PopoverSide, RadiusValue,
  TableColSize, TextAlign, TextSize, ThemeName, TitleSize,
} from './tokens';

// ---------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------

/**
 * Declarative action bound to a widget (`onClickAction`, `onChangeAction`,
 * `onSubmitAction`, `Card.confirm.action`, `Card.cancel.action`).
 *
 * Routing: `handler: "server"` + `streaming: true` → `threads.custom_action`;
 * `handler: "server"` + `streaming: false` → `threads.sync_custom_action`;
 * `handler: "client"` → the front end's `widgets.onAction`.
 * Omitted fields take the reference defaults ({@link ACTION_DEFAULTS}).
 */
export interface ActionConfig<TType extends string = string, TPayload = unknown> {
  /** Action name; non-empty. */
  type: TType;
  /** Any JSON value. Untrusted when it comes back from the client. */
  payload?: TPayload;
  /** Default `"server"`. */
  handler?: ActionHandler;
  /** Default `"auto"` (self for buttons, none for selects, container for card confirm). */
  loadingBehavior?: LoadingBehavior;
  /** Default `true`; `false` routes server actions to `threads.sync_custom_action`. */
  streaming?: boolean;
}

/** An {@link ActionConfig} with every defaulted field filled in. */
export type ResolvedActionConfig<TType extends string = string, TPayload = unknown> =
  Required<Omit<ActionConfig<TType, TPayload>, 'payload'>> & { payload?: TPayload };

// ---------------------------------------------------------------------------
// Shared value types
// ---------------------------------------------------------------------------

/** Theme-aware colour. */
export interface ThemeColor {
  light: string;
  dark: string;
}
/** Colour token (e.g. `secondary`, `surface`, `red-100`), CSS colour string, or `{light, dark}`. */
export type Color = string | ThemeColor;

export interface SpacingObject {
  top?: number | string;
  right?: number | string;
  bottom?: number | string;
  left?: number | string;
  x?: number | string;
  y?: number | string;
}
/** Spacing unit (number), CSS string or per-edge object. */
export type Spacing = number | string | SpacingObject;

export interface Border {
  /** Thickness in px. */
  size: number;
  color?: Color;
  style?: BorderStyle;
}
export interface Borders {
  top?: number | Border;
  right?: number | Border;
  bottom?: number | Border;
  left?: number | Border;
  x?: number | Border;
  y?: number | Border;
}
/** Width in px, a border, or per-edge borders. */
export type BorderValue = number | Border | Borders;

/** Header line above a card or list: `{text, favicon?, frame?}` or `{text, icon?}`. */
export type WidgetStatus =
  | { text: string; favicon?: string; frame?: boolean }
  | { text: string; icon?: IconName };

export interface CardAction {
  label: string;
  action: ActionConfig;
}

/** Size props shared by boxes, images and charts (px number or CSS string). */
export interface SizeProps {
  height?: number | string;
  width?: number | string;
  size?: number | string;
  minHeight?: number | string;
  minWidth?: number | string;
  minSize?: number | string;
  maxHeight?: number | string;
  maxWidth?: number | string;
  maxSize?: number | string;
  aspectRatio?: number | string;
}

/** Props shared by every node. `id` is needed for streamed text updates. */
export interface NodeBase {
  id?: string;
  key?: string;
}

// ---------------------------------------------------------------------------
// Roots
// ---------------------------------------------------------------------------

export interface Card extends NodeBase {
  type: 'Card';
  /** Components, or a ListView (a list inside a titled card). */
  children: (ChildComponent | ListView)[];
  /** Treat the card as a form: confirm/cancel actions receive the field values. */
  asForm?: boolean;
  background?: Color;
  border?: BorderValue;
  size?: CardSize;
  padding?: Spacing;
  status?: WidgetStatus;
  /** Collapse the body after the main action has completed. */
  collapsed?: boolean;
  confirm?: CardAction;
  cancel?: CardAction;
  theme?: ThemeName;
}

export interface ListView extends NodeBase {
  type: 'ListView';
  children: ListViewItem[];
  /** Items shown before a "Show more" control. */
  limit?: number | 'auto';
  status?: WidgetStatus;
  theme?: ThemeName;
}

/** Layout root; may nest components and other roots. */
export interface BasicRoot extends NodeBase {
  type: 'Basic';
  children: (ChildComponent | WidgetRoot)[];
  theme?: ThemeName;
  direction?: Direction;
  gap?: number | string;
  padding?: Spacing;
  align?: Alignment;
  justify?: Justification;
}

export type WidgetRoot = Card | ListView | BasicRoot;

// ---------------------------------------------------------------------------
// Components
// ---------------------------------------------------------------------------

/** Only valid as a direct child of {@link ListView}. */
export interface ListViewItem extends NodeBase {
  type: 'ListViewItem';
  children: ChildComponent[];
  onClickAction?: ActionConfig;
  gap?: number | string;
  align?: Alignment;
}

/** Flex-container props shared by Box, Row, Col and Form. */
export interface BoxBaseProps extends NodeBase, SizeProps {
  children?: ChildComponent[];
  align?: Alignment;
  justify?: Justification;
  wrap?: FlexWrap;
  flex?: number | string;
  gap?: number | string;
  padding?: Spacing;
  margin?: Spacing;
  border?: BorderValue;
  radius?: RadiusValue;
  background?: Color;
}

export interface Box extends BoxBaseProps {
  type: 'Box';
  direction?: Direction;
}
export interface Row extends BoxBaseProps {
  type: 'Row';
}
export interface Col extends BoxBaseProps {
  type: 'Col';
}
export interface Form extends BoxBaseProps {
  type: 'Form';
  onSubmitAction?: ActionConfig;
  direction?: Direction;
}

export interface Spacer extends NodeBase {
  type: 'Spacer';
  minSize?: number | string;
}

export interface Divider extends NodeBase {
  type: 'Divider';
  color?: Color;
  size?: number | string;
  spacing?: number | string;
  flush?: boolean;
}

/** Animates layout changes of its single child. */
export interface Transition extends NodeBase {
  type: 'Transition';
  children: ChildComponent;
}

export interface EditableProps {
  name: string;
  autoFocus?: boolean;
  autoSelect?: boolean;
  autoComplete?: string;
  allowAutofillExtensions?: boolean;
  pattern?: string;
  placeholder?: string;
  required?: boolean;
}

interface TextBaseProps extends NodeBase {
  value: string;
  color?: Color;
  weight?: FontWeight;
  textAlign?: TextAlign;
  truncate?: boolean;
  maxLines?: number;
}

/** `Text` (named like ChatKit.js' type to avoid the DOM `Text` global). */
export interface TextComponent extends TextBaseProps {
  type: 'Text';
  /** Streaming-friendly transitions; needs an `id` for value deltas. */
  streaming?: boolean;
  italic?: boolean;
  lineThrough?: boolean;
  width?: number | string;
  size?: TextSize;
  minLines?: number;
  editable?: false | EditableProps;
}

export interface Title extends TextBaseProps {
  type: 'Title';
  size?: TitleSize;
}

export interface Caption extends TextBaseProps {
  type: 'Caption';
  size?: CaptionSize;
}

export interface Markdown extends NodeBase {
  type: 'Markdown';
  value: string;
  streaming?: boolean;
}

export interface Badge extends NodeBase {
  type: 'Badge';
  label: string;
  color?: BadgeColor;
  variant?: BadgeVariant;
  size?: BadgeSize;
  pill?: boolean;
}

export interface Icon extends NodeBase {
  type: 'Icon';
  name: IconName;
  color?: Color;
  size?: IconSize;
}

export interface Image extends NodeBase, SizeProps {
  type: 'Image';
  src: string;
  alt?: string;
  fit?: ImageFit;
  position?: ImagePosition;
  radius?: RadiusValue;
  frame?: boolean;
  flush?: boolean;
  margin?: Spacing;
  background?: Color;
  flex?: number | string;
}

export interface Button extends NodeBase {
  type: 'Button';
  label?: string;
  onClickAction?: ActionConfig;
  /** Submit the enclosing form. */
  submit?: boolean;
  iconStart?: IconName;
  iconEnd?: IconName;
  style?: ButtonStyle;
  iconSize?: ButtonIconSize;
  color?: ButtonColor;
  variant?: ControlVariant;
  size?: ControlSize;
  pill?: boolean;
  uniform?: boolean;
  block?: boolean;
  disabled?: boolean;
}

export interface Input extends NodeBase {
  type: 'Input';
  name: string;
  inputType?: InputType;
  defaultValue?: string;
  required?: boolean;
  pattern?: string;
  placeholder?: string;
  allowAutofillExtensions?: boolean;
  autoSelect?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
  variant?: InputVariant;
  size?: ControlSize;
  gutterSize?: GutterSize;
  pill?: boolean;
}

export interface Textarea extends NodeBase {
  type: 'Textarea';
  name: string;
  defaultValue?: string;
  required?: boolean;
  pattern?: string;
  placeholder?: string;
  autoSelect?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
  variant?: InputVariant;
  size?: ControlSize;
  gutterSize?: GutterSize;
  rows?: number;
  autoResize?: boolean;
  maxRows?: number;
  allowAutofillExtensions?: boolean;
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
  description?: string;
}

export interface Select extends NodeBase {
  type: 'Select';
  name: string;
  options: SelectOption[];
  onChangeAction?: ActionConfig;
  placeholder?: string;
  defaultValue?: string;
  variant?: ControlVariant;
  size?: ControlSize;
  pill?: boolean;
  block?: boolean;
  clearable?: boolean;
  disabled?: boolean;
  /** Defaults to on when there are more than 15 options. */
  searchable?: boolean;
}

export interface DatePicker extends NodeBase {
  type: 'DatePicker';
  name: string;
  onChangeAction?: ActionConfig;
  placeholder?: string;
  /** ISO-8601 datetime. */
  defaultValue?: string;
  /** ISO-8601 datetime (inclusive). */
  min?: string;
  /** ISO-8601 datetime (inclusive). */
  max?: string;
  variant?: ControlVariant;
  size?: ControlSize;
  side?: PopoverSide;
  align?: TextAlign;
  pill?: boolean;
  block?: boolean;
  clearable?: boolean;
  disabled?: boolean;
}

export interface Checkbox extends NodeBase {
  type: 'Checkbox';
  name: string;
  label?: string;
  defaultChecked?: boolean;
  onChangeAction?: ActionConfig;
  disabled?: boolean;
  required?: boolean;
}

export interface RadioOption {
  label: string;
  value: string;
  disabled?: boolean;
}

export interface RadioGroup extends NodeBase {
  type: 'RadioGroup';
  name: string;
  options?: RadioOption[];
  ariaLabel?: string;
  onChangeAction?: ActionConfig;
  defaultValue?: string;
  direction?: Direction;
  disabled?: boolean;
  required?: boolean;
}

export interface Label extends NodeBase {
  type: 'Label';
  value: string;
  fieldName: string;
  size?: TextSize;
  weight?: FontWeight;
  textAlign?: TextAlign;
  color?: Color;
}

interface SeriesBase {
  /** Legend label. */
  label?: string;
  /** Field of each data row holding the numeric value. */
  dataKey: string;
  /** Chart colour token (blue, purple, orange, green, red, yellow, pink), primitive token, CSS string or `{light, dark}`. */
  color?: Color;
}
export interface BarSeries extends SeriesBase {
  type: 'bar';
  stack?: string;
}
export interface AreaSeries extends SeriesBase {
  type: 'area';
  stack?: string;
  curveType?: CurveType;
}
export interface LineSeries extends SeriesBase {
  type: 'line';
  curveType?: CurveType;
}
export type ChartSeries = BarSeries | AreaSeries | LineSeries;

export interface XAxisConfig {
  dataKey: string;
  hide?: boolean;
  labels?: Record<string, string>;
}

export interface Chart extends NodeBase, SizeProps {
  type: 'Chart';
  data: Record<string, string | number>[];
  series: ChartSeries[];
  /** A `dataKey` or an axis config. */
  xAxis: string | XAxisConfig;
  showYAxis?: boolean;
  showLegend?: boolean;
  showTooltip?: boolean;
  barGap?: number;
  barCategoryGap?: number;
  flex?: number | string;
}

export interface Table extends NodeBase {
  type: 'Table';
  children?: TableRow[];
}

/** Only valid as a child of {@link Table}. */
export interface TableRow extends NodeBase {
  type: 'Table.Row';
  children?: TableCell[];
  header?: boolean;
}

/** Only valid as a child of {@link TableRow}. */
export interface TableCell extends NodeBase {
  type: 'Table.Cell';
  children?: ChildComponent[];
  width?: number | string;
  padding?: Spacing;
  colSpan?: number;
  rowSpan?: number;
  align?: TextAlign;
  vAlign?: TextAlign;
  colSize?: TableColSize;
}

/** Components allowed in ordinary `children` lists (everything but ListViewItem, Table.Row, Table.Cell). */
export type ChildComponent =
  | Box | Row | Col | Form | Spacer | Divider | Transition
  | TextComponent | Title | Caption | Markdown | Badge | Icon | Image
  | Button | Input | Textarea | Select | DatePicker | Checkbox | RadioGroup | Label
  | Chart | Table;

/** Every non-root component (e.g. the target of `widget.component.updated`). */
export type WidgetComponent = ChildComponent | ListViewItem | TableRow | TableCell;

/** Any node of a widget tree. */
export type WidgetNode = WidgetRoot | WidgetComponent;
