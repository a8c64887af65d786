#!/usr/bin/env node
/**
 * `atrium-mcp`: an MCP server on stdio exposing Atrium's workflow publishing to AI
 * assistants. Each tool calls the same REST API as the CLI (ATRIUM_URL / ATRIUM_TOKEN,
 * or what `atrium login` stored) and returns the API's JSON payload as text; failures
 * are tool errors carrying the API's error body (`{"error": {code, message, …}}`).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ApiError, AtriumApi, UnreachableError } from './api-client';
import { resolveCredentials } from './credentials';
import { packageVersion } from './package-version';

type Env = Record<string, string | undefined>;

function ok(payload: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(payload, null, 2) }] };
}

function failure(code: string, message: string, body?: unknown): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(body ?? { error: { code, message } }, null, 2) }] };
}

/** Runs one API call; every failure becomes a tool error with a stable code. */
async function call(env: Env, fn: (api: AtriumApi) => Promise<unknown>): Promise<CallToolResult> {
  let credentials;
  try {
    credentials = resolveCredentials(env);
  } catch (e) {
    return failure('config.invalid', `ATRIUM_URL: ${(e as Error).message}`);
  }
  if (!credentials.token) {
    return failure('auth.unauthenticated', `Not logged in to ${credentials.url}: set ATRIUM_TOKEN in the MCP server's environment, or run \`atrium login\` once.`);
  }
  try {
    return ok(await fn(new AtriumApi(credentials.url, credentials.token)));
  } catch (e) {
    if (e instanceof ApiError) return failure(e.code, e.message, e.body);
    if (e instanceof UnreachableError) return failure('server.unreachable', `${e.message} Check ATRIUM_URL and that the server is running.`);
    return failure('internal', e instanceof Error ? e.message : String(e));
  }
}

export function createMcpServer(env: Env = process.env): McpServer {
  const server = new McpServer(
    { name: 'atrium', version: packageVersion() },
    {
      instructions:
        'Tools for Atrium, a self-hosted chat front door for AI workflows: list and inspect workflows, publish one as a public chat (share URL, optional login, embedding origins) or take it offline. Publishing needs an admin account.',
    },
  );
  const id = z.string().min(1).max(100).describe('Workflow id (uuid), as listed by list_workflows');

  server.registerTool(
    'list_workflows',
    {
      title: 'List workflows',
      description: 'Lists workflows with their publish state (is_public, require_login, allowed_origins, share_url). Same payload as GET /api/workflows.',
      inputSchema: {
        status: z.enum(['published', 'draft']).optional().describe('Only published or only draft workflows'),
        query: z.string().max(200).optional().describe('Search in names and descriptions'),
        limit: z.number().int().min(1).max(200).optional().describe('Page size (default 25)'),
        offset: z.number().int().min(0).optional().describe('Skip this many'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => call(env, (api) => api.listWorkflows({ status: args.status, q: args.query, limit: args.limit, offset: args.offset })),
  );

  server.registerTool(
    'show_workflow',
    {
      title: 'Show a workflow',
      description: 'One workflow with its definition and publish state. Same payload as GET /api/workflows/:id.',
      inputSchema: { id },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => call(env, (api) => api.getWorkflow(args.id)),
  );

  server.registerTool(
    'publish_workflow',
    {
      title: 'Publish a workflow',
      description:
        'Publishes a workflow as a public chat, or updates the settings of a published one (omitted settings keep their value). Returns {workflow, publish: {…, share_url}, message}. Admin only.',
      inputSchema: {
        id,
        require_login: z.boolean().optional().describe('Visitors must sign in before chatting'),
        allowed_origins: z.array(z.string()).max(50).optional().describe('Origins (scheme://host[:port]) allowed to embed the chat bubble; [] allows none'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      call(env, (api) =>
        api.publish(args.id, {
          ...(args.require_login === undefined ? {} : { require_login: args.require_login }),
          ...(args.allowed_origins === undefined ? {} : { allowed_origins: args.allowed_origins }),
        }),
      ),
  );

  server.registerTool(
    'unpublish_workflow',
    {
      title: 'Unpublish a workflow',
      description: 'Takes a workflow offline: its share link stops working and its publish settings are cleared. Returns {workflow, publish, message}. Admin only.',
      inputSchema: { id },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args) => call(env, (api) => api.unpublish(args.id)),
  );

  return server;
}

/** Serves MCP on stdio until the client closes the connection. */
export async function main(): Promise<void> {
  const server = createMcpServer();
  await server.connect(new StdioServerTransport());
  // stdout carries the protocol; diagnostics go to stderr.
  process.stderr.write(`atrium-mcp ${packageVersion()}: ready on stdio (server ${safeUrl()})\n`);
}

function safeUrl(): string {
  try {
    return resolveCredentials().url;
  } catch {
    return 'invalid ATRIUM_URL';
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`atrium-mcp: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
