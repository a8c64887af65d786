import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { REDACTED, redactLogObject, redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('redacts secret keys at any depth and leaves the input untouched', () => {
    const input = { user: { email: 'a@b.c', password: 'pw' }, list: [{ api_key: 'k' }, 1], token: 't' };
    expect(redactSecrets(input)).toEqual({ user: { email: 'a@b.c', password: REDACTED }, list: [{ api_key: REDACTED }, 1], token: REDACTED });
    expect(input.user.password).toBe('pw');
  });

  it('returns plain values with nothing to redact as they are (no copy)', () => {
    const input = { a: { b: [1, { c: 'x' }] }, d: null };
    expect(redactSecrets(input)).toBe(input);
  });

  it('copies other objects as their own enumerable members, as before (a Date becomes {}), and keeps errors', () => {
    class Account {
      constructor(
        readonly id: string,
        readonly passwordHash: string,
      ) {}
    }
    const err = new Error('boom');
    expect(redactSecrets({ at: new Date(0), account: new Account('u1', 'h'), err })).toEqual({ at: {}, account: { id: 'u1', passwordHash: REDACTED }, err });
  });
});

describe('redactLogObject', () => {
  it('passes the request and response objects of a request line to their serializers unwalked', () => {
    const req = new IncomingMessage(new Socket());
    const res = new ServerResponse(req);
    const obj = { res, req, responseTime: 3 };
    expect(redactLogObject(obj)).toBe(obj);
  });

  it('redacts everything else as redactSecrets does', () => {
    expect(redactLogObject({ res: { statusCode: 200, cookie: 'c' }, client_secret: 's', n: 1 })).toEqual({ res: { statusCode: 200, cookie: REDACTED }, client_secret: REDACTED, n: 1 });
  });
});
