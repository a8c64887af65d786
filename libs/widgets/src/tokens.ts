/**
 * Value tokens of the ChatKit widget language (chatkit-python `widgets.py`,
 * `actions.py`, `icons.py`; ChatKit.js `widgets.d.ts`).
 *
 * Each list is the single source for both the TypeScript type (`typeof X[number]`)
 * and the JSON Schema enum built in `schema.ts`.
 */

/** Built-in icon names; any `lucide:<name>` or `vendor:<name>` string is accepted as well. */
export const ICON_NAMES = [
  'agent', 'analytics', 'atom', 'batch', 'bolt', 'book-open', 'book-closed', 'book-clock',
  'bug', 'calendar', 'chart', 'check', 'check-circle', 'check-circle-filled', 'chevron-left',
  'chevron-right', 'circle-question', 'clock', 'compass', 'confetti', 'cube', 'desktop',
  'document', 'dot', 'dots-horizontal', 'dots-vertical', 'empty-circle', 'external-link',
  'globe', 'keys', 'lab', 'images', 'info', 'lifesaver', 'lightbulb', 'mail', 'map-pin',
  'maps', 'mobile', 'name', 'notebook', 'notebook-pencil', 'page-blank', 'phone', 'play',
  'plus', 'profile', 'profile-card', 'reload', 'star', 'star-filled', 'search', 'sparkle',
  'sparkle-double', 'square-code', 'square-image', 'square-text', 'suitcase',
  'settings-slider', 'user', 'wreath', 'write', 'write-alt', 'write-alt2',
] as const;
export type BuiltinIconName = (typeof ICON_NAMES)[number];
/** Icon name: a built-in name, `lucide:<icon>` or `vendor:<icon>`. */
export type IconName = BuiltinIconName | `lucide:${string}` | `vendor:${string}`;
/** Pattern accepted for non-built-in icon names (same as the reference). */
export const CUSTOM_ICON_PATTERN = '^(lucide|vendor):';

export const ACTION_HANDLERS = ['server', 'client'] as const;
export type ActionHandler = (typeof ACTION_HANDLERS)[number];
export const LOADING_BEHAVIORS = ['auto', 'none', 'self', 'container'] as const;
export type LoadingBehavior = (typeof LOADING_BEHAVIORS)[number];

export const RADIUS_VALUES = ['2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl', '4xl', 'full', '100%', 'none'] as const;
export type RadiusValue = (typeof RADIUS_VALUES)[number];
export const ALIGNMENTS = ['start', 'center', 'end', 'baseline', 'stretch'] as const;
export type Alignment = (typeof ALIGNMENTS)[number];
export const JUSTIFICATIONS = ['start', 'center', 'end', 'between', 'around', 'evenly', 'stretch'] as const;
export type Justification = (typeof JUSTIFICATIONS)[number];
export const TEXT_ALIGNS = ['start', 'center', 'end'] as const;
export type TextAlign = (typeof TEXT_ALIGNS)[number];
export const TEXT_SIZES = ['xs', 'sm', 'md', 'lg', 'xl'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const TITLE_SIZES = ['sm', 'md', 'lg', 'xl', '2xl', '3xl', '4xl', '5xl'] as const;
export type TitleSize = (typeof TITLE_SIZES)[number];
export const CAPTION_SIZES = ['sm', 'md', 'lg'] as const;
export type CaptionSize = (typeof CAPTION_SIZES)[number];
export const ICON_SIZES = ['xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl'] as const;
export type IconSize = (typeof ICON_SIZES)[number];
export const FONT_WEIGHTS = ['normal', 'medium', 'semibold', 'bold'] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];
export const CONTROL_VARIANTS = ['solid', 'soft', 'outline', 'ghost'] as const;
export type ControlVariant = (typeof CONTROL_VARIANTS)[number];
export const CONTROL_SIZES = ['3xs', '2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl'] as const;
export type ControlSize = (typeof CONTROL_SIZES)[number];
export const INPUT_VARIANTS = ['soft', 'outline'] as const;
export type InputVariant = (typeof INPUT_VARIANTS)[number];
export const GUTTER_SIZES = ['2xs', 'xs', 'sm', 'md', 'lg', 'xl'] as const;
export type GutterSize = (typeof GUTTER_SIZES)[number];
export const INPUT_TYPES = ['number', 'email', 'text', 'password', 'tel', 'url'] as const;
export type InputType = (typeof INPUT_TYPES)[number];
export const BADGE_COLORS = ['secondary', 'success', 'danger', 'warning', 'info', 'discovery'] as const;
export type BadgeColor = (typeof BADGE_COLORS)[number];
export const BADGE_VARIANTS = ['solid', 'soft', 'outline'] as const;
export type BadgeVariant = (typeof BADGE_VARIANTS)[number];
export const BADGE_SIZES = ['sm', 'md', 'lg'] as const;
export type BadgeSize = (typeof BADGE_SIZES)[number];
export const BUTTON_COLORS = ['primary', 'secondary', 'info', 'discovery', 'success', 'caution', 'warning', 'danger'] as const;
export type ButtonColor = (typeof BUTTON_COLORS)[number];
export const BUTTON_STYLES = ['primary', 'secondary'] as const;
export type ButtonStyle = (typeof BUTTON_STYLES)[number];
export const BUTTON_ICON_SIZES = ['sm', 'md', 'lg', 'xl', '2xl'] as const;
export type ButtonIconSize = (typeof BUTTON_ICON_SIZES)[number];
export const CARD_SIZES = ['sm', 'md', 'lg', 'full'] as const;
export type CardSize = (typeof CARD_SIZES)[number];
export const THEMES = ['light', 'dark'] as const;
export type ThemeName = (typeof THEMES)[number];
export const DIRECTIONS = ['row', 'col'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const FLEX_WRAPS = ['nowrap', 'wrap', 'wrap-reverse'] as const;
export type FlexWrap = (typeof FLEX_WRAPS)[number];
export const BORDER_STYLES = ['solid', 'dashed', 'dotted', 'double', 'groove', 'ridge', 'inset', 'outset'] as const;
export type BorderStyle = (typeof BORDER_STYLES)[number];
export const IMAGE_FITS = ['cover', 'contain', 'fill', 'scale-down', 'none'] as const;
export type ImageFit = (typeof IMAGE_FITS)[number];
export const IMAGE_POSITIONS = [
  'top left', 'top', 'top right', 'left', 'center', 'right', 'bottom left', 'bottom', 'bottom right',
] as const;
export type ImagePosition = (typeof IMAGE_POSITIONS)[number];
export const POPOVER_SIDES = ['top', 'bottom', 'left', 'right'] as const;
export type PopoverSide = (typeof POPOVER_SIDES)[number];
export const TABLE_COL_SIZES = ['xs', 'sm', 'md', 'lg', 'xl'] as const;
export type TableColSize = (typeof TABLE_COL_SIZES)[number];
export const CURVE_TYPES = [
  'basis', 'basisClosed', 'basisOpen', 'bumpX', 'bumpY', 'bump', 'linear', 'linearClosed',
  'natural', 'monotoneX', 'monotoneY', 'monotone', 'step', 'stepBefore', 'stepAfter',
] as const;
export type CurveType = (typeof CURVE_TYPES)[number];

/** Root node types: the only types allowed at the top of a widget item. */
export const WIDGET_ROOT_TYPES = ['Card', 'ListView', 'Basic'] as const;
export type WidgetRootType = (typeof WIDGET_ROOT_TYPES)[number];

/** Component types that can appear anywhere a child component is expected. */
export const WIDGET_CHILD_TYPES = [
  'Box', 'Row', 'Col', 'Form', 'Spacer', 'Divider', 'Transition', 'Text', 'Title', 'Caption',
  'Markdown', 'Badge', 'Icon', 'Image', 'Button', 'Input', 'Textarea', 'Select', 'DatePicker',
  'Checkbox', 'RadioGroup', 'Label', 'Chart', 'Table',
] as const;
export type WidgetChildType = (typeof WIDGET_CHILD_TYPES)[number];

/** Every non-root component type, including the ones restricted to one parent. */
export const WIDGET_COMPONENT_TYPES = [...WIDGET_CHILD_TYPES, 'ListViewItem', 'Table.Row', 'Table.Cell'] as const;
export type WidgetComponentType = (typeof WIDGET_COMPONENT_TYPES)[number];
