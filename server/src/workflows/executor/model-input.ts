import type { ThreadItem, UserMessageItem } from '@atrium/protocol';
import type { ModelMessage } from '../providers/model-provider';
import type { ToolPack } from '../tool-packs/tool-pack';

export const DEFAULT_INSTRUCTIONS = 'You are a helpful assistant. Answer clearly and briefly.';

const TAGS_PREAMBLE = [
  '# User-provided context for @-mentions',
  '- When referencing resolved entities, use their canonical names **without** \'@\'.',
  '- The \'@\' form appears only in user text and should not be echoed.',
].join('\n');

const json = (v: unknown): string => JSON.stringify(v ?? null);
const context = (content: string): ModelMessage => ({ role: 'user', content, context: true });

/**
 * A context message whose text is made on first read: a widget's JSON can be tens of
 * kilobytes and is rebuilt from history on every turn, while the builtin provider
 * never reads context messages (the OpenAI provider reads them all, once).
 */
function lazyContext(build: () => string): ModelMessage {
  let text: string | undefined;
  return {
    role: 'user',
    get content(): string {
      return (text ??= build());
    },
    context: true,
  };
}

/** The hidden-context wrapper of the reference converter. */
export function hiddenContextText(content: unknown): string {
  const text = typeof content === 'string' ? content : json(content);
  return `Hidden context for the agent (not shown to the user):\n<HiddenContext>\n${text}\n</HiddenContext>`;
}

function taskText(title?: string, content?: string): string | null {
  if (!title && !content) return null;
  const text = title && content ? `${title}: ${content}` : (title ?? content)!;
  return `A message was displayed to the user that the following task was performed:\n<Task>\n${text}\n</Task>`;
}

function userMessageToInput(item: UserMessageItem, isLast: boolean): ModelMessage[] {
  const text = item.content.map((p) => (p.type === 'input_text' ? p.text : `@${p.text}`)).join('');
  const out: ModelMessage[] = [{ role: 'user', content: text }];
  if (item.attachments.length) {
    out.push(context(`The user attached: ${item.attachments.map((a) => `${a.name} (${a.mime_type})`).join(', ')}. Their contents are not available to you.`));
  }
  if (item.quoted_text && isLast) out.push(context(`The user is referring to this in particular: \n${item.quoted_text}`));
  const seen = new Set<string>();
  const tags = item.content.filter((p) => p.type === 'input_tag' && !seen.has(p.text) && seen.add(p.text));
  if (tags.length) {
    const lines = tags.map((t) => (t.type === 'input_tag' ? `@${t.text}: ${json({ id: t.id, ...(t.group ? { group: t.group } : {}), data: t.data })}` : ''));
    out.push(context(`${TAGS_PREAMBLE}\n${lines.join('\n')}`));
  }
  return out;
}

/**
 * One thread item → model messages, as chatkit-python's ThreadItemConverter:
 * widgets are described as JSON, hidden context becomes a user message wrapped in
 * <HiddenContext>, completed client tool calls become a tool call + its output,
 * pending ones are skipped.
 */
export function threadItemToInput(item: ThreadItem, isLast: boolean): ModelMessage[] {
  switch (item.type) {
    case 'user_message':
      return userMessageToInput(item, isLast);
    case 'assistant_message': {
      const text = item.content.map((c) => c.text).join('');
      return text ? [{ role: 'assistant', content: text }] : [];
    }
    case 'client_tool_call':
      if (item.status === 'pending') return [];
      return [
        { role: 'assistant', content: '', tool_calls: [{ id: item.call_id, name: item.name, arguments: json(item.arguments) }] },
        { role: 'tool', tool_call_id: item.call_id, content: json(item.output) },
      ];
    case 'widget':
      return [lazyContext(() => `The following graphical UI widget (id: ${item.id}) was displayed to the user:${JSON.stringify(item.widget)}`)];
    case 'hidden_context_item':
    case 'sdk_hidden_context':
      return [context(hiddenContextText(item.content))];
    case 'task': {
      const t = item.task.type === 'custom' ? taskText(item.task.title, item.task.content) : null;
      return t ? [context(t)] : [];
    }
    case 'workflow':
      return item.workflow.tasks
        .map((t) => (t.type === 'custom' ? taskText(t.title, t.content) : null))
        .filter((t): t is string => t !== null)
        .map(context);
    case 'structured_input': {
      const lines = item.inputs.map((q) => {
        const a = q.answer;
        const answer = !a ? '(not answered yet)' : a.skipped || !a.values.length ? '(skipped)' : a.values.join(', ');
        return `Q: ${q.question}\nA: ${answer}`;
      });
      return [context(`The user was asked these questions (status: ${item.status}):\n${lines.join('\n')}`)];
    }
    case 'generated_image':
      return item.image ? [context(`An image was generated and shown to the user: ${item.image.url}`)] : [];
    case 'end_of_turn':
      return [];
  }
}

/** The system prompt: the workflow's instructions, then the instructions of each enabled pack. */
export function systemPrompt(instructions: string, packs: readonly ToolPack[]): string {
  const parts = [instructions.trim() || DEFAULT_INSTRUCTIONS, ...packs.map((p) => p.instructions)];
  return parts.join('\n\n');
}

/**
 * Model input for one run: the system prompt, then the newest `limit` thread items
 * (oldest first). `input` is appended when the history does not contain it yet.
 */
export function buildModelInput(options: {
  instructions: string;
  packs: readonly ToolPack[];
  history: readonly ThreadItem[];
  input: UserMessageItem | null;
  limit: number;
}): ModelMessage[] {
  const items = [...options.history];
  if (options.input && !items.some((i) => i.id === options.input!.id)) items.push(options.input);
  const recent = items.slice(-Math.max(1, options.limit));
  const messages: ModelMessage[] = [{ role: 'system', content: systemPrompt(options.instructions, options.packs) }];
  recent.forEach((item, i) => messages.push(...threadItemToInput(item, i === recent.length - 1)));
  return messages;
}
