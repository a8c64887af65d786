import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Attachment, AttachmentCreateParams } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { WorkflowsService } from '../workflows/workflows.service';
import { ChatkitAuth, type ChatkitRequest } from './chatkit-auth';
import { BodyTooLargeError, readRawBody } from './chatkit-body';
import { newChatkitId } from './chatkit-ids';
import { ChatkitStore, type ThreadScope } from './chatkit.store';
import type { ChatAttachmentEntity } from './entities/chat-attachment.entity';

/** The part of a multer file the upload route uses. */
export interface UploadedFileLike {
  buffer: Buffer;
  size: number;
}

export interface AttachmentContent {
  bytes: Buffer;
  mimeType: string;
  name: string;
}

const MAX_NAME_LENGTH = 255;
/** What an attachment id can look like (`atc_…`); anything else cannot exist. */
const ATTACHMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `text/plain; charset=utf-8` → `text/plain`. */
export function baseMimeType(mime: string): string {
  return mime.split(';', 1)[0].trim().toLowerCase();
}

/**
 * Attachments with the reference's two-phase upload: `attachments.create` stores the
 * metadata and answers an `upload_descriptor`; the client then POSTs the bytes to
 * `/api/chatkit/attachments/<id>/upload` (multipart `file` field, or a raw body);
 * a user message then references the attachment by id. Bytes live in PostgreSQL.
 * Images are served at `/api/chatkit/attachments/<id>/content?token=…`, a capability
 * URL (HMAC of the id) so that `<img src>` works without an Authorization header.
 */
@Injectable()
export class ChatkitAttachmentsService {
  private readonly allowed: Set<string>;

  constructor(
    private readonly store: ChatkitStore,
    private readonly config: AppConfig,
    private readonly auth: ChatkitAuth,
    private readonly workflows: WorkflowsService,
  ) {
    this.allowed = new Set(config.attachmentTypes.map(baseMimeType));
  }

  /** `attachments.create` */
  async create(params: AttachmentCreateParams, scope: ThreadScope): Promise<Attachment> {
    const name = params.name.trim();
    if (!name || name.length > MAX_NAME_LENGTH) {
      throw new DomainError('chatkit.request.invalid', `The attachment name must be 1 to ${MAX_NAME_LENGTH} characters.`, {
        fields: [{ field: 'params.name', message: `must be 1 to ${MAX_NAME_LENGTH} characters` }],
      });
    }
    const mime = baseMimeType(params.mime_type);
    if (!this.allowed.has(mime)) {
      throw new DomainError('chatkit.attachment.type_not_allowed', `Files of type ${mime || '(none)'} cannot be attached.`, {
        mime_type: mime,
        allowed: [...this.allowed],
      });
    }
    this.checkSize(params.size);
    const row = await this.store.insertAttachment({
      id: newChatkitId('attachment'),
      ownerKey: scope.ownerKey,
      workflowId: scope.workflowId,
      name,
      mimeType: mime,
      size: params.size,
    });
    return this.toAttachment(row);
  }

  /** `attachments.delete` */
  async delete(id: string, scope: ThreadScope): Promise<void> {
    await this.loadScoped(id, scope);
    await this.store.deleteAttachment(id);
  }

  /** The upload route: stores the bytes of a created attachment (owner only). */
  async upload(id: string, req: ChatkitRequest, file: UploadedFileLike | undefined): Promise<Attachment> {
    const att = ATTACHMENT_ID.test(id) ? await this.store.findAttachment(id) : undefined;
    if (!att) throw DomainError.notFound('chatkit.attachment.not_found', `Attachment ${id}`);
    const owner = await this.auth.resolveOwner(req, await this.workflows.getEntity(att.workflowId));
    if (att.ownerKey !== owner.key) throw DomainError.notFound('chatkit.attachment.not_found', `Attachment ${id}`);
    if (att.threadId) throw new DomainError('chatkit.attachment.in_use', 'This attachment is already part of a message; it cannot be replaced.');

    let bytes: Buffer;
    if (file) {
      bytes = file.buffer;
    } else if (req.is('multipart/form-data')) {
      throw new DomainError('chatkit.request.invalid', 'The multipart body has no "file" field.', { fields: [{ field: 'file', message: 'required' }] });
    } else {
      try {
        bytes = await readRawBody(req, this.config.attachmentMaxBytes);
      } catch (e) {
        if (e instanceof BodyTooLargeError) throw this.tooLarge();
        throw e;
      }
    }
    this.checkSize(bytes.length);
    await this.store.storeUpload(id, bytes);
    return this.toAttachment({ ...att, uploaded: true });
  }

  /** Bytes for `GET …/content`; the token must be the one in the attachment's `preview_url`. */
  async content(id: string, token: unknown): Promise<AttachmentContent> {
    const notFound = DomainError.notFound('chatkit.attachment.not_found', `Attachment ${id}`);
    if (!ATTACHMENT_ID.test(id) || typeof token !== 'string' || !this.tokenMatches(id, token)) throw notFound;
    const att = await this.store.findAttachment(id);
    if (!att || !att.uploaded) throw notFound;
    const bytes = await this.store.readAttachmentBytes(id);
    if (!bytes) throw notFound;
    return { bytes, mimeType: att.mimeType, name: att.name };
  }

  /**
   * Resolves the attachment ids of a user message into full Attachment objects stamped
   * with the thread id. Each must belong to the caller and workflow, be uploaded, and not
   * be part of another thread.
   */
  async resolveForMessage(ids: string[], scope: ThreadScope, threadId: string): Promise<Attachment[]> {
    const unique = [...new Set(ids)];
    const rows = new Map((await this.store.findAttachments(unique)).map((r) => [r.id, r]));
    return unique.map((id) => {
      const row = rows.get(id);
      if (!row || row.ownerKey !== scope.ownerKey || row.workflowId !== scope.workflowId) {
        throw DomainError.notFound('chatkit.attachment.not_found', `Attachment ${id}`);
      }
      if (!row.uploaded) throw new DomainError('chatkit.attachment.not_uploaded', `Attachment ${id} has not been uploaded yet.`);
      if (row.threadId && row.threadId !== threadId) {
        throw new DomainError('chatkit.attachment.in_use', `Attachment ${id} belongs to another thread.`);
      }
      return this.toAttachment({ ...row, threadId });
    });
  }


  private async loadScoped(id: string, scope: ThreadScope): Promise<ChatAttachmentEntity> {
    const row = await this.store.findAttachment(id);
    if (!row || row.ownerKey !== scope.ownerKey || row.workflowId !== scope.workflowId) {
      throw DomainError.notFound('chatkit.attachment.not_found', `Attachment ${id}`);
    }
    return row;
  }

  private checkSize(size: number): void {
    if (size > this.config.attachmentMaxBytes) throw this.tooLarge();
  }

  private tooLarge(): DomainError {
    return new DomainError('chatkit.attachment.too_large', `Attachments are limited to ${this.config.attachmentMaxBytes} bytes.`, {
      max_bytes: this.config.attachmentMaxBytes,
    });
  }

  /** The wire object: upload_descriptor until uploaded, preview_url for images, no metadata. */
  toAttachment(row: Pick<ChatAttachmentEntity, 'id' | 'name' | 'mimeType' | 'threadId' | 'uploaded' | 'workflowId'>): Attachment {
    const base = this.config.publicBaseUrl;
    const common = {
      id: row.id,
      name: row.name,
      mime_type: row.mimeType,
      ...(row.uploaded ? {} : { upload_descriptor: { url: `${base}/api/chatkit/attachments/${row.id}/upload?workflow_id=${row.workflowId}`, method: 'POST' as const, headers: {} } }),
      ...(row.threadId ? { thread_id: row.threadId } : {}),
    };
    if (row.mimeType.startsWith('image/')) {
      return { ...common, type: 'image', preview_url: `${base}/api/chatkit/attachments/${row.id}/content?token=${this.token(row.id)}` };
    }
    return { ...common, type: 'file' };
  }

  private token(id: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(`chatkit-attachment-content:${id}`).digest('base64url');
  }

  private tokenMatches(id: string, token: string): boolean {
    const expected = Buffer.from(this.token(id));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
