import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { HostedChatkitSessionResponse } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { requestContext } from '../logging/request-context';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';
import { WorkflowsService } from '../workflows/workflows.service';
import { HostedCallerResolver } from './hosted-caller';
import { hostedApiKeyMissing, hostedInvalidApiKey, hostedReferenceMissing, hostedRejected, hostedUnavailable } from './publish.errors';

const UPSTREAM_MESSAGE_MAX = 300;

/**
 * Sessions of OpenAI's hosted ChatKit backend for `hosted` workflows (an Agent Builder
 * workflow id in `definition.hosted_workflow_id`), through the official SDK
 * (`client.beta.chatkit.sessions.create`). The browser gets only the session's client
 * secret; the API key stays here. One attempt per request (no SDK retries), bounded by
 * ATRIUM_MODEL_TIMEOUT_MS. Neither the key nor the client secret is ever logged.
 */
@Injectable()
export class HostedSessionsService {
  private readonly logger = new Logger('HostedChatkit');
  private client?: OpenAI;

  constructor(
    private readonly workflows: WorkflowsService,
    private readonly callers: HostedCallerResolver,
    private readonly config: AppConfig,
  ) {}

  async create(req: Request, workflowId: string): Promise<HostedChatkitSessionResponse> {
    requestContext.assign({ workflowId });
    const workflow = await this.findWorkflow(workflowId);
    const caller = await this.callers.resolve(req, workflow);
    if (!workflow) throw DomainError.notFound('workflow.not_found', 'Workflow');

    const apiKey = this.config.openaiApiKey;
    if (!apiKey) throw hostedApiKeyMissing();
    const reference = workflow.kind === 'hosted' ? workflow.definition.hosted_workflow_id : undefined;
    if (!reference) throw hostedReferenceMissing();

    let session: OpenAI.Beta.ChatKit.ChatSession;
    try {
      session = await this.getClient(apiKey).beta.chatkit.sessions.create({ user: caller.upstreamUser, workflow: { id: reference } });
    } catch (e) {
      throw this.mapError(e, workflow.id);
    }
    const expiresAt = new Date(session.expires_at * 1000).toISOString();
    this.logger.log(
      { workflow_id: workflow.id, hosted_workflow_id: reference, session_id: session.id, caller_via: caller.via, expires_at: expiresAt },
      'Hosted ChatKit session created',
    );
    return { status: 'success', data: { client_secret: session.client_secret, session_id: session.id, expires_at: expiresAt } };
  }

  private async findWorkflow(id: string): Promise<WorkflowEntity | null> {
    try {
      return await this.workflows.getEntity(id);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'workflow.not_found') return null;
      throw e;
    }
  }

  private getClient(apiKey: string): OpenAI {
    this.client ??= new OpenAI({
      apiKey,
      baseURL: this.config.openaiBaseUrl,
      timeout: this.config.modelTimeoutMs,
      maxRetries: 0,
      logLevel: 'off',
    });
    return this.client;
  }

  /** Upstream failures → stable codes. Logged with status and type only (messages may quote the key). */
  private mapError(e: unknown, workflowId: string): DomainError {
    if (e instanceof APIConnectionTimeoutError) {
      this.logger.warn({ workflow_id: workflowId, upstream: 'timeout', timeout_ms: this.config.modelTimeoutMs }, 'Hosted ChatKit session request timed out');
      return hostedUnavailable(`no answer within ${Math.round(this.config.modelTimeoutMs / 1000)} s`);
    }
    if (e instanceof APIConnectionError) {
      this.logger.warn({ workflow_id: workflowId, upstream: 'connection_failed' }, 'Hosted ChatKit service unreachable');
      return hostedUnavailable('connection failed');
    }
    if (e instanceof APIError && typeof e.status === 'number') {
      const status = e.status;
      const error = e.error as { type?: unknown; code?: unknown; message?: unknown } | undefined;
      this.logger.warn({ workflow_id: workflowId, upstream_status: status, upstream_type: error?.type, upstream_code: error?.code }, 'Hosted ChatKit session request failed');
      if (status === 401) return hostedInvalidApiKey();
      if (status >= 500 || status === 429) return hostedUnavailable(`HTTP ${status}`);
      return hostedRejected(status, sanitize(typeof error?.message === 'string' ? error.message : 'no details'));
    }
    return e instanceof DomainError ? e : hostedUnavailable('unexpected failure');
  }
}

/** Upstream text shown to our caller: bounded, and without anything shaped like a key. */
function sanitize(message: string): string {
  const clean = message.replace(/\b(sk|ek|rk)-?[A-Za-z0-9_*.-]{6,}/g, '[redacted]').replace(/\s+/g, ' ').trim();
  return clean.length > UPSTREAM_MESSAGE_MAX ? `${clean.slice(0, UPSTREAM_MESSAGE_MAX)}…` : clean;
}
