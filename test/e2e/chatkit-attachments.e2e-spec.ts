import { createTestApp, type TestApp } from '../support/test-app';
import { ChatkitClient, createWorkflow, nullPaths } from '../support/chatkit';

const BASE = 'https://chat.example.test';
const MAX = 4096;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e2a2d40000000049454e44ae426082', 'hex');

/** Two-phase attachment upload: attachments.create → upload route → message → content → delete. */
describe('chatkit attachments', () => {
  let t: TestApp;
  let workflowId: string;

  beforeAll(async () => {
    t = await createTestApp({
      env: { PUBLIC_BASE_URL: BASE, ATRIUM_ATTACHMENT_MAX_BYTES: String(MAX), ATRIUM_ATTACHMENT_TYPES: 'image/png,text/plain', ATRIUM_LOGIN_RATE_LIMIT: '10000' },
    });
    workflowId = await createWorkflow(t, (await t.userWithToken('admin')).token);
  });
  afterAll(() => t.close());

  async function user(): Promise<{ c: ChatkitClient; token: string }> {
    const u = await t.userWithToken('employee');
    return { c: new ChatkitClient(t, { token: u.token, workflowId }), token: u.token };
  }

  const path = (url: string) => url.slice(BASE.length);

  async function createAttachment(c: ChatkitClient, params: { name: string; size: number; mime_type: string }) {
    return c.send({ type: 'attachments.create', params });
  }

  it('attachments.create answers an Attachment with an upload_descriptor; the upload stores the bytes', async () => {
    const { c, token } = await user();
    const created = await createAttachment(c, { name: 'pixel.png', size: PNG.length, mime_type: 'image/png' });
    expect(created.status).toBe(200);
    expect(nullPaths(created.json)).toEqual([]);
    const id = created.json.id;
    expect(id).toMatch(/^atc_[0-9a-f]{16}$/);
    expect(created.json).toEqual({
      id,
      name: 'pixel.png',
      mime_type: 'image/png',
      // workflow_id in the query lets a browser on an allowed embed origin pass the CORS preflight.
      upload_descriptor: { url: `${BASE}/api/chatkit/attachments/${id}/upload?workflow_id=${workflowId}`, method: 'POST', headers: {} },
      type: 'image',
      preview_url: expect.stringMatching(new RegExp(`^${BASE}/api/chatkit/attachments/${id}/content\\?token=`)),
    });

    const up = await t.http.post(path(created.json.upload_descriptor.url)).set('Authorization', `Bearer ${token}`).attach('file', PNG, { filename: 'pixel.png', contentType: 'image/png' });
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ id, name: 'pixel.png', mime_type: 'image/png', type: 'image', preview_url: created.json.preview_url });
    const [row] = await t.dataSource.query(`SELECT bytes, size, uploaded, thread_id FROM chat_attachments WHERE id = $1`, [id]);
    expect(Buffer.compare(row.bytes, PNG)).toBe(0);
    expect(row).toMatchObject({ size: String(PNG.length), uploaded: true, thread_id: null });

    // The preview URL serves the bytes without a Bearer header (for <img>), only with its token.
    const content = await t.http.get(path(created.json.preview_url));
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(content.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(content.body as Buffer, PNG)).toBe(0);
    expect((await t.http.get(`/api/chatkit/attachments/${id}/content`)).status).toBe(404);
    expect((await t.http.get(`/api/chatkit/attachments/${id}/content?token=forged`)).status).toBe(404);
  });

  it('accepts a raw body upload (PUT as well as POST); files get no preview_url', async () => {
    const { c, token } = await user();
    const created = await createAttachment(c, { name: 'notes.txt', size: 5, mime_type: 'text/plain; charset=utf-8' });
    expect(created.json).toMatchObject({ type: 'file', mime_type: 'text/plain' });
    expect(created.json.preview_url).toBeUndefined();
    const up = await t.http.put(`/api/chatkit/attachments/${created.json.id}/upload`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send('hello');
    expect(up.status).toBe(200);
    expect(up.body.upload_descriptor).toBeUndefined();
    const [row] = await t.dataSource.query(`SELECT convert_from(bytes, 'UTF8') AS text FROM chat_attachments WHERE id = $1`, [created.json.id]);
    expect(row.text).toBe('hello');
  });

  it('refuses files that are too large (413) or of a type not allowed (415)', async () => {
    const { c, token } = await user();
    const big = await createAttachment(c, { name: 'big.txt', size: MAX + 1, mime_type: 'text/plain' });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('chatkit.attachment.too_large');
    const exe = await createAttachment(c, { name: 'tool.exe', size: 10, mime_type: 'application/x-msdownload' });
    expect(exe.status).toBe(415);
    expect(exe.json.error.code).toBe('chatkit.attachment.type_not_allowed');

    // A declared size that lies is caught at upload, multipart or raw.
    const small = await createAttachment(c, { name: 'small.txt', size: 10, mime_type: 'text/plain' });
    const url = `/api/chatkit/attachments/${small.json.id}/upload`;
    const tooBig = Buffer.alloc(MAX + 10, 0x61);
    const multipart = await t.http.post(url).set('Authorization', `Bearer ${token}`).attach('file', tooBig, { filename: 'small.txt', contentType: 'text/plain' });
    expect(multipart.status).toBe(413);
    expect(multipart.body.error.code).toBe('chatkit.attachment.too_large');
    const raw = await t.http.post(url).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/octet-stream').send(tooBig);
    expect(raw.status).toBe(413);
    expect(raw.body.error.code).toBe('chatkit.attachment.too_large');
    const [row] = await t.dataSource.query(`SELECT uploaded FROM chat_attachments WHERE id = $1`, [small.json.id]);
    expect(row.uploaded).toBe(false);

    const wrongField = await t.http.post(url).set('Authorization', `Bearer ${token}`).attach('document', Buffer.from('x'), 'x.txt');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.code).toBe('chatkit.request.invalid');
  });

  it('a message carries the full attachments with thread_id; they must be the caller’s and uploaded', async () => {
    const { c, token } = await user();
    const created = await createAttachment(c, { name: 'pixel.png', size: PNG.length, mime_type: 'image/png' });
    const id = created.json.id;

    const early = await c.create('look at this', { attachments: [id] });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('chatkit.attachment.not_uploaded');

    await t.http.post(`/api/chatkit/attachments/${id}/upload`).set('Authorization', `Bearer ${token}`).attach('file', PNG, 'pixel.png').expect(200);
    const stranger = await user();
    const stolen = await stranger.c.create('mine?', { attachments: [id] });
    expect(stolen.status).toBe(404);
    expect(stolen.json.error.code).toBe('chatkit.attachment.not_found');

    const res = await c.create('look at this', { attachments: [id] });
    expect(res.status).toBe(200);
    const threadId = res.events[0].thread.id;
    const attachment = res.events[1].item.attachments[0];
    expect(attachment).toEqual({ id, name: 'pixel.png', mime_type: 'image/png', thread_id: threadId, type: 'image', preview_url: created.json.preview_url });
    const stored = (await c.send({ type: 'threads.get_by_id', params: { thread_id: threadId } })).json.items.data[0];
    expect(stored.attachments).toEqual([attachment]);
    const [row] = await t.dataSource.query(`SELECT thread_id FROM chat_attachments WHERE id = $1`, [id]);
    expect(row.thread_id).toBe(threadId);

    // Bound to a message: no re-upload, no reuse in another thread.
    const reupload = await t.http.post(`/api/chatkit/attachments/${id}/upload`).set('Authorization', `Bearer ${token}`).attach('file', PNG, 'pixel.png');
    expect(reupload.status).toBe(409);
    expect((await c.create('again', { attachments: [id] })).json.error.code).toBe('chatkit.attachment.in_use');

    // Deleting the thread deletes its attachments.
    await c.send({ type: 'threads.delete', params: { thread_id: threadId } });
    expect(await t.dataSource.query(`SELECT id FROM chat_attachments WHERE id = $1`, [id])).toEqual([]);
  });

  it('only the owner can upload or delete; attachments.delete answers {}', async () => {
    const { c, token } = await user();
    const stranger = await user();
    const created = await createAttachment(c, { name: 'a.txt', size: 1, mime_type: 'text/plain' });
    const id = created.json.id;
    const foreignUpload = await t.http.post(`/api/chatkit/attachments/${id}/upload`).set('Authorization', `Bearer ${stranger.token}`).set('Content-Type', 'text/plain').send('x');
    expect(foreignUpload.status).toBe(404);
    // Without a token the caller is anonymous, and this workflow is not published.
    expect((await t.http.post(`/api/chatkit/attachments/${id}/upload`).send('x')).status).toBe(403);
    const foreignDelete = await stranger.c.send({ type: 'attachments.delete', params: { attachment_id: id } });
    expect(foreignDelete.status).toBe(404);
    expect(foreignDelete.json.error.code).toBe('chatkit.attachment.not_found');

    await t.http.post(`/api/chatkit/attachments/${id}/upload`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send('x').expect(200);
    const del = await c.send({ type: 'attachments.delete', params: { attachment_id: id } });
    expect(del.status).toBe(200);
    expect(del.text).toBe('{}');
    expect(await t.dataSource.query(`SELECT id FROM chat_attachments WHERE id = $1`, [id])).toEqual([]);
    expect((await c.send({ type: 'attachments.delete', params: { attachment_id: id } })).status).toBe(404);
    expect((await t.http.post(`/api/chatkit/attachments/atc_0000000000000000/upload`).set('Authorization', `Bearer ${token}`).send('x')).status).toBe(404);
    expect((await t.http.post(`/api/chatkit/attachments/%00/upload`).set('Authorization', `Bearer ${token}`).send('x')).status).toBe(404);
    expect((await t.http.get(`/api/chatkit/attachments/%00/content?token=x`)).status).toBe(404);
  });
});
