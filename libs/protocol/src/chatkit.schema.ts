/**
 * Runtime validation of ChatKit request envelopes (zod 4), matching the reference's
 * pydantic models (`ChatKitReq` in chatkit-python `types.py`):
 *
 * - discriminated by `type`; `params` is required for every type;
 * - `metadata` is an optional object, default `{}`;
 * - unknown keys are ignored (dropped), at every level;
 * - fields declared `X | None = None` may be absent or `null` (→ omitted in the output);
 * - defaults are filled in: `order: "desc"`, `interactive: false`,
 *   structured-input `status: "answered"` / `answers: {}` / `values: []` / `skipped: false`.
 *
 * Deliberate differences: integers must be JSON integers (pydantic's lax mode would
 * also take `"20"` or `20.0`); `limit` and `size` must be >= 0.
 *
 * Server-side module (imports zod). Browser code should import types from `./chatkit`.
 */
import { z } from 'zod';
import type { ChatKitRequest } from './chatkit';
import type { FieldError } from './errors';

/** A reference field typed `X | None = None`: absent or null, normalised to absent. */
const optional = <S extends z.ZodType>(schema: S) =>
  schema.nullish().transform((v): z.output<S> | undefined => v ?? undefined);

/**
 * Builds every schema, once. The exports below are `@__PURE__` calls, so bundlers drop
 * zod entirely when a browser bundle imports only types or constants from `@atrium/protocol`.
 */
function createSchemas() {
  const objectMap = z.record(z.string(), z.unknown());
  const order = z.enum(['asc', 'desc']).default('desc');
  const limit = optional(z.int().min(0));

  const inferenceOptions = z.object({
    tool_choice: optional(z.object({ id: z.string() })),
    model: optional(z.string()),
  });

  const userMessageContent = z.discriminatedUnion('type', [
    z.object({ type: z.literal('input_text'), text: z.string() }),
    z.object({
      type: z.literal('input_tag'),
      id: z.string(),
      text: z.string(),
      data: objectMap,
      group: optional(z.string()),
      interactive: z.boolean().default(false),
    }),
  ]);

  const userMessageInput = z.object({
    content: z.array(userMessageContent),
    attachments: z.array(z.string()),
    quoted_text: optional(z.string()),
    inference_options: inferenceOptions,
  });

  const action = z.object({
    type: z.string(),
    payload: z.unknown().optional(),
  });

  const structuredInputSubmission = z.object({
    status: z.enum(['answered', 'skipped']).default('answered'),
    answers: z
      .record(
        z.string(),
        z.object({
          values: z.array(z.string()).default(() => []),
          skipped: z.boolean().default(false),
        }),
      )
      .default(() => ({})),
  });

  const customActionParams = z.object({
    thread_id: z.string(),
    item_id: optional(z.string()),
    action,
  });

  const request = <T extends string, P extends z.ZodType>(type: T, params: P) =>
    z.object({
      type: z.literal(type),
      params,
      metadata: objectMap.default(() => ({})),
    });

  /** The `ChatKitReq` union: every operation of the protocol. */
  const chatKitRequest = z.discriminatedUnion('type', [
    // streaming
    request('threads.create', z.object({ input: userMessageInput })),
    request('threads.add_user_message', z.object({ thread_id: z.string(), input: userMessageInput })),
    request('threads.add_client_tool_output', z.object({ thread_id: z.string(), result: z.unknown() })),
    request(
      'threads.add_structured_input',
      z.object({ thread_id: z.string(), item_id: z.string(), input: structuredInputSubmission }),
    ),
    request('threads.retry_after_item', z.object({ thread_id: z.string(), item_id: z.string() })),
    request('threads.custom_action', customActionParams),
    // JSON
    request('threads.sync_custom_action', customActionParams),
    request('threads.get_by_id', z.object({ thread_id: z.string() })),
    request('threads.list', z.object({ limit, order, after: optional(z.string()) })),
    request('threads.update', z.object({ thread_id: z.string(), title: z.string() })),
    request('threads.delete', z.object({ thread_id: z.string() })),
    request('items.list', z.object({ thread_id: z.string(), limit, order, after: optional(z.string()) })),
    request(
      'items.feedback',
      z.object({ thread_id: z.string(), item_ids: z.array(z.string()), kind: z.enum(['positive', 'negative']) }),
    ),
    request('attachments.create', z.object({ name: z.string(), size: z.int().min(0), mime_type: z.string() })),
    request('attachments.delete', z.object({ attachment_id: z.string() })),
    request('input.transcribe', z.object({ audio_base64: z.string(), mime_type: z.string() })),
  ]);

  return { chatKitRequest, userMessageInput, userMessageContent, inferenceOptions, action, structuredInputSubmission };
}

type ChatKitSchemas = ReturnType<typeof createSchemas>;
let built: ChatKitSchemas | undefined;
const schema = <K extends keyof ChatKitSchemas>(name: K): ChatKitSchemas[K] => (built ??= createSchemas())[name];

/** The request envelope union (`ChatKitReq`). */
export const chatKitRequestSchema = /* @__PURE__ */ schema('chatKitRequest');
/** `UserMessageInput` (threads.create / threads.add_user_message `params.input`). */
export const userMessageInputSchema = /* @__PURE__ */ schema('userMessageInput');
export const userMessageContentSchema = /* @__PURE__ */ schema('userMessageContent');
export const inferenceOptionsSchema = /* @__PURE__ */ schema('inferenceOptions');
/** `Action` of threads.custom_action / threads.sync_custom_action. */
export const actionSchema = /* @__PURE__ */ schema('action');
export const structuredInputSubmissionSchema = /* @__PURE__ */ schema('structuredInputSubmission');

/** What a client may send (defaulted fields optional). */
export type ChatKitRequestInput = z.input<typeof chatKitRequestSchema>;

export type ChatKitRequestParseResult =
  | { ok: true; request: ChatKitRequest }
  | { ok: false; errors: FieldError[] };

/** `['params', 'input', 'content', 0]` → `params.input.content[0]`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${String(seg)}` : String(seg)),
    '',
  );
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const EXPECTED: Record<string, string> = { int: 'integer', record: 'object' };

function message(issue: z.core.$ZodIssue & { input?: unknown }): string {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'Required';
      return `Expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${typeName(input)}`;
    case 'invalid_union': {
      if (!('discriminator' in issue) || !issue.discriminator) return 'Invalid value';
      // zod reports the discriminator issue at `…type` with the enclosing object as input
      const value = input && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
      if (value === undefined) return 'Required';
      if (typeof value !== 'string') return `Expected string, got ${typeName(value)}`;
      if (issue.path.length === 1) return `Unknown request type "${value}"`;
      const options = 'options' in issue ? (issue.options ?? []) : [];
      return `Expected one of: ${options.map(String).join(', ')}; got "${value}"`;
    }
    case 'invalid_value':
      return `Expected one of: ${issue.values.map(String).join(', ')}; got ${JSON.stringify(input)}`;
    case 'too_small':
      return issue.origin === 'number' || issue.origin === 'int'
        ? `Must be >= ${String(issue.minimum)}`
        : `Must contain at least ${String(issue.minimum)} item(s)`;
    default:
      return issue.message;
  }
}

function decode(body: string | Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    const text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Validates a request envelope. `body` is the parsed JSON value; a string or byte
 * buffer (e.g. a raw body whose Content-Type was not JSON) is decoded as UTF-8 JSON
 * first, as the reference does. On success, defaults are applied and unknown keys
 * dropped; on failure every problem is listed with a dotted path
 * (`params.input.content[0].text`, `type`, or `''` for the body itself).
 */
export function parseChatKitRequest(body: unknown): ChatKitRequestParseResult {
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const decoded = decode(body);
    if (!decoded.ok) return { ok: false, errors: [{ field: '', message: 'Malformed JSON body' }] };
    body = decoded.value;
  }
  const result = chatKitRequestSchema.safeParse(body, { reportInput: true });
  if (result.success) {
    const request: ChatKitRequest = result.data;
    return { ok: true, request };
  }
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ field: formatPath(issue.path), message: message(issue) })),
  };
}
