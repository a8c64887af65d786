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

/** Random bytes drawn from the CSPRNG in blocks: one call per 64 ids instead of one per id. */
const BLOCK = 512;
let pool = Buffer.alloc(0);
let offset = BLOCK;

export function newChatkitId(kind: ChatkitIdKind): string {
  if (offset + 8 > pool.length) {
    pool = randomBytes(BLOCK);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + 8);
  offset += 8;
  return `${CHATKIT_ID_PREFIXES[kind]}_${hex}`;
}
