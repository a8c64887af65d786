import { DomainError } from '../common/errors/domain-error';

/** A feature switched off by configuration answers as if the route did not exist. */
export function featureDisabled(feature: 'chatkit_publish' | 'chatkit_canvas'): DomainError {
  const variable = feature === 'chatkit_publish' ? 'ATRIUM_CHATKIT_PUBLISH_ENABLED' : 'ATRIUM_CHATKIT_CANVAS_ENABLED';
  const what = feature === 'chatkit_publish' ? 'Publishing workflows' : 'Chat sessions for the Canvas bubble';
  return new DomainError('feature.disabled', `${what} is switched off on this server (${variable}=false).`, { feature: `${feature}_enabled` });
}

export function hostedApiKeyMissing(): DomainError {
  return new DomainError('chatkit.hosted.api_key_missing', 'Hosted workflows need an OpenAI API key: set OPENAI_API_KEY on the server.');
}

export function hostedReferenceMissing(): DomainError {
  return new DomainError(
    'chatkit.hosted.workflow_reference_missing',
    'This workflow is not a hosted workflow with an Agent Builder workflow id (definition.hosted_workflow_id).',
  );
}

export function hostedInvalidApiKey(): DomainError {
  return new DomainError('chatkit.hosted.invalid_api_key', 'OpenAI refused the server\'s API key (OPENAI_API_KEY). Ask an administrator to check it.');
}

export function hostedUnavailable(reason: string): DomainError {
  return new DomainError('chatkit.hosted.unavailable', `OpenAI's ChatKit service is unavailable (${reason}). Try again in a moment.`);
}

export function hostedRejected(status: number, upstreamMessage: string): DomainError {
  return new DomainError('chatkit.hosted.request_rejected', `OpenAI refused to create the ChatKit session (HTTP ${status}): ${upstreamMessage}`, { upstream_status: status });
}
