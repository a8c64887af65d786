/**
 * Stylesheets of the public chat page and the chat bubble, as strings: the server
 * inlines PAGE_CSS into the page it renders (so its states look right without any
 * script), the bubble adopts BUBBLE_CSS into its shadow root. Both include
 * SURFACE_CSS: the chat area and its full-area states. Plain CSS, no imports.
 */

/** Colours as custom properties; the `<atrium-chat>` element reads the --atrium-* ones. */
const TOKENS = /* css */ `
--c-accent:#2563eb;--c-accent-strong:#1d4ed8;--c-accent-soft:#e8efff;--c-on-accent:#fff;
--c-bg:#eef1f5;--c-surface:#fff;--c-surface-2:#f5f6f8;--c-fg:#1f2328;--c-fg-strong:#0b0d10;--c-fg-2:#59616b;--c-fg-3:#6e7781;
--c-border:#dde1e6;--c-danger:#cf222e;--c-focus:#2563eb;
--atrium-accent:var(--c-accent);
`;
const DARK_TOKENS = /* css */ `
--c-accent:#4f8cff;--c-accent-strong:#78a6ff;--c-accent-soft:#1c2a45;--c-on-accent:#fff;
--c-bg:#0d0f12;--c-surface:#16181c;--c-surface-2:#202329;--c-fg:#e6e8eb;--c-fg-strong:#fff;--c-fg-2:#a7afb9;--c-fg-3:#8b949e;
--c-border:#343941;--c-danger:#f85149;--c-focus:#78a6ff;
`;

export const SURFACE_CSS = /* css */ `
.icon{width:1.2em;height:1.2em;flex:none;fill:none;stroke:currentColor;stroke-width:1.8;stroke-linecap:round;stroke-linejoin:round}
.surface{position:relative;display:flex;flex-direction:column;flex:1;min-height:0}
.surface-chat{display:flex;flex-direction:column;flex:1;min-height:0}
.surface-chat[hidden],.surface-state[hidden]{display:none}
.surface-chat atrium-chat{flex:1;min-height:0;height:auto}
.surface-state{display:flex;flex:1;align-items:center;justify-content:center;padding:28px 18px;overflow:auto}
.state{width:100%;max-width:440px;text-align:center}
.state:focus{outline:none}
.state-icon{display:inline-grid;place-items:center;width:52px;height:52px;margin-bottom:14px;border-radius:50%;background:var(--c-accent-soft);color:var(--c-accent)}
.state-icon .icon{width:26px;height:26px}
.state.warn .state-icon{background:color-mix(in srgb,var(--c-danger) 12%,transparent);color:var(--c-danger)}
.state h2{margin:0 0 8px;font-size:1.25rem;line-height:1.3;font-weight:650;color:var(--c-fg-strong)}
.state p{margin:0 0 10px;color:var(--c-fg-2);line-height:1.55}
.state .contact{font-size:.92em}
.state a{color:var(--c-accent-strong)}
.state .countdown{font-variant-numeric:tabular-nums;font-weight:600;color:var(--c-fg)}
.actions{display:flex;flex-wrap:wrap;justify-content:center;gap:10px;margin-top:20px}
.btn{display:inline-flex;align-items:center;justify-content:center;gap:8px;min-height:44px;padding:0 20px;border:1px solid transparent;border-radius:10px;
background:var(--c-accent);color:var(--c-on-accent);font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.btn:hover{background:var(--c-accent-strong)}
.btn.secondary{background:transparent;color:var(--c-fg);border-color:var(--c-border)}
.btn.secondary:hover{background:var(--c-surface-2)}
.btn:disabled{opacity:.55;cursor:not-allowed}
.btn:focus-visible,.icon-btn:focus-visible,a:focus-visible{outline:3px solid var(--c-focus);outline-offset:2px}
.spinner{display:inline-block;width:28px;height:28px;margin-bottom:12px;border:3px solid var(--c-border);border-top-color:var(--c-accent);border-radius:50%;animation:atrium-spin .8s linear infinite}
@keyframes atrium-spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation-duration:2.4s}}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
`;

export const PAGE_CSS = /* css */ `
:root{${TOKENS}color-scheme:light}
@media (prefers-color-scheme:dark){:root{${DARK_TOKENS}color-scheme:dark}}
*,*::before,*::after{box-sizing:border-box}
html,body{height:100%;margin:0}
body{font:400 15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--c-fg);background:var(--c-surface);-webkit-text-size-adjust:100%}
.page{display:flex;flex-direction:column;height:100vh;height:100dvh;max-width:980px;margin:0 auto}
.topbar{display:flex;align-items:center;gap:12px;min-height:56px;padding:8px 16px;padding-top:max(8px,env(safe-area-inset-top));border-bottom:1px solid var(--c-border)}
.mark{display:grid;place-items:center;width:32px;height:32px;flex:none;border-radius:9px;background:var(--c-accent);color:var(--c-on-accent)}
.mark .icon{width:18px;height:18px}
.topbar h1{flex:1;min-width:0;margin:0;font-size:1.06rem;font-weight:650;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;color:var(--c-fg-strong)}
.topbar .btn{min-height:36px;padding:0 14px;font-size:.9rem}
.main{display:flex;flex-direction:column;flex:1;min-height:0;background:var(--c-surface)}
.placeholder{display:flex;flex-direction:column;align-items:center;justify-content:center;flex:1;gap:6px;padding:24px;text-align:center}
.placeholder .greeting{margin:0;font-size:1.35rem;font-weight:600;color:var(--c-fg-strong);max-width:36ch}
.placeholder .loading{margin:0;color:var(--c-fg-2)}
.footer{padding:6px 16px;padding-bottom:max(6px,env(safe-area-inset-bottom));text-align:center;font-size:12px;color:var(--c-fg-3)}
@media (min-width:760px){
  body{background:var(--c-bg)}
  .page{padding:0 20px 8px}
  .topbar{border-bottom:0;padding-left:4px;padding-right:4px}
  .main{border:1px solid var(--c-border);border-radius:16px;overflow:hidden;box-shadow:0 6px 24px rgba(15,23,42,.06)}
}
${SURFACE_CSS}
`;

export const BUBBLE_CSS = /* css */ `
:host{all:initial}
.root{${TOKENS}color-scheme:light;font:400 15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--c-fg)}
@media (prefers-color-scheme:dark){.root{${DARK_TOKENS}color-scheme:dark}}
*,*::before,*::after{box-sizing:border-box}
.launcher{position:fixed;z-index:2147483000;right:20px;bottom:20px;display:grid;place-items:center;width:58px;height:58px;padding:0;border:0;border-radius:50%;
background:var(--c-accent);color:var(--c-on-accent);box-shadow:0 8px 24px rgba(15,23,42,.28);cursor:pointer;transition:transform .15s ease}
.launcher:hover{transform:scale(1.05);background:var(--c-accent-strong)}
.launcher:focus-visible{outline:3px solid var(--c-focus);outline-offset:3px}
.launcher .icon{width:27px;height:27px}
.root.left .launcher{right:auto;left:20px}
.panel{position:fixed;z-index:2147483000;right:20px;bottom:92px;display:flex;flex-direction:column;width:min(400px,calc(100vw - 32px));height:min(640px,calc(100vh - 116px));
overflow:hidden;border:1px solid var(--c-border);border-radius:16px;background:var(--c-surface);box-shadow:0 16px 48px rgba(15,23,42,.26)}
.root.left .panel{right:auto;left:20px}
.panel[hidden]{display:none}
@media (prefers-reduced-motion:no-preference){.panel{animation:atrium-in .16s ease-out}}
@keyframes atrium-in{from{opacity:0;transform:translateY(10px)}}
.panel-head{display:flex;align-items:center;gap:6px;min-height:50px;padding:6px 6px 6px 16px;border-bottom:1px solid var(--c-border)}
.panel-head[hidden]{display:none}
.panel-head h2{flex:1;min-width:0;margin:0;font-size:1rem;font-weight:650;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;color:var(--c-fg-strong)}
.icon-btn{display:inline-grid;place-items:center;width:36px;height:36px;padding:0;border:0;border-radius:8px;background:transparent;color:var(--c-fg-2);cursor:pointer}
.icon-btn:hover{background:var(--c-surface-2);color:var(--c-fg)}
a.icon-btn{text-decoration:none}
.state h2{font-size:1.1rem}
@media (max-width:520px){
  .panel{inset:0;width:auto;height:auto;border:0;border-radius:0}
  .root.open .launcher{display:none}
}
${SURFACE_CSS}
`;
