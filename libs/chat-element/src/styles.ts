/**
 * The element's stylesheet (adopted into its shadow root; nothing leaks to the page).
 * Hosts theme it with the `theme` option or with these inherited custom properties on
 * the element: --atrium-accent, --atrium-accent-foreground, --atrium-font-family,
 * --atrium-font-size, --atrium-radius, --atrium-background, --atrium-foreground.
 */
export const STYLES = /* css */ `
:host{display:block;position:relative;height:100%;min-height:320px;contain:content;color-scheme:light;text-align:start}
:host([hidden]){display:none}
*,*::before,*::after{box-sizing:border-box}
.root,.scheme-light{color-scheme:light;
--surface:var(--atrium-background,#fff);--fg:var(--atrium-foreground,#1f2328);
--surface-2:#f5f6f8;--surface-3:#eceef1;--surface-elevated:#fff;--fg-strong:#0b0d10;--fg-2:#59616b;--fg-3:#868e98;
--border:#dde1e6;--border-subtle:#eceef1;--border-strong:#b9c0c8}
.root{
--accent:var(--atrium-accent,#2563eb);--accent-fg:var(--atrium-accent-foreground,#fff);
--fs:var(--atrium-font-size,15px);--font:var(--atrium-font-family,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;--r:var(--atrium-radius,10px);--pad:12px;
--success:#1a7f37;--warning:#9a6700;--danger:#cf222e;--info:#0969da;--discovery:#8250df;--shadow:0 8px 28px rgba(15,23,42,.14);
display:flex;flex-direction:column;height:100%;min-height:inherit;font:400 var(--fs)/1.5 var(--font);color:var(--fg);background:var(--surface);
border-radius:inherit;overflow:hidden;position:relative}
.root.dark,.scheme-dark{color-scheme:dark;
--surface:var(--atrium-background,#16181c);--fg:var(--atrium-foreground,#e6e8eb);
--surface-2:#202329;--surface-3:#2a2e35;--surface-elevated:#1e2126;--fg-strong:#fff;--fg-2:#a7afb9;--fg-3:#7d8590;
--border:#343941;--border-subtle:#2a2e35;--border-strong:#4b525c;
--success:#3fb950;--warning:#d29922;--danger:#f85149;--info:#58a6ff;--discovery:#a371f7;--shadow:0 8px 28px rgba(0,0,0,.5)}
.root.compact{--pad:8px}.root.spacious{--pad:16px}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
button,input,select,textarea{font:inherit;color:inherit}
button{cursor:pointer}
button:disabled{cursor:not-allowed;opacity:.55}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.icon{width:1.15em;height:1.15em;flex:none;fill:none;stroke:currentColor;stroke-width:1.8;stroke-linecap:round;stroke-linejoin:round;vertical-align:-.2em}
.icon .icon-filled{fill:currentColor}.icon .icon-knock{stroke:var(--surface-elevated)}.icon .icon-dot{fill:currentColor;stroke:none;opacity:.6}
.icon-btn{display:inline-flex;align-items:center;justify-content:center;width:32px;height:32px;border:0;border-radius:8px;background:transparent;color:var(--fg-2)}
.icon-btn:hover:not(:disabled){background:var(--surface-3);color:var(--fg)}
.icon-btn[aria-pressed=true]{color:var(--accent)}
.link-btn{border:0;background:none;color:var(--accent);text-decoration:underline;padding:0 4px}
header.head{display:flex;align-items:center;gap:4px;padding:6px 8px;border-bottom:1px solid var(--border-subtle);min-height:48px;flex:none}
header.head h1{flex:1;margin:0 4px;font-size:1em;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.body{position:relative;flex:1;min-height:0;display:flex}
.thread{flex:1;min-height:0;overflow-y:auto;overflow-anchor:auto;scrollbar-gutter:stable;padding:var(--pad) var(--pad) 4px;outline:none}
.items{list-style:none;margin:0 auto;padding:0;max-width:760px;display:flex;flex-direction:column;gap:var(--pad)}
.item{min-width:0}
.user{display:flex;flex-direction:column;align-items:flex-end;gap:6px}
.user.sending .bubble{opacity:.7}
.bubble{max-width:85%;background:var(--surface-3);border-radius:calc(var(--r) + 6px);padding:8px 14px;overflow-wrap:anywhere}
.user-text{white-space:pre-wrap}
.tag{color:var(--accent);font-weight:500}
.quote{margin:0 0 6px;padding:2px 8px;border-inline-start:3px solid var(--border-strong);color:var(--fg-2);white-space:pre-wrap;font-size:.93em}
.atts{display:flex;flex-wrap:wrap;gap:6px;justify-content:flex-end}
.att{display:inline-flex;align-items:center;gap:6px;border:1px solid var(--border);border-radius:var(--r);padding:6px 10px;max-width:240px;background:var(--surface);color:var(--fg);text-decoration:none}
.att-image{padding:0;overflow:hidden}.att-image img{display:block;max-width:200px;max-height:160px;object-fit:cover}
.att-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.not-sent{display:flex;align-items:center;gap:4px;color:var(--danger);font-size:.87em}
.assistant{min-height:1.5em}
.md{overflow-wrap:anywhere}
.md>:first-child{margin-top:0}.md>:last-child{margin-bottom:0}
.md p,.md ul,.md ol,.md pre,.md blockquote,.md table{margin:0 0 .75em}
.md ul,.md ol{padding-inline-start:1.4em}.md ul{list-style:disc}.md ol{list-style:decimal}
.md a{color:var(--accent)}
.md a:not([href]){color:inherit;text-decoration:underline dotted}
.md code{font-family:var(--mono);font-size:.88em;background:var(--surface-3);border-radius:4px;padding:.1em .3em}
.md pre{background:var(--surface-2);border:1px solid var(--border-subtle);border-radius:var(--r);padding:10px 12px;overflow-x:auto}
.md pre code{background:none;padding:0}
.md blockquote{border-inline-start:3px solid var(--border);padding-inline-start:10px;color:var(--fg-2);margin-inline:0}
.md table{border-collapse:collapse;display:block;overflow-x:auto}
.md th,.md td{border:1px solid var(--border);padding:4px 8px;text-align:start}
.md img{max-width:100%;border-radius:var(--r)}
.md h1,.md h2,.md h3,.md h4{font-size:1.05em;margin:1em 0 .4em;line-height:1.3}
.md h1{font-size:1.25em}.md h2{font-size:1.15em}
.streaming.assistant-text>:last-child::after{content:"";display:inline-block;width:.5em;height:1em;margin-inline-start:2px;vertical-align:-.15em;background:currentColor;opacity:.4;animation:blink 1s steps(2) infinite}
@keyframes blink{50%{opacity:0}}
.typing{display:flex;gap:4px;align-items:center;height:1.5em}
.typing i{width:6px;height:6px;border-radius:50%;background:var(--fg-3);animation:bounce 1.2s infinite ease-in-out}
.typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}
@keyframes bounce{0%,80%,100%{transform:translateY(0);opacity:.5}40%{transform:translateY(-3px);opacity:1}}
.msg-actions{display:flex;gap:2px;margin-top:4px;margin-inline-start:-6px}
.sources{margin-top:6px;font-size:.87em;color:var(--fg-2)}
.sources summary{cursor:pointer}.sources ol{margin:4px 0;padding-inline-start:1.4em}.sources a{color:var(--accent)}
.tool-call{display:flex;align-items:center;gap:6px;color:var(--fg-2);font-size:.9em}
.spinner{display:inline-block;width:1em;height:1em;border:2px solid var(--border-strong);border-top-color:var(--accent);border-radius:50%;animation:spin .8s linear infinite;flex:none}
@keyframes spin{to{transform:rotate(360deg)}}
.workflow{border:1px solid var(--border-subtle);border-radius:var(--r);padding:6px 10px;background:var(--surface-2)}
.workflow summary{display:flex;align-items:center;gap:8px;cursor:pointer;color:var(--fg-2);list-style:none}
.workflow summary::-webkit-details-marker{display:none}
.tasks{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-direction:column;gap:6px}
.tasks.single{margin:0}
.task-head{display:flex;align-items:center;gap:8px}.task-body{margin:4px 0 0 1.9em;color:var(--fg-2);font-size:.93em}
.queries{display:flex;flex-wrap:wrap;gap:4px;margin:4px 0 0 1.9em}
.chip{background:var(--surface-3);border-radius:999px;padding:1px 8px;font-size:.85em}
.gen-image img{max-width:min(100%,420px);border-radius:var(--r);display:block}
.skeleton,.skeleton-row,.skel{background:linear-gradient(90deg,var(--surface-2),var(--surface-3),var(--surface-2));background-size:200% 100%;animation:shimmer 1.4s infinite linear;border-radius:var(--r)}
.gen-image.skeleton{width:min(100%,320px);aspect-ratio:1}
@keyframes shimmer{to{background-position:-200% 0}}
.skel-list{list-style:none;margin:0 auto;padding:0;max-width:760px;display:flex;flex-direction:column;gap:14px}
.skel{height:16px}.skel.user{height:38px;width:45%;margin-inline-start:auto}.skel.w80{width:80%}.skel.w60{width:60%}
.transient{max-width:760px;margin:var(--pad) auto 0;display:flex;flex-direction:column;gap:8px}
.progress{display:flex;align-items:center;gap:8px;color:var(--fg-2);font-size:.9em;min-height:1.5em}
.progress span{background:linear-gradient(90deg,var(--fg-2) 30%,var(--fg-3),var(--fg-2) 70%);background-size:200% 100%;-webkit-background-clip:text;background-clip:text;color:transparent;animation:shimmer 2s infinite linear}
.notice{display:flex;gap:8px;align-items:flex-start;border:1px solid var(--border);border-inline-start:4px solid var(--info);border-radius:var(--r);padding:8px 10px;background:var(--surface-2)}
.notice.warning{border-inline-start-color:var(--warning)}.notice.danger{border-inline-start-color:var(--danger)}
.notice .md{flex:1}.notice-title{display:block}
.error-box{display:flex;align-items:center;flex-wrap:wrap;gap:8px;border:1px solid color-mix(in srgb,var(--danger) 40%,transparent);background:color-mix(in srgb,var(--danger) 8%,var(--surface));color:var(--fg);border-radius:var(--r);padding:8px 10px}
.error-box .icon{color:var(--danger)}.error-box .msg{flex:1;min-width:12em}
.start{max-width:560px;margin:0 auto;padding:8vh 8px 16px;text-align:center}
.start h2{font-size:1.4em;font-weight:600;margin:0 0 20px}
.prompts{display:flex;flex-wrap:wrap;gap:8px;justify-content:center;list-style:none;margin:0;padding:0}
.prompt{display:inline-flex;align-items:center;gap:6px;border:1px solid var(--border);background:var(--surface);border-radius:999px;padding:6px 14px;color:var(--fg)}
.prompt:hover{background:var(--surface-2)}
.older{display:flex;justify-content:center;padding:4px 0 8px}
.composer{flex:none;padding:6px var(--pad) var(--pad)}
.composer-box,.closed-banner,.composer-error,.disclaimer{max-width:760px;margin:0 auto}
.composer-box{border:1px solid var(--border);border-radius:calc(var(--r) + 8px);background:var(--surface);padding:6px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.composer-box:focus-within{border-color:var(--accent)}
.composer-row{display:flex;align-items:flex-end;gap:4px}
.composer-input{flex:1;border:0;outline:none;resize:none;background:transparent;padding:6px 4px;max-height:200px;min-height:32px;line-height:1.4}
.send{display:inline-flex;align-items:center;justify-content:center;width:34px;height:34px;border-radius:50%;border:0;background:var(--accent);color:var(--accent-fg);flex:none}
.send.stop{background:var(--fg);color:var(--surface)}
.chips{list-style:none;margin:0;padding:0 0 4px;display:flex;flex-wrap:wrap;gap:6px}
.chips:empty{display:none}
.chip-att{display:flex;align-items:center;gap:6px;border:1px solid var(--border);border-radius:var(--r);padding:2px 2px 2px 8px;max-width:260px;font-size:.87em}
.chip-att img{width:28px;height:28px;object-fit:cover;border-radius:4px}
.chip-att progress{width:60px;height:6px}
.chip-att.error{border-color:var(--danger)}.att-error{color:var(--danger)}
.composer-error{color:var(--danger);font-size:.87em;padding:0 4px 6px}
.reply{display:flex;align-items:center;gap:6px;border-inline-start:3px solid var(--accent);margin:2px 4px 6px;padding-inline-start:8px;color:var(--fg-2);font-size:.9em}
.reply-text{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.closed-banner{border:1px solid var(--border);border-radius:var(--r);padding:10px 12px;text-align:center;color:var(--fg-2);background:var(--surface-2)}
.disclaimer{font-size:.78em;color:var(--fg-3);text-align:center;padding-top:6px}
.disclaimer.hc{color:var(--fg-2)}.disclaimer a{color:inherit}
.history{position:absolute;inset:0;z-index:5;display:flex;flex-direction:column;background:var(--surface);width:min(340px,100%);border-inline-end:1px solid var(--border);box-shadow:var(--shadow)}
.history[hidden]{display:none}
.history-head{display:flex;align-items:center;justify-content:space-between;padding:8px 8px 8px 14px}
.history-head h2{font-size:1em;margin:0}
.history-scroll{flex:1;overflow-y:auto}
.history-list{list-style:none;margin:0;padding:0 6px 12px}
.history-row{display:flex;align-items:center;border-radius:8px}
.history-row:hover,.history-row.current{background:var(--surface-2)}
.history-open{flex:1;min-width:0;display:flex;flex-direction:column;align-items:flex-start;border:0;background:none;padding:8px;text-align:start}
.history-title{max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.history-date{font-size:.8em;color:var(--fg-3)}
.history-actions{display:flex;opacity:.0}
.history-row:hover .history-actions,.history-row:focus-within .history-actions{opacity:1}
.history-row>.field{flex:1;margin:4px}
.history-confirm{flex:1;padding:8px;font-size:.9em}
.history-empty{padding:12px;color:var(--fg-2)}
.skeleton-row{height:40px;margin:6px 0}
.history-sentinel{height:1px}
/* widgets */
.widget{max-width:100%}
.widget-item .msg-actions{margin-top:2px}
.widget-invalid{color:var(--fg-3);font-style:italic}
.card{border:1px solid var(--border);border-radius:calc(var(--r) + 4px);background:var(--surface-elevated);color:var(--fg);padding:16px;width:100%;max-width:480px;display:flex;flex-direction:column;gap:12px}
.card.size-sm{max-width:360px}.card.size-lg{max-width:640px}.card.size-full{max-width:none}
.card-body{display:flex;flex-direction:column;gap:8px;min-width:0}
.card-body>.lv-wrap{margin:0 -16px}
.card-actions{display:flex;gap:8px;justify-content:flex-end;flex-wrap:wrap}
.card-collapsed summary{cursor:pointer;color:var(--fg-2);font-size:.9em}
.card.busy,.widget.busy{opacity:.6;pointer-events:none}
.w-status{display:flex;align-items:center;gap:6px;color:var(--fg-2);font-size:.87em}
.favicon{width:16px;height:16px;border-radius:3px}
.box{display:flex;min-width:0}
.basic{display:flex;flex-direction:column;gap:8px}
.w-text,.w-title,.w-caption{margin:0;min-width:0;overflow-wrap:anywhere}
.w-title{font-size:calc(var(--fs)*1.125);font-weight:600;line-height:1.3;color:var(--fg-strong)}
.w-caption{font-size:calc(var(--fs)*.8125);color:var(--fg-2)}
.truncate{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.clamp{display:-webkit-box;-webkit-box-orient:vertical;overflow:hidden}
.w-text.streaming::after{content:"▍";opacity:.4}
.badge{display:inline-flex;align-items:center;width:fit-content;border-radius:6px;padding:0 8px;font-size:.8em;font-weight:500;line-height:1.7;--c:var(--fg-2);background:color-mix(in srgb,var(--c) 14%,transparent);color:var(--c);white-space:nowrap}
.badge.pill{border-radius:999px}.badge.s-sm{font-size:.72em}.badge.s-lg{font-size:.9em}
.badge.v-solid{background:var(--c);color:var(--surface)}.badge.v-outline{background:none;border:1px solid var(--c)}
.c-success{--c:var(--success)}.c-danger{--c:var(--danger)}.c-warning,.c-caution{--c:var(--warning)}.c-info{--c:var(--info)}.c-discovery{--c:var(--discovery)}.c-secondary{--c:var(--fg-2)}.c-primary{--c:var(--accent)}
.w-icon{display:inline-flex;align-items:center}
.w-image{display:block;max-width:100%;border-radius:var(--r);object-fit:cover}
.w-image.frame{border:1px solid var(--border)}
.w-image.blocked{min-width:48px;min-height:48px;background:var(--surface-3)}
.btn{--c:var(--accent);--h:36px;display:inline-flex;align-items:center;justify-content:center;gap:6px;min-height:var(--h);padding:0 14px;border-radius:var(--r);border:1px solid transparent;font-weight:500;white-space:nowrap;position:relative}
.btn.v-solid{background:var(--c);color:var(--accent-fg)}
.btn.c-secondary.v-solid{background:var(--surface-3);color:var(--fg)}
.btn.v-soft{background:color-mix(in srgb,var(--c) 12%,transparent);color:var(--c)}
.btn.c-secondary.v-soft{background:var(--surface-3);color:var(--fg)}
.btn.v-outline{border-color:color-mix(in srgb,var(--c) 50%,var(--border));background:transparent;color:var(--c)}
.btn.v-ghost{background:transparent;color:var(--c)}
.btn:hover:not(:disabled){filter:brightness(.95)}
.btn.pill{border-radius:999px}.btn.block{width:100%}.btn.uniform{padding:0;width:var(--h)}
.btn.more{align-self:center;margin:4px auto}
.btn.s-sm{font-size:.875em;padding:0 10px}.btn.s-xs,.btn.s-2xs,.btn.s-3xs{font-size:.8125em;padding:0 8px}
.btn[aria-busy=true]{color:transparent!important}
.btn[aria-busy=true]::after{content:"";position:absolute;width:1em;height:1em;border:2px solid currentColor;border-color:var(--fg-3);border-top-color:var(--fg);border-radius:50%;animation:spin .8s linear infinite}
.lvi[aria-busy=true]{opacity:.6}
.field{width:100%;min-height:36px;border:1px solid var(--border);border-radius:var(--r);background:var(--surface);padding:6px 10px}
.field:focus{border-color:var(--accent);outline:none}
.field.pill{border-radius:999px}
textarea.field{resize:vertical}
select.field{width:auto;max-width:100%}select.field.block{width:100%}
.choice{display:inline-flex;align-items:center;gap:8px}
.choice input{accent-color:var(--accent);width:1.05em;height:1.05em}
.radios{display:flex;flex-direction:column;gap:6px}.radios.row{flex-direction:row;flex-wrap:wrap;gap:14px}
.w-label{font-weight:500;font-size:.93em}
.w-form{display:flex}
.spacer{flex:1 1 auto}
.divider{border:0;border-top:1px solid var(--border-subtle);margin:4px 0;width:100%}
.divider.flush{margin-inline:-16px;width:auto}
.transition>*{transition:all .2s ease}
.lv-wrap{display:flex;flex-direction:column;min-width:0}
.lv{list-style:none;margin:0;padding:0;display:flex;flex-direction:column}
.lv>li+li{border-top:1px solid var(--border-subtle)}
.lvi{padding:10px 16px;gap:10px}
.lvi.clickable{cursor:pointer}.lvi.clickable:hover{background:var(--surface-2)}
.widget>.lv-wrap{border:1px solid var(--border);border-radius:calc(var(--r) + 4px);background:var(--surface-elevated);max-width:480px;overflow:hidden}
.widget>.lv-wrap>.w-status{padding:10px 16px 0}
.chart{margin:0;width:100%;display:flex;flex-direction:column;min-height:0}
.chart-svg{width:100%;flex:1 1 auto;min-height:0;display:block}
.chart-grid{stroke:var(--border-subtle);stroke-width:1}
.chart-label{fill:var(--fg-3);font-size:11px}
.chart-legend{display:flex;flex-wrap:wrap;gap:12px;font-size:.8em;color:var(--fg-2);margin-top:4px}
.chart-legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-inline-end:4px}
.table-wrap{overflow-x:auto}
.w-table{border-collapse:collapse;width:100%}
.w-table th,.w-table td{border-bottom:1px solid var(--border-subtle);padding:6px 8px;text-align:start;vertical-align:top}
.w-table th{font-weight:600;color:var(--fg-2);font-size:.9em}
.structured{display:flex;flex-direction:column;gap:10px;border:1px solid var(--border);border-radius:calc(var(--r) + 4px);padding:14px;max-width:480px}
.si-q{border:0;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
.si-q legend{font-weight:600;margin-bottom:4px}
.hint{margin:0;color:var(--fg-2);font-size:.9em}
.si-answer{margin:0;color:var(--fg-2)}
.w-unknown{display:none}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation-duration:.001ms!important;animation-iteration-count:1!important;transition:none!important}}
`;
