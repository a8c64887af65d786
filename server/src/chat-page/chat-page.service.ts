import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { EmbedConfigResponse } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { chatPageContentSecurityPolicy, isOriginAllowed } from '../access/embed-origins';
import { LoginSessions } from '../auth/login-sessions.service';
import { OidcService } from '../auth/oidc.service';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';
import { WorkflowsService } from '../workflows/workflows.service';
import { ChatAssets } from './chat-assets';
import { renderChatPage, type ChatPageModel } from './chat-page.html';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RenderedPage {
  status: number;
  html: string;
  /** The page's Content-Security-Policy (frame-ancestors from the workflow's allowed origins). */
  csp: string;
}

/**
 * The public chat page (`/chat/:workflowId`) and what the embedded bubble needs
 * (`/api/embed/:workflowId`). Only published workflows are shown, and only while
 * publishing is switched on; everything else is "not available", whatever the reason,
 * so the page never tells strangers which workflow ids exist.
 */
@Injectable()
export class ChatPageService {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly loginSessions: LoginSessions,
    private readonly oidc: OidcService,
    private readonly assets: ChatAssets,
    private readonly config: AppConfig,
  ) {}

  async page(workflowId: string, req: Request): Promise<RenderedPage> {
    const workflow = await this.published(workflowId);
    const supportContact = this.config.supportContact ?? null;
    if (!workflow) {
      return { status: 404, html: renderChatPage({ kind: 'unavailable', supportContact }), csp: chatPageContentSecurityPolicy({ allowedOrigins: [] }, this.config) };
    }
    const csp = chatPageContentSecurityPolicy(workflow, this.config);
    if (!this.assets.pageReady()) {
      return { status: 503, html: renderChatPage({ kind: 'failed', name: workflow.name, supportContact, pageUrl: `/chat/${workflow.id}` }), csp };
    }
    const signedIn = (await this.loginSessions.fromRequest(req)) !== undefined;
    const model: ChatPageModel = {
      kind: workflow.requireLogin && !signedIn ? 'login' : 'chat',
      pageScriptUrl: this.assets.url('page.js'),
      config: {
        state: workflow.requireLogin && !signedIn ? 'login' : 'chat',
        workflowId: workflow.id,
        name: workflow.name,
        greeting: workflow.definition.greeting ?? '',
        prompts: workflow.definition.starter_prompts ?? [],
        requireLogin: workflow.requireLogin,
        signedIn,
        loginUrl: this.oidc.loginUrl(`/chat/${workflow.id}`) ?? null,
        chatUrl: this.chatUrl(workflow.id),
        supportContact,
        elementUrl: this.assets.url('atrium-chat.js'),
      },
    };
    return { status: 200, html: renderChatPage(model), csp };
  }

  /**
   * The bubble's view of a published workflow. A browser request (with `Origin`) must
   * come from one of the workflow's allowed origins (or Atrium's own), else
   * `403 chatkit.auth.origin_not_allowed`, which the bubble shows as such.
   */
  async embedConfig(workflowId: string, origin: string | undefined): Promise<EmbedConfigResponse> {
    const workflow = await this.published(workflowId);
    if (!workflow) throw new DomainError('workflow.not_found', 'This chat does not exist or is not published.');
    if (origin !== undefined && !isOriginAllowed(origin, workflow, this.config)) {
      throw new DomainError('chatkit.auth.origin_not_allowed', "Pages on this origin may not use this workflow's chat. Add the origin to the workflow's allowed origins.", {
        origin: origin.slice(0, 200),
      });
    }
    return {
      id: workflow.id,
      name: workflow.name,
      greeting: workflow.definition.greeting ?? '',
      starter_prompts: workflow.definition.starter_prompts ?? [],
      require_login: workflow.requireLogin,
      // The bubble signs in in a window of its own, which comes back to the page with ?signed_in=1 and closes.
      login_url: this.oidc.loginUrl(`/chat/${workflow.id}?signed_in=1`) ?? null,
      chat_url: this.chatUrl(workflow.id),
      element_script: this.assets.url('atrium-chat.iife.js'),
      support_contact: this.config.supportContact ?? null,
    };
  }

  private chatUrl(id: string): string {
    return `${this.config.publicBaseUrl}/chat/${id}`;
  }

  /** The workflow if it exists, is published and publishing is on; else undefined. */
  private async published(id: string): Promise<WorkflowEntity | undefined> {
    if (!UUID.test(id) || !this.config.chatkitPublishEnabled) return undefined;
    try {
      const workflow = await this.workflows.getEntityCached(id);
      return workflow.isPublic ? workflow : undefined;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'workflow.not_found') return undefined;
      throw e;
    }
  }
}
