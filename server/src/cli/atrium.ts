#!/usr/bin/env node
/**
 * `atrium`: sign in, list and inspect workflows, publish and unpublish them.
 * Talks to the REST API only (ATRIUM_URL / ATRIUM_TOKEN, or what `atrium login` stored).
 * Exit codes: see exit-codes.ts and README.md.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { PublishWorkflowRequest } from '@atrium/protocol';
import { AtriumApi } from './api-client';
import { CancelledError, NotLoggedInError, UsageError, describeFailure } from './cli-errors';
import { credentialsPath, normalizeServerUrl, readCredentials, removeCredentials, resolveCredentials, writeCredentials, DEFAULT_URL } from './credentials';
import { EXIT } from './exit-codes';
import { formatPublishResult, formatWorkflow, formatWorkflowList } from './output';
import { packageVersion } from './package-version';
import { PromptCancelled, ask, confirm, readStdin } from './prompt';

type Env = Record<string, string | undefined>;

/** Facts about the running command that error messages mention. */
interface RunContext {
  url: string;
  workflowId?: string;
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

function intOption(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be an integer between ${min} and ${max}.`);
    return n;
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function buildProgram(env: Env, ctx: RunContext): Command {
  const api = (): AtriumApi => {
    let resolved;
    try {
      resolved = resolveCredentials(env);
    } catch (e) {
      throw new UsageError(`ATRIUM_URL: ${(e as Error).message}`);
    }
    ctx.url = resolved.url;
    if (!resolved.token) throw new NotLoggedInError(resolved.url);
    return new AtriumApi(resolved.url, resolved.token);
  };

  const program = new Command('atrium')
    .description('Atrium from the command line: sign in, list, inspect, publish and unpublish workflows.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Environment:
  ATRIUM_URL     server URL (overrides the one stored by \`atrium login\`; default ${DEFAULT_URL})
  ATRIUM_TOKEN   access token (overrides the stored one)

Exit codes: 0 ok, 1 other error, 2 usage, 3 not logged in / token refused, 4 forbidden, 5 not found, 6 server unreachable.`,
    );

  program
    .command('login')
    .description(`sign in and store a token in ${credentialsPath(env).replace(env.HOME ?? '\u0000', '~')}`)
    .option('--url <url>', `server URL (default: ATRIUM_URL, the stored URL, or ${DEFAULT_URL})`)
    .option('--email <email>', 'account email (asked for when omitted)')
    .option('--password-stdin', 'read the password from stdin (for scripts)')
    .option('--json', 'print the result as JSON (never the token)')
    .action(async (opts: { url?: string; email?: string; passwordStdin?: boolean; json?: boolean }) => {
      let url: string;
      try {
        url = normalizeServerUrl(opts.url ?? env.ATRIUM_URL ?? readCredentials(env)?.url ?? DEFAULT_URL);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      ctx.url = url;
      let email = opts.email?.trim();
      let password: string;
      if (opts.passwordStdin) {
        if (!email) throw new UsageError('--password-stdin needs --email <email>.');
        password = await readStdin();
        if (!password) throw new UsageError('No password on stdin.', 'Pipe it in: printf %s "$PASSWORD" | atrium login --email you@example.com --password-stdin');
      } else {
        if (!process.stdin.isTTY) {
          throw new UsageError('No terminal to ask for the password on.', 'For scripts use: printf %s "$PASSWORD" | atrium login --email you@example.com --password-stdin');
        }
        note(`Signing in to ${url}`);
        email ||= (await ask('Email: ')).trim();
        password = await ask('Password: ', { hidden: true });
      }
      if (!email) throw new UsageError('An email is required.');
      const res = await new AtriumApi(url).login(email, password);
      const expiresAt = new Date(Date.now() + res.expires_in * 1000).toISOString();
      const file = writeCredentials({ url, token: res.access_token, email: res.user.email, role: res.user.role, expires_at: expiresAt }, env);
      if (opts.json) {
        printJson({ url, user: res.user, expires_at: expiresAt, credentials_file: file });
      } else {
        print(`Logged in to ${url} as ${res.user.email} (${res.user.role}).`);
        print(`Token saved to ${file}; it expires at ${expiresAt}.`);
      }
      if (env.ATRIUM_TOKEN) note('Note: ATRIUM_TOKEN is set and takes precedence over the stored token.');
    });

  program
    .command('logout')
    .description('forget the stored token')
    .action(() => {
      const file = credentialsPath(env);
      print(removeCredentials(env) ? `Logged out: removed ${file}.` : 'Not logged in; nothing to remove.');
      if (env.ATRIUM_TOKEN) note('Note: ATRIUM_TOKEN is still set in your environment and will still be used.');
    });

  const workflow = program.command('workflow').description('list, show, publish and unpublish workflows');

  workflow
    .command('list')
    .description('list workflows with their publish status')
    .addOption(new Option('--status <status>', 'only published or only draft workflows').choices(['published', 'draft']))
    .option('-q, --query <text>', 'search names and descriptions')
    .option('--limit <n>', 'how many (1-200, default 25)', intOption(1, 200))
    .option('--offset <n>', 'skip this many', intOption(0, 1_000_000))
    .option('--json', 'print the API payload')
    .action(async (opts: { status?: 'published' | 'draft'; query?: string; limit?: number; offset?: number; json?: boolean }) => {
      const page = await api().listWorkflows({ status: opts.status, q: opts.query, limit: opts.limit, offset: opts.offset });
      if (opts.json) printJson(page);
      else print(formatWorkflowList(page));
    });

  workflow
    .command('show')
    .description('show one workflow and its publish status')
    .argument('<id>', 'workflow id')
    .option('--json', 'print the API payload')
    .action(async (id: string, opts: { json?: boolean }) => {
      ctx.workflowId = id;
      const w = await api().getWorkflow(id);
      if (opts.json) printJson(w);
      else print(formatWorkflow(w));
    });

  workflow
    .command('publish')
    .description('publish a workflow as a public chat, or change the settings of a published one')
    .argument('<id>', 'workflow id')
    .option('--require-login', 'visitors must sign in first')
    .option('--no-require-login', 'anyone with the link may chat')
    .option('--origin <origin>', 'an origin allowed to embed the chat bubble, e.g. https://intranet.example.com (repeatable)', collect)
    .addOption(new Option('--clear-origins', 'allow no embedding origins').conflicts('origin'))
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print the API payload')
    .action(async (id: string, opts: { requireLogin?: boolean; origin?: string[]; clearOrigins?: boolean; yes?: boolean; json?: boolean }) => {
      ctx.workflowId = id;
      const body: PublishWorkflowRequest = {};
      if (opts.requireLogin !== undefined) body.require_login = opts.requireLogin;
      if (opts.origin) body.allowed_origins = opts.origin;
      if (opts.clearOrigins) body.allowed_origins = [];
      if (!opts.yes) requireTerminal('publish');
      const client = api();
      if (!opts.yes) {
        const w = await client.getWorkflow(id);
        const login = (body.require_login ?? w.require_login) ? 'visitors must sign in' : 'anyone with the link can chat';
        const verb = w.is_public ? 'Update the publication of' : 'Publish';
        if (!(await confirm(`${verb} "${w.name}" (${w.id}); ${login}?`))) throw new CancelledError();
      }
      const result = await client.publish(id, body);
      if (opts.json) printJson(result);
      else print(formatPublishResult(result));
    });

  workflow
    .command('unpublish')
    .description('take a workflow offline: its share link stops working')
    .argument('<id>', 'workflow id')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print the API payload')
    .action(async (id: string, opts: { yes?: boolean; json?: boolean }) => {
      ctx.workflowId = id;
      if (!opts.yes) requireTerminal('unpublish');
      const client = api();
      if (!opts.yes) {
        const w = await client.getWorkflow(id);
        const question = w.is_public
          ? `Unpublish "${w.name}" (${w.id})? Its share link ${w.share_url ?? ''} stops working.`
          : `"${w.name}" (${w.id}) is not published. Continue anyway?`;
        if (!(await confirm(question))) throw new CancelledError();
      }
      const result = await client.unpublish(id);
      if (opts.json) printJson(result);
      else print(formatPublishResult(result));
    });

  return program;
}

function requireTerminal(what: string): void {
  if (!process.stdin.isTTY) {
    throw new UsageError(`Refusing to ${what} without confirmation: stdin is not a terminal.`, `Re-run with --yes to confirm (e.g. atrium workflow ${what} <id> --yes).`);
  }
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[] = process.argv, env: Env = process.env): Promise<number> {
  const ctx: RunContext = { url: DEFAULT_URL };
  const program = buildProgram(env, ctx);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed its message (or the help/version).
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof PromptCancelled) {
      note('atrium: cancelled.');
      return EXIT.other;
    }
    const report = describeFailure(e, ctx);
    note(`atrium: ${report.message}`);
    if (report.hint) note(`  hint: ${report.hint}`);
    return report.exitCode;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
