import type { Request } from 'express';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

/**
 * Reads the raw request body, up to `limit` bytes. The ChatKit routes read their own
 * bodies (the global JSON parser skips them, see configure-app.ts): the protocol
 * endpoint parses JSON whatever the Content-Type, as the reference does, and raw
 * uploads accept any type.
 */
export function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // drain without buffering, so the error response can be sent
    return Promise.reject(new BodyTooLargeError(limit));
  }
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onEnd = () => {
      cleanup();
      if (!failed) resolve(Buffer.concat(chunks, size));
    };
    const onError = (e: Error) => {
      cleanup();
      if (!failed) reject(e);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
