import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';
import { REPO_ROOT, ensureServerBuilt, runNode, type CliResult } from '../support/cli-build';

const PUBLIC = 'https://chat.example.test';

/** util-linux `script` gives the CLI a real terminal (for the interactive prompts). */
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

/** Runs a command in a pseudo-terminal and answers each prompt (matched on the output) in turn. */
function runInTerminal(command: string[], env: Record<string, string>, answers: [RegExp, string][]): Promise<{ code: number | null; output: string }> {
  const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', quoted, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let next = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`terminal session timed out; output so far:\n${output}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      while (next < answers.length && answers[next][0].test(output)) {
        child.stdin.write(answers[next][1]);
        next++;
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, output });
    });
  });
}

describe('atrium CLI (built binary against a running server)', () => {
  let t: TestApp;
  let url: string;
  let cli: string;
  let admin: { id: string; email: string; token: string; password: string };
  let employee: { id: string; email: string; token: string; password: string };
  let draftId: string;
  let publishedId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    cli = (await ensureServerBuilt()).atrium;
    t = await createTestApp({ env: { PUBLIC_BASE_URL: PUBLIC } });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await t.userWithToken('admin');
    employee = await t.userWithToken('employee');
    draftId = (await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'Draft assistant' }).expect(201)).body.id;
    publishedId = (await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'Published assistant' }).expect(201)).body.id;
    await t.http.post(`/api/workflows/${publishedId}/publish`).set(auth(admin.token)).send({ require_login: true }).expect(200);
  }, 180_000);
  afterAll(() => t?.close());

  /** A fresh HOME/XDG_CONFIG_HOME per call unless one is given: no test sees another's credentials. */
  function run(args: string[], opts: { env?: Record<string, string>; input?: string; home?: string } = {}): Promise<CliResult> {
    const home = opts.home ?? mkdtempSync(join(tmpdir(), 'atrium-cli-home-'));
    return runNode(cli, args, {
      env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...opts.env },
      input: opts.input,
    });
  }
  const asAdmin = (args: string[], input?: string) => run(args, { env: { ATRIUM_URL: url, ATRIUM_TOKEN: admin.token }, input });

  it('login --password-stdin stores the token (0600) with the server URL; later commands use it; logout forgets it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'atrium-cli-home-'));
    const login = await run(['login', '--url', url, '--email', admin.email, '--password-stdin'], { home, input: `${admin.password}\n` });
    expect(login).toMatchObject({ code: 0 });
    expect(login.stdout).toContain(`Logged in to ${url} as ${admin.email} (admin)`);
    const file = join(home, '.config', 'atrium', 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.config', 'atrium')).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored).toMatchObject({ url, email: admin.email, role: 'admin', token: expect.any(String) });
    expect(login.stdout + login.stderr).not.toContain(stored.token);
    expect(login.stdout + login.stderr).not.toContain(admin.password);

    const list = await run(['workflow', 'list'], { home });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Published assistant');

    const logout = await run(['logout'], { home });
    expect(logout).toMatchObject({ code: 0 });
    expect(existsSync(file)).toBe(false);
    const after = await run(['workflow', 'list'], { home });
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('atrium login');
  });

  it('login refuses a wrong password (exit 3, nothing stored) and needs --password-stdin without a terminal (exit 2)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'atrium-cli-home-'));
    const wrong = await run(['login', '--url', url, '--email', admin.email, '--password-stdin'], { home, input: 'not-the-password' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('auth.invalid_credentials');
    expect(existsSync(join(home, '.config', 'atrium', 'credentials.json'))).toBe(false);
    const noTty = await run(['login', '--url', url], { home });
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('--password-stdin');
  });

  it('ATRIUM_URL and ATRIUM_TOKEN override the stored credentials', async () => {
    const home = mkdtempSync(join(tmpdir(), 'atrium-cli-home-'));
    await run(['login', '--url', url, '--email', employee.email, '--password-stdin'], { home, input: employee.password });
    // Stored: employee. ATRIUM_TOKEN: admin → the admin-only publish works.
    const res = await run(['workflow', 'publish', draftId, '--yes', '--json'], { home, env: { ATRIUM_TOKEN: admin.token } });
    expect(res.code).toBe(0);
    await t.http.post(`/api/workflows/${draftId}/publish/revoke`).set(auth(admin.token)).expect(200);
    // ATRIUM_URL pointing elsewhere wins over the stored URL.
    const elsewhere = await run(['workflow', 'list'], { home, env: { ATRIUM_URL: 'http://127.0.0.1:9' } });
    expect(elsewhere.code).toBe(6);
  });

  it('workflow list shows the publish status in a table, and --json prints the API payload', async () => {
    const res = await asAdmin(['workflow', 'list']);
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+KIND\s+STATUS\s+LOGIN\s+SHARE URL$/);
    const published = lines.find((l) => l.startsWith(publishedId))!;
    expect(published).toMatch(/Published assistant\s+agent\s+public\s+yes\s+/);
    expect(published).toContain(`${PUBLIC}/chat/${publishedId}`);
    expect(lines.find((l) => l.startsWith(draftId))).toMatch(/Draft assistant\s+agent\s+private\s+-\s+-$/);
    expect(res.stdout).toMatch(/\n\d+ workflows\n$/);

    const json = await asAdmin(['workflow', 'list', '--status', 'published', '--json']);
    expect(json.code).toBe(0);
    const api = (await t.http.get('/api/workflows?status=published').set(auth(admin.token)).expect(200)).body;
    expect(JSON.parse(json.stdout)).toEqual(api);
  });

  it('workflow show prints the workflow with its publish status; --json prints the API payload', async () => {
    const res = await run(['workflow', 'show', publishedId], { env: { ATRIUM_URL: url, ATRIUM_TOKEN: employee.token } });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Name:\s+Published assistant/);
    expect(res.stdout).toMatch(/Status:\s+public/);
    expect(res.stdout).toMatch(/Require login:\s+yes/);
    expect(res.stdout).toMatch(new RegExp(`Share URL:\\s+${PUBLIC}/chat/${publishedId}`));
    const json = await asAdmin(['workflow', 'show', draftId, '--json']);
    expect(JSON.parse(json.stdout)).toEqual((await t.http.get(`/api/workflows/${draftId}`).set(auth(admin.token))).body);
  });

  it('workflow publish --yes publishes with login and origins and prints the share URL; unpublish --yes revokes', async () => {
    const id = (await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'CLI publish target' }).expect(201)).body.id;
    const res = await asAdmin(['workflow', 'publish', id, '--require-login', '--origin', 'https://Intranet.example.com', '--origin', 'http://localhost:4200', '--yes']);
    expect(res).toMatchObject({ code: 0 });
    expect(res.stdout).toContain(`Share URL:       ${PUBLIC}/chat/${id}`);
    expect(res.stdout).toContain('Require login:   yes');
    expect(res.stdout).toContain('Allowed origins: https://intranet.example.com, http://localhost:4200');
    const rows = await t.dataSource.query(`SELECT action, actor_id FROM audit_events WHERE target_id = $1 AND action = 'workflow.published'`, [id]);
    expect(rows).toEqual([{ action: 'workflow.published', actor_id: admin.id }]);

    const update = await asAdmin(['workflow', 'publish', id, '--no-require-login', '--clear-origins', '--yes', '--json']);
    expect(update.code).toBe(0);
    expect(JSON.parse(update.stdout).publish).toMatchObject({ is_public: true, require_login: false, allowed_origins: [], share_url: `${PUBLIC}/chat/${id}` });

    const off = await asAdmin(['workflow', 'unpublish', id, '--yes', '--json']);
    expect(off.code).toBe(0);
    const payload = JSON.parse(off.stdout);
    expect(payload).toMatchObject({ workflow: { id, is_public: false }, publish: { is_public: false, require_login: false, allowed_origins: [] }, message: expect.any(String) });
    const human = await asAdmin(['workflow', 'unpublish', id, '--yes']);
    expect(human.stdout).toContain('was not published');
  });

  it('publish and unpublish without --yes refuse when stdin is not a terminal (exit 2), changing nothing', async () => {
    const pub = await asAdmin(['workflow', 'publish', draftId]);
    expect(pub.code).toBe(2);
    expect(pub.stderr).toContain('stdin is not a terminal');
    expect(pub.stderr).toContain('--yes');
    const unpub = await asAdmin(['workflow', 'unpublish', publishedId]);
    expect(unpub.code).toBe(2);
    expect((await t.http.get(`/api/workflows/${draftId}`).set(auth(admin.token))).body.is_public).toBe(false);
    expect((await t.http.get(`/api/workflows/${publishedId}`).set(auth(admin.token))).body.is_public).toBe(true);
  });

  it('exit codes: unreachable 6, bad token 3, unknown id 5, forbidden 4, invalid input 2, usage 2', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const unreachable = await run(['workflow', 'list'], { env: { ATRIUM_URL: `http://127.0.0.1:${port}`, ATRIUM_TOKEN: admin.token } });
    expect(unreachable.code).toBe(6);
    expect(unreachable.stderr).toContain(`Cannot reach the Atrium server at http://127.0.0.1:${port}`);
    expect(unreachable.stderr).toContain('ATRIUM_URL');

    const badToken = await run(['workflow', 'list'], { env: { ATRIUM_URL: url, ATRIUM_TOKEN: 'not-a-token' } });
    expect(badToken.code).toBe(3);
    expect(badToken.stderr).toContain('auth.invalid_token');
    expect(badToken.stderr).toContain('atrium login');

    const unknown = await asAdmin(['workflow', 'show', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('workflow.not_found');
    expect(unknown.stderr).toContain('atrium workflow list');
    expect((await asAdmin(['workflow', 'publish', '00000000-0000-4000-8000-000000000000', '--yes'])).code).toBe(5);

    const forbidden = await run(['workflow', 'publish', draftId, '--yes'], { env: { ATRIUM_URL: url, ATRIUM_TOKEN: employee.token } });
    expect(forbidden.code).toBe(4);
    expect(forbidden.stderr).toContain('auth.forbidden');
    expect(forbidden.stderr).toContain('admin');

    const badOrigin = await asAdmin(['workflow', 'publish', draftId, '--origin', '*', '--yes']);
    expect(badOrigin.code).toBe(2);
    expect(badOrigin.stderr).toContain('allowed_origins[0]');

    const usage = await asAdmin(['workflow', 'list', '--limit', 'lots']);
    expect(usage.code).toBe(2);
    expect((await asAdmin(['workflow', 'frobnicate'])).code).toBe(2);
    expect((await asAdmin(['workflow', 'show'])).code).toBe(2);
  });

  (HAS_SCRIPT ? it : it.skip)('in a terminal: login asks for email and a hidden password; publish and unpublish ask for confirmation', async () => {
    const home = mkdtempSync(join(tmpdir(), 'atrium-cli-home-'));
    const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), TERM: 'dumb' };
    const login = await runInTerminal([process.execPath, cli, 'login', '--url', url], env, [
      [/Email: /, `${admin.email}\r`],
      [/Password: /, `${admin.password}\r`],
    ]);
    expect(login.code).toBe(0);
    expect(login.output).toContain(`Logged in to ${url} as ${admin.email}`);
    expect(login.output).not.toContain(admin.password);

    const id = (await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'Terminal target' }).expect(201)).body.id;
    const declined = await runInTerminal([process.execPath, cli, 'workflow', 'publish', id], env, [[/\[y\/N\] /, 'n\r']]);
    expect(declined.output).toContain(`Publish "Terminal target" (${id}); anyone with the link can chat?`);
    expect(declined.code).toBe(1);
    expect(declined.output).toContain('nothing changed');
    expect((await t.http.get(`/api/workflows/${id}`).set(auth(admin.token))).body.is_public).toBe(false);

    const accepted = await runInTerminal([process.execPath, cli, 'workflow', 'publish', id, '--require-login'], env, [[/\[y\/N\] /, 'y\r']]);
    expect(accepted.code).toBe(0);
    expect(accepted.output).toContain(`${PUBLIC}/chat/${id}`);
    expect((await t.http.get(`/api/workflows/${id}`).set(auth(admin.token))).body).toMatchObject({ is_public: true, require_login: true });

    const unpublished = await runInTerminal([process.execPath, cli, 'workflow', 'unpublish', id], env, [[/stops working\. \[y\/N\] /, 'yes\r']]);
    expect(unpublished.code).toBe(0);
    expect((await t.http.get(`/api/workflows/${id}`).set(auth(admin.token))).body.is_public).toBe(false);
  });

  it('the package.json bin launcher runs the built CLI', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const launcher = join(REPO_ROOT, pkg.bin.atrium);
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    const res = await runNode(launcher, ['--version'], { env: { PATH: process.env.PATH ?? '' } });
    expect(res).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const list = await runNode(launcher, ['workflow', 'list', '--json'], { env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ATRIUM_URL: url, ATRIUM_TOKEN: admin.token } });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).total).toBeGreaterThanOrEqual(2);
  });
});
