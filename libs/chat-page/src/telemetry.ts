/**
 * Reports usage events of a chat surface to `POST /api/telemetry`: which workflow,
 * which event, which surface, when. Never message content or who is chatting.
 * Sent with `navigator.sendBeacon` as `text/plain` (no CORS preflight, survives page
 * unload, works from the bubble on other sites); failures are ignored.
 */
import type { TelemetryEventName, TelemetrySurface } from '../../protocol/src/index';

export interface Telemetry {
  send(event: TelemetryEventName): void;
}

export interface TelemetryOptions {
  /** Absolute or same-origin URL of `POST /api/telemetry`. */
  url: string;
  workflowId: string;
  surface: TelemetrySurface;
  /** Events sent at most per page view (a failing chat must not flood the server). Default 50. */
  maxEvents?: number;
}

export function createTelemetry(options: TelemetryOptions): Telemetry {
  const max = options.maxEvents ?? 50;
  let sent = 0;
  return {
    send(event) {
      if (sent >= max) return;
      sent++;
      const body = JSON.stringify({ workflow_id: options.workflowId, event, surface: options.surface, at: new Date().toISOString() });
      try {
        if (typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(options.url, new Blob([body], { type: 'text/plain' }))) return;
      } catch {
        // fall back to fetch below
      }
      if (typeof fetch !== 'function') return;
      fetch(options.url, { method: 'POST', mode: 'no-cors', keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' }, body }).catch(() => {});
    },
  };
}
