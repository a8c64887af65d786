import type { ApiErrorBody, LoginResponse, OffsetPage, PublishWorkflowRequest, PublishWorkflowResponse, WorkflowResponse } from '@atrium/protocol';

/** A request that the server answered with an error body (`{"error": {code, message, …}}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's error body, as received (or one in the same shape for non-Atrium answers). */
    readonly body: ApiErrorBody,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No HTTP answer at all: connection refused, unknown host, timeout. */
export class UnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Cannot reach the Atrium server at ${url} (${reason}).`);
    this.name = 'UnreachableError';
  }
}

export interface ListWorkflowsParams {
  status?: 'published' | 'draft';
  q?: string;
  limit?: number;
  offset?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The small part of Atrium's REST API the CLI and the MCP server use. Plain `fetch`;
 * every failure is an ApiError (the server answered) or an UnreachableError.
 */
export class AtriumApi {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  login(email: string, password: string): Promise<LoginResponse> {
    return this.request<LoginResponse>('POST', '/api/auth/login', { email, password }, false);
  }

  listWorkflows(params: ListWorkflowsParams = {}): Promise<OffsetPage<WorkflowResponse>> {
    const query = new URLSearchParams();
    if (params.status) query.set('status', params.status);
    if (params.q) query.set('q', params.q);
    if (params.limit !== undefined) query.set('limit', String(params.limit));
    if (params.offset !== undefined) query.set('offset', String(params.offset));
    const qs = query.toString();
    return this.request('GET', `/api/workflows${qs ? `?${qs}` : ''}`);
  }

  getWorkflow(id: string): Promise<WorkflowResponse> {
    return this.request('GET', `/api/workflows/${encodeURIComponent(id)}`);
  }

  publish(id: string, body: PublishWorkflowRequest): Promise<PublishWorkflowResponse> {
    return this.request('POST', `/api/workflows/${encodeURIComponent(id)}/publish`, body);
  }

  unpublish(id: string): Promise<PublishWorkflowResponse> {
    return this.request('POST', `/api/workflows/${encodeURIComponent(id)}/publish/revoke`);
  }

  private async request<T>(method: string, path: string, body?: unknown, authenticated = true): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'atrium-cli' };
    if (authenticated && this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (e) {
      throw new UnreachableError(this.baseUrl, describeFetchFailure(e, this.timeoutMs));
    }
    const text = await res.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.ok) {
      if (json === undefined) throw new ApiError(res.status, 'response.not_json', 'The server answered something that is not JSON. Is this an Atrium server?', errorBodyOf('response.not_json', 'Not JSON.'));
      return json as T;
    }
    const error = (json as Partial<ApiErrorBody> | undefined)?.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      throw new ApiError(res.status, error.code, error.message, json as ApiErrorBody);
    }
    const code = `http.${res.status}`;
    const message = `The server answered HTTP ${res.status} ${res.statusText}. Is ${this.baseUrl} an Atrium server?`;
    throw new ApiError(res.status, code, message, errorBodyOf(code, message));
  }
}

function errorBodyOf(code: string, message: string): ApiErrorBody {
  return { error: { code, message, request_id: 'none' } };
}

function describeFetchFailure(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return e instanceof Error ? e.message : String(e);
}
