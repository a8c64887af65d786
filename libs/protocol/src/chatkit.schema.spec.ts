import {
  CHATKIT_NON_STREAMING_REQUEST_TYPES,
  CHATKIT_REQUEST_TYPES,
  CHATKIT_STREAMING_REQUEST_TYPES,
  isHiddenThreadItem,
  isStreamingRequest,
  isStreamingRequestType,
  type ChatKitRequest,
  type ChatKitRequestType,
  type ThreadItem,
} from './chatkit';
import type { z } from 'zod';
import { parseChatKitRequest, type ChatKitRequestInput, type userMessageInputSchema } from './chatkit.schema';

const input: z.input<typeof userMessageInputSchema> = {
  content: [
    { type: 'input_text', text: 'Summarise ' },
    { type: 'input_tag', id: 'doc_42', text: '@Q3 report', data: { kind: 'document' }, group: 'Documents' },
  ],
  attachments: ['atc_1a2b3c4d'],
  quoted_text: 'revenue grew 12%',
  inference_options: { tool_choice: { id: 'search' }, model: 'gpt-4.1' },
};

/** One realistic body per operation, shaped as ChatKit.js sends them. */
const BODIES: { [K in ChatKitRequestType]: Extract<ChatKitRequestInput, { type: K }> } = {
  'threads.create': { type: 'threads.create', params: { input }, metadata: { workflow_id: 'wf_1' } },
  'threads.add_user_message': {
    type: 'threads.add_user_message',
    params: { thread_id: 'thr_1a2b3c4d', input: { content: [{ type: 'input_text', text: 'And Q4?' }], attachments: [], inference_options: {} } },
  },
  'threads.add_client_tool_output': {
    type: 'threads.add_client_tool_output',
    params: { thread_id: 'thr_1a2b3c4d', result: { location: { lat: 48.85, lng: 2.35 } } },
  },
  'threads.add_structured_input': {
    type: 'threads.add_structured_input',
    params: { thread_id: 'thr_1a2b3c4d', item_id: 'msg_9f8e7d6c', input: { status: 'answered', answers: { dest: { values: ['Lisbon'] } } } },
  },
  'threads.retry_after_item': { type: 'threads.retry_after_item', params: { thread_id: 'thr_1a2b3c4d', item_id: 'msg_1' } },
  'threads.custom_action': {
    type: 'threads.custom_action',
    params: { thread_id: 'thr_1a2b3c4d', item_id: 'msg_2', action: { type: 'expense.approve', payload: { id: 'exp_1' } } },
  },
  'threads.sync_custom_action': {
    type: 'threads.sync_custom_action',
    params: { thread_id: 'thr_1a2b3c4d', action: { type: 'todo.toggle', payload: { id: 3, done: true } } },
  },
  'threads.get_by_id': { type: 'threads.get_by_id', params: { thread_id: 'thr_1a2b3c4d' } },
  'threads.list': { type: 'threads.list', params: { limit: 9999, order: 'desc', after: 'thr_0' } },
  'threads.update': { type: 'threads.update', params: { thread_id: 'thr_1a2b3c4d', title: 'Travel budget' } },
  'threads.delete': { type: 'threads.delete', params: { thread_id: 'thr_1a2b3c4d' } },
  'items.list': { type: 'items.list', params: { thread_id: 'thr_1a2b3c4d', limit: 20, order: 'asc' } },
  'items.feedback': { type: 'items.feedback', params: { thread_id: 'thr_1a2b3c4d', item_ids: ['msg_3', 'msg_4'], kind: 'negative' } },
  'attachments.create': { type: 'attachments.create', params: { name: 'receipt.pdf', size: 48213, mime_type: 'application/pdf' } },
  'attachments.delete': { type: 'attachments.delete', params: { attachment_id: 'atc_1a2b3c4d' } },
  'input.transcribe': { type: 'input.transcribe', params: { audio_base64: 'GkXfo59ChoEBQveBAULygQRC', mime_type: 'audio/webm;codecs=opus' } },
};

const parseOk = (body: unknown): ChatKitRequest => {
  const result = parseChatKitRequest(body);
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.request;
};
const errorsOf = (body: unknown) => {
  const result = parseChatKitRequest(body);
  return result.ok ? [] : result.errors;
};

describe('request type constants', () => {
  it('lists exactly the six streaming operations', () => {
    expect([...CHATKIT_STREAMING_REQUEST_TYPES].sort()).toEqual([
      'threads.add_client_tool_output',
      'threads.add_structured_input',
      'threads.add_user_message',
      'threads.create',
      'threads.custom_action',
      'threads.retry_after_item',
    ]);
    expect(isStreamingRequestType('threads.sync_custom_action')).toBe(false);
    expect(isStreamingRequestType('threads.list')).toBe(false);
    expect(isStreamingRequestType('nope')).toBe(false);
  });

  it('partitions all sixteen operations', () => {
    expect(CHATKIT_REQUEST_TYPES).toHaveLength(16);
    expect(new Set(CHATKIT_REQUEST_TYPES).size).toBe(16);
    expect(CHATKIT_STREAMING_REQUEST_TYPES.some((t) => (CHATKIT_NON_STREAMING_REQUEST_TYPES as readonly string[]).includes(t))).toBe(false);
  });

  it('recognises hidden items', () => {
    const base = { id: 'i', thread_id: 't', created_at: '2026-01-01T00:00:00' };
    expect(isHiddenThreadItem({ ...base, type: 'sdk_hidden_context', content: 'cancelled' })).toBe(true);
    expect(isHiddenThreadItem({ ...base, type: 'hidden_context_item', content: {} })).toBe(true);
    expect(isHiddenThreadItem({ ...base, type: 'end_of_turn' } satisfies ThreadItem)).toBe(false);
  });
});

describe('parseChatKitRequest: valid bodies', () => {
  it.each(CHATKIT_REQUEST_TYPES.map((t) => [t]))('parses a realistic %s body', (type) => {
    const request = parseOk(BODIES[type]);
    expect(request.type).toBe(type);
    expect(isStreamingRequest(request)).toBe(isStreamingRequestType(type));
    expect(request.metadata).toEqual(BODIES[type].metadata ?? {});
  });

  it('keeps params field for field', () => {
    expect(parseOk(BODIES['threads.create'])).toEqual({
      type: 'threads.create',
      params: {
        input: {
          ...input,
          content: [input.content[0], { ...input.content[1], interactive: false }],
        },
      },
      metadata: { workflow_id: 'wf_1' },
    });
    expect(parseOk(BODIES['attachments.create']).params).toEqual({ name: 'receipt.pdf', size: 48213, mime_type: 'application/pdf' });
  });

  it('fills the reference defaults', () => {
    expect(parseOk({ type: 'threads.list', params: {} })).toEqual({ type: 'threads.list', params: { order: 'desc' }, metadata: {} });
    expect(parseOk({ type: 'items.list', params: { thread_id: 't' } }).params).toEqual({ thread_id: 't', order: 'desc' });
    expect(parseOk({ type: 'threads.add_structured_input', params: { thread_id: 't', item_id: 'i', input: { answers: { a: {}, b: { skipped: true } } } } }).params).toEqual({
      thread_id: 't',
      item_id: 'i',
      input: { status: 'answered', answers: { a: { values: [], skipped: false }, b: { values: [], skipped: true } } },
    });
    expect(parseOk({ type: 'threads.add_structured_input', params: { thread_id: 't', item_id: 'i', input: {} } }).params).toMatchObject({
      input: { status: 'answered', answers: {} },
    });
  });

  it('ignores unknown keys at every level (dropping them)', () => {
    const request = parseOk({
      type: 'threads.get_by_id',
      params: { thread_id: 't', include: 'everything' },
      session: 'abc',
    });
    expect(request).toEqual({ type: 'threads.get_by_id', params: { thread_id: 't' }, metadata: {} });
  });

  it('accepts null for optional fields and omits them', () => {
    const request = parseOk({
      type: 'threads.add_user_message',
      params: {
        thread_id: 't',
        input: {
          content: [{ type: 'input_tag', id: 'x', text: 'x', data: {}, group: null }],
          attachments: [],
          quoted_text: null,
          inference_options: { tool_choice: null, model: null },
        },
      },
    });
    expect(JSON.parse(JSON.stringify(request))).toEqual({
      type: 'threads.add_user_message',
      params: { thread_id: 't', input: { content: [{ type: 'input_tag', id: 'x', text: 'x', data: {}, interactive: false }], attachments: [], inference_options: {} } },
      metadata: {},
    });
    expect(parseOk({ type: 'threads.list', params: { limit: null, after: null } }).params).toEqual({ order: 'desc' });
    expect(parseOk({ type: 'threads.custom_action', params: { thread_id: 't', item_id: null, action: { type: 'x' } } }).params).toMatchObject({
      thread_id: 't',
      action: { type: 'x' },
    });
  });

  it('accepts any result for client tool output, including null, but requires the key', () => {
    expect(parseOk({ type: 'threads.add_client_tool_output', params: { thread_id: 't', result: null } }).params).toEqual({ thread_id: 't', result: null });
    expect(errorsOf({ type: 'threads.add_client_tool_output', params: { thread_id: 't' } })).toEqual([{ field: 'params.result', message: 'Required' }]);
  });

  it('accepts limit 0 (means the default page size)', () => {
    expect(parseOk({ type: 'threads.list', params: { limit: 0 } }).params).toEqual({ limit: 0, order: 'desc' });
  });

  it('decodes a raw JSON string or byte buffer body', () => {
    const raw = JSON.stringify(BODIES['threads.delete']);
    expect(parseOk(raw)).toEqual({ ...BODIES['threads.delete'], metadata: {} });
    expect(parseOk(Buffer.from(raw, 'utf8'))).toEqual({ ...BODIES['threads.delete'], metadata: {} });
    expect(parseOk(new TextEncoder().encode(raw))).toEqual({ ...BODIES['threads.delete'], metadata: {} });
  });
});

describe('parseChatKitRequest: malformed bodies', () => {
  it.each<[string, unknown, { field: string; message: string }[]]>([
    ['non-object body', [], [{ field: '', message: 'Expected object, got array' }]],
    ['null body', null, [{ field: '', message: 'Expected object, got null' }]],
    ['malformed JSON text', '{"type":', [{ field: '', message: 'Malformed JSON body' }]],
    ['invalid UTF-8 bytes', new Uint8Array([0x7b, 0xff, 0x7d]), [{ field: '', message: 'Malformed JSON body' }]],
    ['missing type', { params: {} }, [{ field: 'type', message: 'Required' }]],
    ['unknown type', { type: 'threads.archive', params: {} }, [{ field: 'type', message: 'Unknown request type "threads.archive"' }]],
    ['non-string type', { type: 5, params: {} }, [{ field: 'type', message: 'Expected string, got number' }]],
    ['missing params (even when all params are optional)', { type: 'threads.list' }, [{ field: 'params', message: 'Required' }]],
    ['null params', { type: 'threads.list', params: null }, [{ field: 'params', message: 'Expected object, got null' }]],
    ['metadata not an object', { type: 'threads.list', params: {}, metadata: [] }, [{ field: 'metadata', message: 'Expected object, got array' }]],
    ['metadata null', { type: 'threads.list', params: {}, metadata: null }, [{ field: 'metadata', message: 'Expected object, got null' }]],
    ['missing input', { type: 'threads.create', params: {} }, [{ field: 'params.input', message: 'Required' }]],
    [
      'input without attachments and inference_options',
      { type: 'threads.create', params: { input: { content: [{ type: 'input_text', text: 'hi' }] } } },
      [
        { field: 'params.input.attachments', message: 'Required' },
        { field: 'params.input.inference_options', message: 'Required' },
      ],
    ],
    [
      'content not an array',
      { type: 'threads.create', params: { input: { content: 'hi', attachments: [], inference_options: {} } } },
      [{ field: 'params.input.content', message: 'Expected array, got string' }],
    ],
    [
      'unknown content part type',
      { type: 'threads.create', params: { input: { content: [{ type: 'input_image', url: 'x' }], attachments: [], inference_options: {} } } },
      [{ field: 'params.input.content[0].type', message: 'Expected one of: input_text, input_tag; got "input_image"' }],
    ],
    [
      'tag without data',
      { type: 'threads.add_user_message', params: { thread_id: 't', input: { content: [{ type: 'input_tag', id: 'x', text: 'x' }], attachments: [], inference_options: {} } } },
      [{ field: 'params.input.content[0].data', message: 'Required' }],
    ],
    [
      'attachment ids not strings, tool_choice without id',
      { type: 'threads.add_user_message', params: { thread_id: 't', input: { content: [], attachments: [{ id: 'a' }], inference_options: { tool_choice: {} } } } },
      [
        { field: 'params.input.attachments[0]', message: 'Expected string, got object' },
        { field: 'params.input.inference_options.tool_choice.id', message: 'Required' },
      ],
    ],
    ['add_user_message without thread_id', { type: 'threads.add_user_message', params: { input } }, [{ field: 'params.thread_id', message: 'Required' }]],
    [
      'structured input with a bad status and answer values',
      { type: 'threads.add_structured_input', params: { thread_id: 't', item_id: 'i', input: { status: 'pending', answers: { q: { values: 'Lisbon' } } } } },
      [
        { field: 'params.input.status', message: 'Expected one of: answered, skipped; got "pending"' },
        { field: 'params.input.answers.q.values', message: 'Expected array, got string' },
      ],
    ],
    ['retry without item_id', { type: 'threads.retry_after_item', params: { thread_id: 't' } }, [{ field: 'params.item_id', message: 'Required' }]],
    ['custom action without action', { type: 'threads.custom_action', params: { thread_id: 't' } }, [{ field: 'params.action', message: 'Required' }]],
    ['custom action without action.type', { type: 'threads.sync_custom_action', params: { thread_id: 't', action: { payload: {} } } }, [{ field: 'params.action.type', message: 'Required' }]],
    ['get_by_id with numeric id', { type: 'threads.get_by_id', params: { thread_id: 42 } }, [{ field: 'params.thread_id', message: 'Expected string, got number' }]],
    [
      'list with negative limit, bad order, numeric cursor',
      { type: 'threads.list', params: { limit: -1, order: 'newest', after: 3 } },
      [
        { field: 'params.limit', message: 'Must be >= 0' },
        { field: 'params.order', message: 'Expected one of: asc, desc; got "newest"' },
        { field: 'params.after', message: 'Expected string, got number' },
      ],
    ],
    ['list with fractional limit', { type: 'items.list', params: { thread_id: 't', limit: 2.5 } }, [{ field: 'params.limit', message: 'Expected integer, got number' }]],
    ['list with string limit', { type: 'items.list', params: { thread_id: 't', limit: '20' } }, [{ field: 'params.limit', message: 'Expected number, got string' }]],
    ['update without title', { type: 'threads.update', params: { thread_id: 't' } }, [{ field: 'params.title', message: 'Required' }]],
    ['delete without thread_id', { type: 'threads.delete', params: {} }, [{ field: 'params.thread_id', message: 'Required' }]],
    [
      'feedback with a bad kind and item_ids not a list',
      { type: 'items.feedback', params: { thread_id: 't', item_ids: 'msg_1', kind: 'neutral' } },
      [
        { field: 'params.item_ids', message: 'Expected array, got string' },
        { field: 'params.kind', message: 'Expected one of: positive, negative; got "neutral"' },
      ],
    ],
    [
      'attachment create missing name/mime_type, fractional size',
      { type: 'attachments.create', params: { size: 1.5 } },
      [
        { field: 'params.name', message: 'Required' },
        { field: 'params.size', message: 'Expected integer, got number' },
        { field: 'params.mime_type', message: 'Required' },
      ],
    ],
    ['attachment create negative size', { type: 'attachments.create', params: { name: 'a', size: -1, mime_type: 'text/plain' } }, [{ field: 'params.size', message: 'Must be >= 0' }]],
    ['attachment delete without id', { type: 'attachments.delete', params: {} }, [{ field: 'params.attachment_id', message: 'Required' }]],
    [
      'transcribe without audio',
      { type: 'input.transcribe', params: { mime_type: 'audio/mp4' } },
      [{ field: 'params.audio_base64', message: 'Required' }],
    ],
  ])('rejects %s', (_name, body, errors) => {
    expect(parseChatKitRequest(body)).toEqual({ ok: false, errors });
  });
});
