/**
 * `/embed.js`: adds the chat bubble to the page that loads it.
 *
 *   <script src="https://atrium.example/embed.js" data-workflow="<workflow id>"></script>
 *
 * Optional attributes: `data-position="left"`, `data-open="true"` (open at once),
 * `data-label="Ask IT"` (the button's accessible name). The chat talks to the
 * server the script came from. Defines no globals.
 */
import { mountChatBubble } from './bubble';

const script = document.currentScript as HTMLScriptElement | null;

function start(): void {
  if (!script?.src) return;
  const workflowId = script.dataset.workflow?.trim();
  if (!workflowId) {
    console.warn('Atrium chat bubble: add data-workflow="<workflow id>" to the embed.js script tag.');
    return;
  }
  if (document.querySelector(`[data-atrium-chat-bubble="${CSS.escape(workflowId)}"]`)) return; // the tag is on the page twice
  mountChatBubble({
    workflowId,
    serverUrl: script.src,
    position: script.dataset.position === 'left' ? 'left' : 'right',
    open: script.dataset.open === 'true' ? true : undefined,
    label: script.dataset.label || undefined,
  });
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
