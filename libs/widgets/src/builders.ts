/**
 * Small typed builders for server code: `card([title('Hi'), button('Go', {onClickAction: action('go')})])`.
 * Each returns a plain JSON-ready object; validate the result with `validateWidget` when it
 * includes third-party data.
 */
import type {
  ActionConfig, Badge, BasicRoot, Box, Button, Caption, Card, Chart, Checkbox, Col, DatePicker,
  Divider, Form, Icon, Image, Input, Label, ListView, ListViewItem, Markdown, RadioGroup, Row,
  Select, Spacer, Table, TableCell, TableRow, Textarea, TextComponent, Title, Transition,
} from './types';

type Node = { type: string };
type Rest<T, K extends PropertyKey = never> = Omit<T, 'type' | K>;

/** `(children, props?) => node` */
const parent = <T extends Node & { children?: unknown }>(type: T['type']) =>
  (children: NonNullable<T['children']>, props?: Rest<T, 'children'>): T => ({ type, ...props, children }) as T;
/** `(value, props?) => node` for the node's main required prop. */
const leaf = <T extends Node, K extends keyof T>(type: T['type'], prop: K) =>
  (value: T[K], props?: Rest<T, K>): T => ({ type, [prop]: value, ...props }) as T;
/** `(props) => node` */
const plain = <T extends Node>(type: T['type']) => (props: Rest<T>): T => ({ type, ...props }) as T;

export const card = parent<Card>('Card');
export const listView = parent<ListView>('ListView');
export const basic = parent<BasicRoot>('Basic');
export const listViewItem = parent<ListViewItem>('ListViewItem');
export const box = parent<Box>('Box');
export const row = parent<Row>('Row');
export const col = parent<Col>('Col');
export const form = parent<Form>('Form');
export const transition = parent<Transition>('Transition');
export const table = parent<Table>('Table');
export const tableRow = parent<TableRow>('Table.Row');
export const tableCell = parent<TableCell>('Table.Cell');

export const text = leaf<TextComponent, 'value'>('Text', 'value');
export const title = leaf<Title, 'value'>('Title', 'value');
export const caption = leaf<Caption, 'value'>('Caption', 'value');
export const markdown = leaf<Markdown, 'value'>('Markdown', 'value');
export const badge = leaf<Badge, 'label'>('Badge', 'label');
export const icon = leaf<Icon, 'name'>('Icon', 'name');
export const image = leaf<Image, 'src'>('Image', 'src');
export const button = leaf<Button, 'label'>('Button', 'label');
export const input = leaf<Input, 'name'>('Input', 'name');
export const textarea = leaf<Textarea, 'name'>('Textarea', 'name');
export const datePicker = leaf<DatePicker, 'name'>('DatePicker', 'name');
export const checkbox = leaf<Checkbox, 'name'>('Checkbox', 'name');
export const radioGroup = leaf<RadioGroup, 'name'>('RadioGroup', 'name');
export const select = plain<Select>('Select');
export const label = plain<Label>('Label');
export const chart = plain<Chart>('Chart');

export const divider = (props: Rest<Divider> = {}): Divider => ({ type: 'Divider', ...props });
export const spacer = (props: Rest<Spacer> = {}): Spacer => ({ type: 'Spacer', ...props });

/** `action('todo.complete', {id})`; options set handler / loadingBehavior / streaming. */
export function action<T extends string, P = undefined>(
  type: T,
  payload?: P,
  options?: Omit<ActionConfig, 'type' | 'payload'>,
): ActionConfig<T, P> {
  return { type, ...(payload !== undefined && { payload }), ...options };
}
