/**
 * The dashboard's page and styles. Static text: every value reaches the page through
 * `/dashboard/app.js`, which builds the DOM with `textContent`, so the Content-Security-Policy can
 * forbid inline script and style altogether. @internal
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kms-fake dashboard</title>
<link rel="icon" href="/dashboard/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/dashboard/app.css">
<script src="/dashboard/app.js" defer></script>
</head>
<body>
<header>
  <h1>kms-fake</h1>
  <span id="clock" class="muted"></span>
  <span id="status" class="muted" role="status"></span>
</header>
<form id="filters" class="filters">
  <label>Key <input id="filter-key" type="search" placeholder="key ID or alias" autocomplete="off"></label>
  <label>Operation <select id="filter-operation"><option value="">all</option></select></label>
  <label>Outcome <select id="filter-outcome"><option value="">all</option><option value="success">success</option><option value="error">any error</option></select></label>
</form>
<main>
  <section aria-labelledby="keys-title">
    <h2 id="keys-title">Keys <span id="keys-count" class="muted"></span></h2>
    <div id="keys"><p class="muted">Loading…</p></div>
    <nav id="keys-pager" class="pager" hidden>
      <button id="keys-prev" type="button">Previous</button>
      <span id="keys-range" class="muted"></span>
      <button id="keys-next" type="button">Next</button>
    </nav>
  </section>
  <section aria-labelledby="calls-title">
    <h2 id="calls-title">Recent calls <span id="calls-count" class="muted"></span></h2>
    <table id="calls">
      <thead><tr><th>Time</th><th>Operation</th><th>Key</th><th>Outcome</th><th>Principal</th><th>Region</th></tr></thead>
      <tbody></tbody>
    </table>
    <p id="calls-empty" class="muted">No calls yet.</p>
  </section>
</main>
</body>
</html>
`;

/** A key, drawn as a small SVG, so the browser does not ask for `/favicon.ico`. */
export const DASHBOARD_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="5" cy="8" r="3.5" fill="none" stroke="#2f6f4f" stroke-width="2"/><path d="M8.5 8h6.5M12.5 8v3M15 8v2" stroke="#2f6f4f" stroke-width="2"/></svg>`;

/** One colour per key state, so a disabled or doomed key stands out in a long table. */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --fg: #1d232a; --muted: #66707a; --line: #dde2e6; --bg: #f6f7f8; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; gap: 16px; align-items: baseline; padding: 12px 20px; background: #1f2d3a; color: #fff; }
header h1 { margin: 0; font-size: 18px; }
header .muted { color: #b7c2cc; }
main { padding: 0 20px 24px; }
h2 { font-size: 16px; margin: 20px 0 8px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
.muted { color: var(--muted); font-weight: normal; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; padding: 10px 20px; background: #fff; border-bottom: 1px solid var(--line); }
.filters label { display: flex; gap: 6px; align-items: center; }
.filters input { width: 22em; }
input, select, button { font: inherit; padding: 3px 6px; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td { overflow-wrap: anywhere; }
/* One column grid for every region's table, so the tables line up. */
table.keys { table-layout: fixed; }
table.keys th { white-space: normal; }
table.keys th:nth-child(1) { width: 22%; }
table.keys th:nth-child(3) { width: 12%; }
table.keys th:nth-child(4) { width: 11%; }
table.keys th:nth-child(2), table.keys th:nth-child(5), table.keys th:nth-child(6), table.keys th:nth-child(7), table.keys th:nth-child(8), table.keys th:nth-child(9) { width: 9.1%; }
th { background: #eef1f3; font-weight: 600; white-space: nowrap; }
td.mono, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
td .sub { display: block; color: var(--muted); font-size: 12px; }
.chip { display: inline-block; margin: 0 4px 2px 0; padding: 0 6px; border-radius: 4px; background: #eef1f3; font-size: 12px; }
.state { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.state-Enabled { background: #dcf3e4; color: #17603a; }
.state-Disabled { background: #e4e6e8; color: #4b535b; }
.state-PendingDeletion, .state-PendingReplicaDeletion { background: #fbe0de; color: #9b1c13; }
.state-PendingImport { background: #fff0c7; color: #7a5700; }
.state-Creating, .state-Updating { background: #dde9fb; color: #1f4f99; }
.state-Unavailable { background: #efe1f7; color: #6a2a8c; }
.outcome-success { color: #17603a; }
.outcome-error { color: #9b1c13; font-weight: 600; }
.outcome-pending { color: var(--muted); }
.pager { display: flex; gap: 12px; align-items: center; margin-top: 8px; }
`;
