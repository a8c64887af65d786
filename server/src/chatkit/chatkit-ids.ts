import { randomBytes } from 'node:crypto';

/** The reference's id prefixes (chatkit-python `store.py`), with 16 hex characters instead of 8. */
export const CHATKIT_ID_PREFIXES = {
  thread: 'thr',
  message: 'msg',
  tool_call: 'tc',
  workflow: 'wf',
  task: 'tsk',
  attachment: 'atc',
  sdk_hidden_context: 'shcx',
} as const;

export type ChatkitIdKind = keyof typeof CHATKIT_ID_PREFIXES;

export function newChatkitId(kind: ChatkitIdKind): string {
  return `${CHATKIT_ID_PREFIXES[kind]}_${randomBytes(8).toString('hex')}`;
}
