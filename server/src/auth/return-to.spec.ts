import { DomainError } from '../common/errors/domain-error';
import { safeReturnPath } from './return-to';

const BASE = 'https://atrium.example.com';

describe('safeReturnPath', () => {
  it('keeps same-site relative paths (with query and fragment)', () => {
    expect(safeReturnPath('/chat/abc', BASE)).toBe('/chat/abc');
    expect(safeReturnPath('/chat/abc?embed=1#x', BASE)).toBe('/chat/abc?embed=1#x');
    expect(safeReturnPath(undefined, BASE)).toBe('/');
    expect(safeReturnPath('', BASE)).toBe('/');
  });

  it.each([
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['https://atrium.example.com/chat/x'],
    ['javascript:alert(1)'],
    ['chat/abc'],
    ['/chat/\r\nSet-Cookie: a=b'],
    ['/chat/\u0000'],
    [['/a', '/b']],
    [`/${'a'.repeat(2001)}`],
  ])('refuses %j with auth.oidc.return_to_invalid', (value) => {
    let error: unknown;
    try {
      safeReturnPath(value, BASE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('auth.oidc.return_to_invalid');
  });
});
