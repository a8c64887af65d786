import { randomBytes } from 'node:crypto';
import { openFlowState, sealFlowState, type OidcFlowState } from './oidc-flow-cookie';

describe('OIDC flow cookie', () => {
  const key = randomBytes(32);
  const state: OidcFlowState = { state: 's', nonce: 'n', codeVerifier: 'v'.repeat(43), returnTo: '/chat/x', exp: 2_000_000_000 };

  it('round-trips and hides its content', () => {
    const sealed = sealFlowState(key, state);
    expect(sealed).not.toContain('vvvv');
    expect(Buffer.from(sealed.split('.')[2], 'base64url').toString('latin1')).not.toContain('/chat/x');
    expect(openFlowState(key, sealed, 1_000)).toEqual(state);
  });

  it('refuses altered values, another key, expired states and junk', () => {
    const sealed = sealFlowState(key, state);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2], 'base64url');
    body[0] ^= 1;
    expect(openFlowState(key, [parts[0], parts[1], body.toString('base64url'), parts[3]].join('.'), 1_000)).toBeUndefined();
    expect(openFlowState(randomBytes(32), sealed, 1_000)).toBeUndefined();
    expect(openFlowState(key, sealed, state.exp + 1)).toBeUndefined();
    for (const junk of [undefined, '', 'v1', 'v1.a.b.c', 'v2.' + parts.slice(1).join('.'), JSON.stringify(state)]) {
      expect(openFlowState(key, junk, 1_000)).toBeUndefined();
    }
  });
});
