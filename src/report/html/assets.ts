// The one stylesheet and the one script of the HTML report, inlined into every page (the page's
// Content-Security-Policy admits exactly these two by hash). The script only adds: copy buttons, table sorting
// and filtering, collapsing, opening every section for printing. Everything essential is static HTML/SVG.

export const STYLE = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d5dae3;--bg:#fff;--panel:#f5f7fa;--err:#c62828;--err-bg:#fdecea;--warn:#b26a00;--warn-bg:#fff4e0;--ok:#2e7d32;--ok-bg:#e8f5e9;--accent:#0b5cad;--code:#f0f2f6}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 "Segoe UI","Yu Gothic UI","Meiryo","Noto Sans CJK JP","Hiragino Sans",system-ui,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1180px;margin:0 auto;padding:16px 20px 48px}
header.top{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 16px;border-bottom:1px solid var(--line);padding-bottom:8px;margin-bottom:16px}
header.top .brand{font-weight:700;font-size:17px;letter-spacing:.2px}
header.top .meta{color:var(--muted);font-size:13px;overflow-wrap:anywhere}
nav.toc{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:13px;margin:0 0 16px}
nav.toc a{color:var(--accent);text-decoration:none}
h1{font-size:24px;line-height:1.3;margin:4px 0 10px}
h2{font-size:19px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:18px 0 8px;overflow-wrap:anywhere}
h4{font-size:14px;margin:14px 0 6px;color:var(--muted)}
code,pre,.mono{font-family:"Cascadia Mono",Consolas,"BIZ UDGothic","MS Gothic",ui-monospace,monospace;font-size:13px}
code.code{background:var(--code);border-radius:4px;padding:1px 6px;font-size:12px;font-weight:600;color:var(--muted);white-space:nowrap}
.verdict{border-radius:10px;padding:14px 18px 16px;margin-bottom:18px;border:1px solid var(--line);border-left:6px solid var(--muted);background:var(--panel)}
.verdict-failure{border-left-color:var(--err);background:#fffafa}
.verdict-ok{border-left-color:var(--ok);background:#f8fcf8}
.verdict-inconclusive{border-left-color:var(--warn);background:#fffcf5}
.verdict-word{margin:0;font-size:13px;font-weight:700;letter-spacing:.8px;text-transform:uppercase}
.verdict-failure .verdict-word{color:var(--err)}.verdict-ok .verdict-word{color:var(--ok)}.verdict-inconclusive .verdict-word{color:var(--warn)}
.cause{font-size:16.5px;font-weight:600;margin:6px 0 8px;overflow-wrap:anywhere}
.explanation{margin:6px 0;overflow-wrap:anywhere}
.verdict h2{border:0;margin:18px 0 6px;font-size:17px}
p.fix-cause{margin:14px 0 2px;font-weight:600}
ol.fix-steps{margin:6px 0 0;padding-left:26px}
ol.fix-steps>li{margin:0 0 12px}
.step-text{margin:0 0 6px;overflow-wrap:anywhere}
.kb{display:inline-block;background:var(--accent);color:#fff;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600}
.cmd{border:1px solid var(--line);border-radius:6px;background:var(--code);margin:4px 0 8px;overflow:hidden}
.cmd-bar{display:flex;justify-content:space-between;align-items:center;padding:3px 6px 3px 10px;border-bottom:1px solid var(--line);font-size:12px;color:var(--muted)}
.cmd pre{margin:0;padding:8px 10px;white-space:pre-wrap;overflow-wrap:anywhere}
button.copy{display:none;font:inherit;font-size:12px;border:1px solid #b9c2d0;background:#fff;border-radius:4px;padding:1px 10px;cursor:pointer}
.js button.copy{display:inline-block}
button.copy.copied{background:var(--ok-bg);border-color:var(--ok);color:var(--ok)}
.reg-intro{margin:10px 0 4px;font-size:14px}
.badge{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;font-weight:700;vertical-align:2px}
.sev-error{background:var(--err-bg);color:var(--err)}.sev-warning{background:var(--warn-bg);color:var(--warn)}.sev-info{background:var(--panel);color:var(--muted)}
article.finding,article.connection{border:1px solid var(--line);border-radius:8px;padding:4px 16px 12px;margin:0 0 14px}
details>summary{cursor:pointer;color:var(--accent);font-size:14px;margin:6px 0}
ul.evidence-list{margin:4px 0;padding-left:18px;font-size:13px;overflow-wrap:anywhere}
ul.evidence-list time,table.evidence-table time{color:var(--muted);font-family:ui-monospace,monospace;font-size:12px;white-space:nowrap}
.src{color:var(--muted);white-space:nowrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0 8px;font-size:14px}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
.ladder-wrap{border:1px solid var(--line);border-radius:8px;background:#fcfdff;padding:4px}
svg{display:block;font-family:"Segoe UI","Yu Gothic UI","Meiryo","Noto Sans CJK JP",system-ui,sans-serif}
svg text{paint-order:stroke;stroke:#fcfdff;stroke-width:3px;stroke-linejoin:round}
.lane-head{fill:#eef2f8;stroke:#aeb8c8}
.lane-title{font-size:13px;font-weight:700;fill:var(--fg)}
.lane-subtitle{font-size:11px;fill:var(--muted)}
.lifeline{stroke:#9aa5b8;stroke-width:1.5;stroke-dasharray:5 4}
.row-guide{stroke:transparent}
a.step:hover .row-guide,a.step:focus .row-guide{stroke:#e3e9f3;stroke-width:26}
.axis-label{font-size:11px;fill:var(--muted);font-variant-numeric:tabular-nums}
.arrow-line{stroke:#44546a;stroke-width:1.8}
.arrow-line.dashed{stroke-dasharray:6 4}
.arrow-head{fill:#44546a}
.arrow-label{font-size:12.5px;font-weight:600;fill:var(--fg)}
.arrow-detail{font-size:11px;fill:var(--muted)}
.tone-error .arrow-line{stroke:var(--err)}.tone-error .arrow-head{fill:var(--err)}.tone-error .arrow-label{fill:var(--err)}
.tone-ok .arrow-line{stroke:var(--ok)}.tone-ok .arrow-head{fill:var(--ok)}.tone-ok .arrow-label{fill:var(--ok)}
.tone-warn .arrow-line{stroke:var(--warn)}.tone-warn .arrow-head{fill:var(--warn)}.tone-warn .arrow-label{fill:var(--warn)}
.tone-muted .arrow-line{stroke:#8c97a8;stroke-width:1.3}.tone-muted .arrow-head{fill:#8c97a8}.tone-muted .arrow-label{fill:var(--muted);font-weight:400}
.note-box{fill:#f3f5f9;stroke:#c3cad6}
.note-label{font-size:11.5px;fill:var(--fg)}
.tone-error .note-box{fill:var(--err-bg);stroke:#e6a3a0}.tone-error .note-label{fill:#8e1c1c;font-weight:600}
.tone-warn .note-box{fill:var(--warn-bg);stroke:#e7c182}.tone-warn .note-label{fill:#7a4a00}
.tone-muted .note-label{fill:var(--muted)}
.tl-label{font-size:11.5px;fill:var(--fg)}
.tl-tick{stroke:#e1e5ec}
.tl-bar{fill:#8c97a8}
.outcome-established{fill:var(--ok)}.outcome-tls_failed,.outcome-cert_failed{fill:var(--err)}.outcome-tcp_failed,.outcome-reset{fill:#e65100}
.outcome-dns_failed{fill:#6a1b9a}.outcome-proxy_failed{fill:#795548}.outcome-incomplete,.outcome-unknown{fill:#9e9e9e}
a.tl-row:hover .tl-label{fill:var(--accent);text-decoration:underline}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--line)}
th{background:var(--panel);font-weight:600;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.time{white-space:nowrap}
td.path{overflow-wrap:anywhere}
.js th[data-sort]{cursor:pointer;user-select:none}
.js th[data-sort]::after{content:" ↕";color:#a0a8b5;font-weight:400}
.js th.sorted-asc::after{content:" ↑";color:var(--fg)}.js th.sorted-desc::after{content:" ↓";color:var(--fg)}
tr:target,tr.flash{background:#fff6c8}
span.outcome{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;background:var(--panel);color:var(--fg)}
span.outcome-established{background:var(--ok-bg);color:var(--ok)}
span.outcome-tls_failed,span.outcome-cert_failed{background:var(--err-bg);color:var(--err)}
span.outcome-tcp_failed,span.outcome-reset,span.outcome-dns_failed,span.outcome-proxy_failed{background:var(--warn-bg);color:var(--warn)}
tr.folded td{color:var(--muted)}
.js-only{display:none}
.js .js-only{display:flex}
.table-tools{flex-wrap:wrap;gap:8px 16px;align-items:center;margin:6px 0 8px;font-size:14px}
.table-tools input,.table-tools select{font:inherit;font-size:14px;padding:3px 6px;border:1px solid #b9c2d0;border-radius:4px}
.count{color:var(--muted);font-size:13px}
.same,.folded-note,.note-cut,.none{color:var(--muted);font-size:14px}
.bad{color:var(--err)}
.offscreen{position:fixed;left:-9999px;top:0}
ul.issues{margin:2px 0;padding-left:16px;font-size:12px}
footer{margin-top:32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
table.cases td.verdict-failure{color:var(--err);font-weight:600}table.cases td.verdict-ok{color:var(--ok);font-weight:600}table.cases td.verdict-inconclusive{color:var(--warn);font-weight:600}
@media (max-width:640px){main{padding:10px 12px 32px}h1{font-size:20px}.cause{font-size:15.5px}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:4px}ol.fix-steps{padding-left:20px}nav.toc{font-size:12.5px}}
@media print{
  @page{margin:14mm}
  body{font-size:11pt}
  main{max-width:none;padding:0}
  nav.toc,button.copy,.js-only,.table-tools{display:none!important}
  .scroll{overflow:visible}
  svg.ladder,svg.timeline{max-width:100%;height:auto}
  article.finding,article.connection,.cmd,svg{break-inside:avoid}
  a{color:inherit;text-decoration:none}
  .verdict{background:none}
  h2{break-after:avoid}
}
`;

export const SCRIPT = `
(function(){
  'use strict';
  document.documentElement.classList.add('js');
  function copyText(text, done){
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function(){ fallback(text, done); });
    } else fallback(text, done);
  }
  function fallback(text, done){
    var ta = document.createElement('textarea');
    ta.value = text; ta.setAttribute('readonly', ''); ta.className = 'offscreen';
    document.body.appendChild(ta); ta.select();
    try { document.execCommand('copy'); done(); } catch (e) {}
    document.body.removeChild(ta);
  }
  document.addEventListener('click', function(ev){
    var b = ev.target.closest && ev.target.closest('button.copy');
    if (!b) return;
    var label = b.textContent;
    copyText(b.getAttribute('data-copy') || '', function(){
      b.classList.add('copied'); b.textContent = b.getAttribute('data-done') || '\\u2713';
      setTimeout(function(){ b.classList.remove('copied'); b.textContent = label; }, 1500);
    });
  });
  var table = document.getElementById('conn-table');
  if (table) {
    var body = table.tBodies[0];
    var filter = document.getElementById('conn-filter');
    var outcome = document.getElementById('conn-outcome');
    var count = document.getElementById('conn-count');
    var total = body.rows.length;
    function apply(){
      var q = (filter.value || '').toLowerCase(), o = outcome.value, shown = 0;
      for (var i = 0; i < body.rows.length; i++) {
        var r = body.rows[i];
        var ok = (!o || r.getAttribute('data-outcome') === o) && (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
        r.hidden = !ok; if (ok) shown++;
      }
      count.textContent = shown + ' / ' + total;
    }
    filter.addEventListener('input', apply); outcome.addEventListener('change', apply); apply();
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function(th, col){
      th.tabIndex = 0;
      function sort(){
        var desc = th.classList.contains('sorted-asc');
        Array.prototype.forEach.call(heads, function(h){ h.classList.remove('sorted-asc', 'sorted-desc'); });
        th.classList.add(desc ? 'sorted-desc' : 'sorted-asc');
        var num = th.getAttribute('data-sort') === 'num';
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function(a, b){
          var x = a.cells[col], y = b.cells[col];
          var c = num ? Number(x.getAttribute('data-value')) - Number(y.getAttribute('data-value'))
                      : x.textContent.localeCompare(y.textContent);
          return desc ? -c : c;
        });
        rows.forEach(function(r){ body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function(e){ if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  }
  window.addEventListener('beforeprint', function(){
    document.querySelectorAll('details').forEach(function(d){ d.setAttribute('data-was-open', d.open ? '1' : ''); d.open = true; });
  });
  window.addEventListener('afterprint', function(){
    document.querySelectorAll('details').forEach(function(d){ d.open = d.getAttribute('data-was-open') === '1'; });
  });
})();
`;
