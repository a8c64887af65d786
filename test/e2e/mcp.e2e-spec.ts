import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';
import { ensureServerBuilt, runNode } from '../support/cli-build';

const PUBLIC = 'https://chat.example.test';

describe('atrium-mcp (stdio MCP server, built binary, official SDK client)', () => {
  let t: TestApp;
  let url: string;
  let mcpBin: string;
  let cliBin: string;
  let admin: { id: string; email: string; token: string; password: string };
  let employee: { token: string };
  let workflowId: string;
  const clients: Client[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const built = await ensureServerBuilt();
    mcpBin = built.atriumMcp;
    cliBin = built.atrium;
    t = await createTestApp({ env: { PUBLIC_BASE_URL: PUBLIC } });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await t.userWithToken('admin');
    employee = await t.userWithToken('employee');
    workflowId = (await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'MCP target', description: 'For the MCP test' }).expect(201)).body.id;
  }, 180_000);
  afterAll(async () => {
    for (const c of clients) await c.close();
    await t?.close();
  });

  async function connect(env: Record<string, string>): Promise<Client> {
    const home = mkdtempSync(join(tmpdir(), 'atrium-mcp-home-'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [mcpBin],
      env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...env },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'atrium-e2e', version: '1.0.0' });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  const text = (r: unknown) => JSON.parse(((r as CallToolResult).content[0] as { text: string }).text);

  it('lists the four tools with their input schemas', async () => {
    const client = await connect({ ATRIUM_URL: url, ATRIUM_TOKEN: admin.token });
    expect(client.getServerVersion()).toMatchObject({ name: 'atrium' });
    const { tools } = await client.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(['list_workflows', 'publish_workflow', 'show_workflow', 'unpublish_workflow']);
    const publish = tools.find((x) => x.name === 'publish_workflow')!;
    expect(publish.inputSchema).toMatchObject({ type: 'object', required: ['id'], properties: { id: { type: 'string' }, require_login: { type: 'boolean' }, allowed_origins: { type: 'array' } } });
    expect(tools.find((x) => x.name === 'list_workflows')!.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('each tool returns the same payload as the API', async () => {
    const client = await connect({ ATRIUM_URL: url, ATRIUM_TOKEN: admin.token });

    const listed = await client.callTool({ name: 'list_workflows', arguments: { query: 'MCP' } });
    expect(listed.isError).toBeFalsy();
    expect(text(listed)).toEqual((await t.http.get('/api/workflows?q=MCP').set(auth(admin.token)).expect(200)).body);

    const shown = await client.callTool({ name: 'show_workflow', arguments: { id: workflowId } });
    expect(text(shown)).toEqual((await t.http.get(`/api/workflows/${workflowId}`).set(auth(admin.token)).expect(200)).body);

    const published = await client.callTool({ name: 'publish_workflow', arguments: { id: workflowId, require_login: true, allowed_origins: ['https://Intranet.example.com'] } });
    expect(published.isError).toBeFalsy();
    const payload = text(published);
    expect(payload.publish).toEqual({
      is_public: true,
      published_at: expect.any(String),
      published_by: admin.id,
      require_login: true,
      allowed_origins: ['https://intranet.example.com'],
      share_url: `${PUBLIC}/chat/${workflowId}`,
    });
    expect(payload.workflow).toEqual((await t.http.get(`/api/workflows/${workflowId}`).set(auth(admin.token)).expect(200)).body);
    expect(typeof payload.message).toBe('string');

    const revoked = await client.callTool({ name: 'unpublish_workflow', arguments: { id: workflowId } });
    expect(text(revoked)).toMatchObject({ workflow: { id: workflowId, is_public: false }, publish: { is_public: false, require_login: false, allowed_origins: [] } });
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE target_id = $1 AND action LIKE 'workflow.%publish%' ORDER BY seq`, [workflowId]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['workflow.published', 'workflow.unpublished']);
  });

  it('returns the API errors as tool errors with the code and message', async () => {
    const asEmployee = await connect({ ATRIUM_URL: url, ATRIUM_TOKEN: employee.token });
    const forbidden = await asEmployee.callTool({ name: 'publish_workflow', arguments: { id: workflowId } });
    expect(forbidden.isError).toBe(true);
    expect(text(forbidden).error).toMatchObject({ code: 'auth.forbidden', message: expect.stringContaining('employee'), request_id: expect.any(String) });

    const asAdmin = await connect({ ATRIUM_URL: url, ATRIUM_TOKEN: admin.token });
    const missing = await asAdmin.callTool({ name: 'show_workflow', arguments: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.isError).toBe(true);
    expect(text(missing).error).toMatchObject({ code: 'workflow.not_found', message: 'Workflow was not found.' });

    const badOrigin = await asAdmin.callTool({ name: 'publish_workflow', arguments: { id: workflowId, allowed_origins: ['*'] } });
    expect(text(badOrigin).error).toMatchObject({ code: 'request.invalid', details: { fields: [{ field: 'allowed_origins[0]' }] } });

    const noToken = await connect({ ATRIUM_URL: url });
    const unauthenticated = await noToken.callTool({ name: 'list_workflows', arguments: {} });
    expect(unauthenticated.isError).toBe(true);
    expect(text(unauthenticated).error).toMatchObject({ code: 'auth.unauthenticated', message: expect.stringContaining('ATRIUM_TOKEN') });

    const down = await connect({ ATRIUM_URL: 'http://127.0.0.1:9', ATRIUM_TOKEN: admin.token });
    const unreachable = await down.callTool({ name: 'list_workflows', arguments: {} });
    expect(unreachable.isError).toBe(true);
    expect(text(unreachable).error.code).toBe('server.unreachable');
  });

  it('uses the credentials stored by `atrium login` when no environment is given', async () => {
    const home = mkdtempSync(join(tmpdir(), 'atrium-mcp-home-'));
    const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
    const login = await runNode(cliBin, ['login', '--url', url, '--email', admin.email, '--password-stdin'], { env, input: admin.password });
    expect(login.code).toBe(0);
    const transport = new StdioClientTransport({ command: process.execPath, args: [mcpBin], env, stderr: 'pipe' });
    const client = new Client({ name: 'atrium-e2e', version: '1.0.0' });
    await client.connect(transport);
    clients.push(client);
    const shown = await client.callTool({ name: 'show_workflow', arguments: { id: workflowId } });
    expect(shown.isError).toBeFalsy();
    expect(text(shown).id).toBe(workflowId);
  });
});
