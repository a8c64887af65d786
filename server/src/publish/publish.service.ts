import { Injectable } from '@nestjs/common';
import type { PublicWorkflowResponse, PublishWorkflowResponse } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import type { Caller } from '../logging/request-context';
import { WorkflowsService } from '../workflows/workflows.service';
import type { PublishWorkflowDto } from './dto/publish.dto';
import { FeaturesService } from './features.service';
import { normalizeOrigins } from './origins';
import { toPublicWorkflowResponse, toPublishWorkflowResponse } from './publish.response';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Publishing a workflow as a public chat (share link, optional login, embedding
 * origins). The workflow row belongs to the workflows module: changes go through
 * `WorkflowsService.setPublishState`, which writes the audit row in the same transaction.
 */
@Injectable()
export class PublishService {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly features: FeaturesService,
    private readonly config: AppConfig,
  ) {}

  async publish(id: string, dto: PublishWorkflowDto, actor: Caller): Promise<PublishWorkflowResponse> {
    this.features.assertPublishEnabled();
    let allowedOrigins: string[] | undefined;
    if (dto.allowed_origins !== undefined) {
      const { origins, errors } = normalizeOrigins(dto.allowed_origins);
      if (errors.length) throw DomainError.invalid(errors, `Invalid allowed_origins: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
      allowedOrigins = origins;
    }
    const { workflow, change } = await this.workflows.setPublishState(id, { isPublic: true, requireLogin: dto.require_login, allowedOrigins }, actor);
    let message =
      change === 'published'
        ? `"${workflow.name}" is now public at ${workflow.share_url}.`
        : change === 'publish_updated'
          ? `The publication settings of "${workflow.name}" were updated.`
          : `"${workflow.name}" was already published with these settings; nothing changed.`;
    if (workflow.require_login && !this.config.oidc) {
      message += ' Note: it requires login, but no OIDC provider is configured (OIDC_ISSUER), so only users with an Atrium account token can chat.';
    }
    return toPublishWorkflowResponse(workflow, message);
  }

  async revoke(id: string, actor: Caller): Promise<PublishWorkflowResponse> {
    this.features.assertPublishEnabled();
    const { workflow, change } = await this.workflows.setPublishState(id, { isPublic: false }, actor);
    const message =
      change === 'unpublished'
        ? `"${workflow.name}" is no longer public; its share link stops working.`
        : `"${workflow.name}" was not published; nothing changed.`;
    return toPublishWorkflowResponse(workflow, message);
  }

  /** The public chat page's view of a published workflow; 404 for anything else. */
  async publicWorkflow(id: string): Promise<PublicWorkflowResponse> {
    this.features.assertPublishEnabled();
    const notFound = () => new DomainError('workflow.not_found', 'This chat does not exist or is not published.');
    if (!UUID.test(id)) throw notFound();
    let workflow;
    try {
      workflow = await this.workflows.getEntity(id);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'workflow.not_found') throw notFound();
      throw e;
    }
    if (!workflow.isPublic) throw notFound();
    return toPublicWorkflowResponse(workflow);
  }
}
