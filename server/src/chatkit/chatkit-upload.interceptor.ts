import { BadRequestException, PayloadTooLargeException, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { DomainError } from '../common/errors/domain-error';

/**
 * Multipart parsing for the upload route (multer, limits from ChatkitModule's
 * MulterModule options: one file of at most ATRIUM_ATTACHMENT_MAX_BYTES in memory),
 * with multer's failures turned into our stable error codes. Non-multipart bodies
 * pass through untouched and are read raw by the service.
 */
export class ChatkitUploadInterceptor extends FileInterceptor('file') {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (e) {
      if (e instanceof PayloadTooLargeException) {
        throw new DomainError('chatkit.attachment.too_large', 'The file is larger than attachments may be.');
      }
      if (e instanceof BadRequestException) {
        throw new DomainError('chatkit.request.invalid', `The multipart upload is invalid: ${e.message}. Send the bytes in a "file" field.`, {
          fields: [{ field: 'file', message: e.message }],
        });
      }
      throw e;
    }
  }
}
