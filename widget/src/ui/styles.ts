// All colours are checked for 4.5:1 against their background in both schemes; the accent's text colour is
// computed at run time (white or black, whichever contrasts more) and set as --cc-on-accent.
export const styles = `
:host{all:initial}
.cc{--cc-bg:#fff;--cc-fg:#1b1b1f;--cc-muted:#52525b;--cc-border:#c9c9d1;--cc-bubble:#f1f2f5;--cc-card:#fff;
--cc-focus:#0b57d0;--cc-danger-bg:#fdecec;--cc-danger-fg:#8a1c1c;--cc-ok:#1d6b36;--cc-shadow:0 12px 40px rgba(0,0,0,.18);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--cc-fg);
position:fixed;bottom:20px;z-index:2147483000;-webkit-font-smoothing:antialiased}
@media (prefers-color-scheme:dark){.cc{--cc-bg:#1c1c1f;--cc-fg:#f2f2f5;--cc-muted:#b4b4bd;--cc-border:#4a4a52;
--cc-bubble:#2c2c31;--cc-card:#242428;--cc-focus:#8ab4f8;--cc-danger-bg:#3b1d1d;--cc-danger-fg:#ffc9c9;--cc-ok:#8fe0a6}}
.cc[data-position=right]{right:20px}.cc[data-position=left]{left:20px}
*,*::before,*::after{box-sizing:border-box}
button,input,select,textarea{font:inherit;color:inherit}
:focus-visible{outline:3px solid var(--cc-focus);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
[hidden]{display:none!important}
.launcher{display:flex;align-items:center;gap:8px;border:0;border-radius:999px;padding:12px 18px;cursor:pointer;
background:var(--cc-accent);color:var(--cc-on-accent);box-shadow:var(--cc-shadow);font-weight:600;min-height:48px}
.launcher:hover{filter:brightness(1.06)}
.panel{position:absolute;bottom:64px;width:380px;height:min(640px,calc(100vh - 110px));display:flex;flex-direction:column;
background:var(--cc-bg);border:1px solid var(--cc-border);border-radius:16px;box-shadow:var(--cc-shadow);overflow:hidden}
.cc[data-position=right] .panel{right:0}.cc[data-position=left] .panel{left:0}
.head{display:flex;align-items:center;gap:10px;padding:12px 12px 12px 16px;background:var(--cc-accent);color:var(--cc-on-accent)}
.head-text{flex:1;min-width:0}
.title{margin:0;font-size:16px;font-weight:650;line-height:1.25}
.subtitle{margin:0;font-size:12.5px;opacity:.95;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.head .icon-btn{color:var(--cc-on-accent)}
.head :focus-visible{outline-color:var(--cc-on-accent)}
.icon-btn{display:inline-flex;align-items:center;justify-content:center;width:40px;height:40px;border:0;border-radius:10px;
background:transparent;cursor:pointer}
.icon-btn:hover{background:rgba(127,127,127,.18)}
.status{margin:0;padding:6px 16px;font-size:12.5px;color:var(--cc-muted);border-bottom:1px solid var(--cc-border)}
.status:empty{display:none}
.log{flex:1;overflow-y:auto;padding:14px 14px 6px;display:flex;flex-direction:column;gap:10px;overscroll-behavior:contain}
.msg{display:flex;flex-direction:column;max-width:88%;gap:6px}
.msg[data-role=shopper]{align-self:flex-end;align-items:flex-end}
.msg[data-role=assistant],.msg[data-role=merchant],.msg[data-role=system],.greeting{align-self:flex-start}
.bubble{margin:0;padding:9px 12px;border-radius:14px;background:var(--cc-bubble);white-space:pre-wrap;overflow-wrap:anywhere}
.msg[data-role=shopper] .bubble{background:var(--cc-accent);color:var(--cc-on-accent);border-bottom-right-radius:4px}
.msg[data-role=assistant] .bubble,.greeting .bubble{border-bottom-left-radius:4px}
.msg[data-role=system] .bubble{background:transparent;border:1px dashed var(--cc-border);font-size:13px}
.meta{font-size:12px;color:var(--cc-muted)}
.msg[data-status=failed] .meta{color:var(--cc-danger-fg)}
.link-btn{border:0;background:none;padding:0;text-decoration:underline;cursor:pointer;color:inherit;font-size:inherit}
.cards{list-style:none;margin:0;padding:0 0 4px;display:flex;gap:10px;overflow-x:auto;max-width:100%;scroll-snap-type:x mandatory}
.msg:has(.cards){max-width:100%}
.cards>li{flex:0 0 210px;scroll-snap-align:start}
.card{display:flex;flex-direction:column;height:100%;border:1px solid var(--cc-border);border-radius:12px;overflow:hidden;background:var(--cc-card)}
.card-media{display:block;aspect-ratio:1/1;background:var(--cc-bubble)}
.card-media img{width:100%;height:100%;object-fit:cover;display:block}
.card-body{display:flex;flex-direction:column;gap:6px;padding:10px;flex:1}
.card-title{margin:0;font-size:14px;font-weight:600;line-height:1.3}
.card-reason{margin:0;font-size:12.5px;color:var(--cc-muted)}
.price{margin:0;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.price-now{font-weight:650}
.price-was{color:var(--cc-muted);font-size:13px}
.avail{margin:0;font-size:12.5px}
.avail[data-available=true]{color:var(--cc-ok)}.avail[data-available=false]{color:var(--cc-danger-fg)}
.variant{display:flex;flex-direction:column;gap:2px;font-size:12.5px;color:var(--cc-muted)}
.variant select{padding:6px 8px;border:1px solid var(--cc-border);border-radius:8px;background:var(--cc-bg);color:var(--cc-fg)}
.card-actions{display:flex;flex-direction:column;gap:6px;margin-top:auto}
.btn{display:inline-flex;align-items:center;justify-content:center;gap:6px;min-height:40px;padding:8px 12px;border-radius:10px;
border:1px solid var(--cc-border);background:var(--cc-bg);cursor:pointer;text-decoration:none;font-weight:600;text-align:center}
.btn-primary{background:var(--cc-accent);color:var(--cc-on-accent);border-color:var(--cc-accent)}
.btn[disabled],.btn[aria-disabled=true]{opacity:.6;cursor:not-allowed}
.cart-status{margin:0;font-size:12.5px}
.cart-status[data-ok=true]{color:var(--cc-ok)}.cart-status[data-ok=false]{color:var(--cc-danger-fg)}
.cart-status a{color:inherit}
.typing{display:flex;align-items:center;gap:8px;padding:0 16px 8px;color:var(--cc-muted);font-size:12.5px}
.dots{display:inline-flex;gap:3px}
.dots i{width:6px;height:6px;border-radius:50%;background:currentColor;animation:cc-blink 1.2s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}
@keyframes cc-blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
.error{display:flex;gap:8px;align-items:flex-start;margin:0 12px 8px;padding:9px 10px;border-radius:10px;
background:var(--cc-danger-bg);color:var(--cc-danger-fg);font-size:13px}
.error-text{flex:1;margin:0}
.error .link-btn{font-weight:600}
.quick{display:flex;flex-wrap:wrap;gap:6px;padding:0 12px 8px}
.quick:empty{display:none}
.chip{border:1px solid var(--cc-fg);background:var(--cc-bg);border-radius:999px;padding:6px 12px;cursor:pointer;font-size:13px}
.chip:hover{background:var(--cc-bubble)}
.composer{display:flex;gap:8px;align-items:flex-end;padding:10px 12px;border-top:1px solid var(--cc-border)}
.composer textarea{flex:1;resize:none;min-height:40px;max-height:120px;padding:9px 12px;border:1px solid var(--cc-border);
border-radius:12px;background:var(--cc-bg);line-height:1.4}
.composer textarea::placeholder{color:var(--cc-muted);opacity:1}
.send{background:var(--cc-accent);color:var(--cc-on-accent);border-radius:12px;width:44px;height:40px}
.send:hover{background:var(--cc-accent);filter:brightness(1.08)}
.actions{display:flex;gap:6px;padding:0 12px 10px;flex-wrap:wrap}
.actions .btn{flex:1;min-height:36px;font-size:13px;padding:6px 10px}
.notice{margin:0 12px 8px;font-size:12.5px;color:var(--cc-muted)}
.notice:empty{display:none}
.notice a{color:var(--cc-fg)}
.email{display:flex;flex-direction:column;gap:8px;margin:0 12px 10px;padding:10px;border:1px solid var(--cc-border);border-radius:12px}
.email h3{margin:0;font-size:14px}
.email label{display:flex;flex-direction:column;gap:4px;font-size:13px}
.email input[type=email]{padding:8px 10px;border:1px solid var(--cc-border);border-radius:8px;background:var(--cc-bg)}
.email .consent{flex-direction:row;align-items:flex-start;gap:8px}
.email .consent input{margin-top:3px;width:16px;height:16px}
.email .row{display:flex;gap:8px}
.email .row .btn{flex:1}
.email-status{margin:0;font-size:12.5px}
.email-status:empty{display:none}
@media (max-width:480px){
.cc{bottom:12px}.cc[data-position=right]{right:12px}.cc[data-position=left]{left:12px}

.cc[data-open=true] .launcher{display:none}
.cc[data-open=true] .panel{position:fixed;inset:0;width:100%;height:100%;height:100dvh;border-radius:0;border:0}
}
@media (prefers-reduced-motion:reduce){.dots i{animation:none;opacity:.7}}
`;
