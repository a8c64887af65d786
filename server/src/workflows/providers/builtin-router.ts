import type { ToolDefinition, ToolPattern } from '../tool-packs/tool-pack';
import { validateToolArguments } from '../tool-packs/tool-arguments';
import type { ModelMessage } from './model-provider';

/**
 * The deterministic "model" used when no model is configured. The rules are
 * documented for users in BUILTIN.md (keep the two in step).
 */
export type BuiltinDecision =
  | { kind: 'tool_call'; tool: string; args: Record<string, unknown> }
  | { kind: 'answer'; text: string; reason: 'tool_result' | 'ask' | 'help' | 'not_understood' | 'no_tools' | 'nothing_to_answer' };

const HELP = /^(?:help|\?|hi|hello|hey|hallo|good (?:morning|afternoon|evening)|what can you do|what do you do|how does this work|commands|menu|start)$/i;

export const NO_MODEL_NO_TOOLS =
  'No AI model is configured for this assistant yet, so I can’t answer free-form questions. '
  + 'An administrator can connect one by setting OPENAI_API_KEY on the server.';

/** Trims, collapses whitespace and drops trailing punctuation (`.`, `!`, `?`, `…`). */
export function normalizeCommand(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[.!?…]+$/u, '').trim();
}

/** The list of commands shown by the help answer: one line per tool, with its first example. */
export function commandList(tools: readonly ToolDefinition[]): string {
  return tools.map((t) => `- **${t.title}**: “${t.examples[0] ?? t.name}”`).join('\n');
}

export function helpText(tools: readonly ToolDefinition[], understood: boolean): string {
  if (!tools.length) return NO_MODEL_NO_TOOLS;
  const lead = understood
    ? 'Hi! No AI model is configured for this assistant, so I work with simple commands. Here is what I understand:'
    : 'Sorry, I didn’t understand that. No AI model is configured for this assistant, so I only understand these commands:';
  return `${lead}\n\n${commandList(tools)}`;
}

/** Arguments from a pattern match: `args(groups)` or the defined named groups, trimmed. */
function argsOf(pattern: ToolPattern, groups: Record<string, string | undefined>): Record<string, unknown> {
  if (pattern.args) return pattern.args(groups);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(groups)) if (v !== undefined && v.trim()) out[k] = v.trim();
  return out;
}

function askForMissing(tool: ToolDefinition, missing: string): string {
  const example = tool.examples[0];
  return `To ${tool.title.charAt(0).toLowerCase()}${tool.title.slice(1)}, tell me the ${missing.replace(/_/g, ' ')}${example ? `, for example “${example}”` : ''}.`;
}

/** Turns a (possibly partial) match into a tool call, or a question when a required argument is missing. */
function callOrAsk(tool: ToolDefinition, args: Record<string, unknown>): BuiltinDecision {
  const check = validateToolArguments(tool.parameters, args);
  if (check.ok) return { kind: 'tool_call', tool: tool.name, args: check.args };
  const missing = (tool.parameters.required ?? []).find((r) => args[r] === undefined);
  return { kind: 'answer', reason: 'ask', text: missing ? askForMissing(tool, missing) : `I can’t use that: ${check.errors.join('; ')}.` };
}

/** Routes one user message (the rules of BUILTIN.md §Routing). */
export function routeMessage(text: string, tools: readonly ToolDefinition[], previousAnswer?: string): BuiltinDecision {
  if (!tools.length) return { kind: 'answer', reason: 'no_tools', text: NO_MODEL_NO_TOOLS };
  const command = normalizeCommand(text);

  // 1. Follow-up: our previous answer asked for a missing argument.
  if (previousAnswer && command) {
    for (const tool of tools) {
      for (const pattern of tool.patterns) {
        if (pattern.ask && pattern.ask.question === previousAnswer.trim()) {
          const groups = { [pattern.ask.argument]: command };
          return callOrAsk(tool, pattern.args ? pattern.args(groups) : { [pattern.ask.argument]: command });
        }
      }
    }
  }

  // 2. Help and greetings.
  if (!command || HELP.test(command)) return { kind: 'answer', reason: 'help', text: helpText(tools, true) };

  // 3. The first pattern (tools in pack order, patterns in declared order) matching the whole message.
  for (const tool of tools) {
    for (const pattern of tool.patterns) {
      const m = pattern.regex.exec(command);
      if (!m) continue;
      if (pattern.ask) return { kind: 'answer', reason: 'ask', text: pattern.ask.question };
      return callOrAsk(tool, argsOf(pattern, { ...(m.groups ?? {}) }));
    }
  }

  // 4. Nothing matched.
  return { kind: 'answer', reason: 'not_understood', text: helpText(tools, false) };
}

const OK_MESSAGE_PREFIX = '{"ok":true,"message":';

/** The index just past the JSON string literal that starts at `start` (a `"`), or -1. */
function endOfJsonString(text: string, start: number): number {
  if (text.charCodeAt(start) !== 34) return -1;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++; // backslash: skip the escaped character
    else if (c === 34) return i + 1;
  }
  return -1;
}

/**
 * The user-facing text of a tool result message (see the executor's tool output
 * format: `{"ok":true,"message":…}` / `{"ok":false,"error":…}`).
 */
export function toolResultText(content: string): string {
  // The executor's own success output starts with its message: read just that string
  // (a list result can carry hundreds of tasks after it).
  if (content.startsWith(OK_MESSAGE_PREFIX)) {
    const end = endOfJsonString(content, OK_MESSAGE_PREFIX.length);
    if (end > 0) {
      try {
        return JSON.parse(content.slice(OK_MESSAGE_PREFIX.length, end)) as string;
      } catch {
        // fall through to the full parse
      }
    }
  }
  try {
    const parsed = JSON.parse(content) as { ok?: unknown; message?: unknown; error?: unknown };
    if (parsed && typeof parsed === 'object') {
      if (typeof parsed.message === 'string' && parsed.ok !== false) return parsed.message;
      if (typeof parsed.error === 'string') return parsed.error;
    }
  } catch {
    // not our JSON: e.g. the output of a client tool
  }
  return 'Done.';
}

/** Decides what the builtin "model" does with a conversation (the last turn decides). */
export function decide(messages: readonly ModelMessage[], tools: readonly ToolDefinition[]): BuiltinDecision {
  // Tool results at the end: answer with their messages (the round after a tool call).
  let i = messages.length - 1;
  const results: string[] = [];
  while (i >= 0 && messages[i].role === 'tool') {
    results.unshift(toolResultText(messages[i].content));
    i--;
  }
  if (results.length) return { kind: 'answer', reason: 'tool_result', text: results.join('\n\n') };

  // Otherwise the newest message the user typed, if nothing answered it yet.
  let userIndex = -1;
  for (let j = messages.length - 1; j >= 0; j--) {
    const m = messages[j];
    if (m.role === 'assistant') break;
    if (m.role === 'user' && !m.context) {
      userIndex = j;
      break;
    }
  }
  if (userIndex < 0) return { kind: 'answer', reason: 'nothing_to_answer', text: '' };
  let previousAnswer: string | undefined;
  for (let j = userIndex - 1; j >= 0; j--) {
    const m = messages[j];
    if (m.role === 'assistant') {
      previousAnswer = m.content;
      break;
    }
    if (m.role === 'user' && !m.context) break;
  }
  return routeMessage(messages[userIndex].content, tools, previousAnswer);
}
