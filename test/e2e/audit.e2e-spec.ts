import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../support/test-app';
import { WorkflowsService } from '../../server/src/workflows/workflows.service';
import { AuditService } from '../../server/src/audit/audit.service';

describe('audit trail', () => {
  let t: TestApp;
  let admin: { token: string; id: string; email: string };
  let auditor: { token: string };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithToken('admin');
    auditor = await t.userWithToken('auditor');
    for (const name of ['One', 'Two', 'Three']) {
      await t.http.post('/api/workflows').set(auth(admin.token)).send({ name }).set('User-Agent', 'audit-test-agent').set('X-Request-Id', `req-${name}`).expect(201);
    }
  });
  afterAll(() => t.close());

  it('records actor, role, target, request id, ip and user agent', async () => {
    const page = (await t.http.get('/api/audit?action=workflow.created&limit=1').set(auth(auditor.token)).expect(200)).body;
    expect(page.data[0]).toMatchObject({
      action: 'workflow.created',
      actor_id: admin.id,
      actor_email: admin.email,
      actor_role: 'admin',
      target_type: 'workflow',
      request_id: 'req-Three',
      user_agent: 'audit-test-agent',
      summary: { after: { name: 'Three' } },
    });
    expect(page.data[0].ip).toBeTruthy();
    expect(page.data[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('pages with a cursor, newest first, and filters by action, actor, workflow and time', async () => {
    const first = (await t.http.get('/api/audit?action=workflow.created&limit=2').set(auth(admin.token)).expect(200)).body;
    expect(first.data.map((e: { summary: { after: { name: string } } }) => e.summary.after.name)).toEqual(['Three', 'Two']);
    const second = (await t.http.get(`/api/audit?action=workflow.created&limit=2&cursor=${first.next_cursor}`).set(auth(admin.token)).expect(200)).body;
    expect(second.data.map((e: { summary: { after: { name: string } } }) => e.summary.after.name)).toEqual(['One']);
    expect(second.next_cursor).toBeUndefined();

    const wf = first.data[0].workflow_id;
    const byWorkflow = (await t.http.get(`/api/audit?workflow_id=${wf}`).set(auth(admin.token)).expect(200)).body;
    expect(byWorkflow.data).toHaveLength(1);
    const byActor = (await t.http.get(`/api/audit?actor_id=${admin.id}&action=workflow.created,user.created`).set(auth(admin.token)).expect(200)).body;
    expect(byActor.data).toHaveLength(3);
    const future = (await t.http.get(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`).set(auth(admin.token)).expect(200)).body;
    expect(future.data).toEqual([]);
    expect((await t.http.get('/api/audit?cursor=bogus').set(auth(admin.token)).expect(400)).body.error.code).toBe('audit.cursor_invalid');
    await t.http.get('/api/audit?from=yesterday').set(auth(admin.token)).expect(400);
  });

  it('is readable by auditors and admins only', async () => {
    const employee = await t.userWithToken('employee');
    await t.http.get('/api/audit').set(auth(employee.token)).expect(403);
    await t.http.get('/api/audit/export?format=csv').set(auth(employee.token)).expect(403);
    await t.http.get('/api/audit/verify').expect(401);
  });

  it('exports the filtered set as CSV and as JSON Lines', async () => {
    const csv = await t.http.get('/api/audit/export?format=csv&action=workflow.created').set(auth(auditor.token)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="atrium-audit-.*\.csv"/);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => JSON.parse(r.summary).after.name)).toEqual(['One', 'Two', 'Three']);
    expect(rows[0].action).toBe('workflow.created');

    const jsonl = await t.http.get('/api/audit/export?format=jsonl&action=workflow.created').set(auth(auditor.token)).buffer(true).parse((res, cb) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => cb(null, data));
    }).expect(200);
    const lines = (jsonl.body as string).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[2].summary.after.name).toBe('Three');
    expect((await t.http.get('/api/audit/export?format=xml').set(auth(auditor.token)).expect(400)).body.error.code).toBe('request.invalid');
  });

  it('writes the audit row in the same transaction: a failed change leaves no row', async () => {
    const before = Number((await t.dataSource.query('SELECT count(*) FROM audit_events'))[0].count);
    // A name longer than the column allows fails at INSERT, after validation: the transaction rolls back.
    await expect(t.app.get(WorkflowsService).create({ name: 'x'.repeat(300) }, undefined)).rejects.toThrow();
    const after = Number((await t.dataSource.query('SELECT count(*) FROM audit_events'))[0].count);
    expect(after).toBe(before);
    const auditSvc = t.app.get(AuditService);
    // And an audit row cannot be written outside a transaction.
    await expect(auditSvc.record(t.dataSource.manager, { action: 'workflow.created', targetType: 'workflow' })).rejects.toThrow(/inside a transaction/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application connection', async () => {
    await expect(t.dataSource.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('verifies the chain and reports where a tampered row breaks it', async () => {
    const ok = (await t.http.get('/api/audit/verify').set(auth(auditor.token)).expect(200)).body;
    expect(ok.intact).toBe(true);
    expect(ok.checked).toBeGreaterThanOrEqual(5);

    // Someone with owner rights bypasses the trigger and edits one row's summary.
    const [victim] = await t.dataSource.query(`SELECT id, seq FROM audit_events WHERE action = 'workflow.created' ORDER BY seq LIMIT 1 OFFSET 1`);
    await t.dataSource.transaction(async (m) => {
      await m.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
      await m.query(`UPDATE audit_events SET summary = '{"after":{"name":"Forged"}}' WHERE id = $1`, [victim.id]);
      await m.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    });
    const broken = (await t.http.get('/api/audit/verify').set(auth(auditor.token)).expect(200)).body;
    expect(broken).toMatchObject({ intact: false, broken_at: { seq: Number(victim.seq), id: victim.id, reason: 'hash_mismatch' } });

    // Deleting a row is detected as a gap in the sequence.
    await t.dataSource.transaction(async (m) => {
      await m.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
      await m.query(`DELETE FROM audit_events WHERE seq = 1`);
      await m.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    });
    const gap = (await t.http.get('/api/audit/verify').set(auth(auditor.token)).expect(200)).body;
    expect(gap).toMatchObject({ intact: false, broken_at: { seq: 1, reason: 'sequence_gap' } });
  });
});

describe('audit chain under concurrent writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('stays intact when many changes commit at once', async () => {
    const admin = await t.userWithToken('admin');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.http.post('/api/workflows').set({ Authorization: `Bearer ${admin.token}` }).send({ name: `Concurrent ${i}` }).expect(201)),
    );
    const res = (await t.http.get('/api/audit/verify').set({ Authorization: `Bearer ${admin.token}` }).expect(200)).body;
    expect(res).toMatchObject({ intact: true });
    expect(res.checked).toBe(21);
  });
});
