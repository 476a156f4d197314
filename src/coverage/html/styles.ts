import { createHash } from 'node:crypto';

/**
 * The page's colours per scheme. Tested and untested cells differ in colour *and* in mark (✓ / ✗)
 * and border (solid / dashed), so the page reads without colour too. The page's tests read the
 * cell colours from here to find them in a screenshot.
 *
 * @internal
 * @example
 * ```ts
 * palette.light.testedCell; // '#dafbe1'
 * ```
 */
export const palette = {
  light: {
    page: '#ffffff',
    ink: '#1f2328',
    muted: '#59636e',
    rule: '#d1d9e0',
    band: '#f6f8fa',
    testedCell: '#dafbe1',
    testedEdge: '#4ac26b',
    testedInk: '#116329',
    untestedCell: '#ffebe9',
    untestedEdge: '#ff8182',
    untestedInk: '#a40e26',
    bar: '#1f883d',
    barTrack: '#ffcecb',
    required: '#8250df',
  },
  dark: {
    page: '#0d1117',
    ink: '#e6edf3',
    muted: '#9198a1',
    rule: '#3d444d',
    band: '#151b23',
    testedCell: '#0f2d1b',
    testedEdge: '#2ea043',
    testedInk: '#56d364',
    untestedCell: '#3a1619',
    untestedEdge: '#f85149',
    untestedInk: '#ff9492',
    bar: '#3fb950',
    barTrack: '#5d1f22',
    required: '#bc8cff',
  },
} as const;

type Palette = (typeof palette)[keyof typeof palette];

const variables = (colours: Palette): string =>
  Object.entries(colours)
    .map(([name, value]) => `--${name}:${value};`)
    .join('');

const layout = `
*{box-sizing:border-box}
html{color-scheme:light dark}
body{margin:0;background:var(--page);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
header,main,footer{max-width:1360px;margin:0 auto;padding:20px 24px 0}
h1{font-size:22px;margin:0 0 12px}
h2{font-size:16px;margin:0 0 6px}
.muted{color:var(--muted)}
.totals{display:flex;flex-wrap:wrap;gap:12px;margin:0;padding:0}
.totals div{background:var(--band);border:1px solid var(--rule);border-radius:8px;padding:10px 16px;min-width:150px}
.totals dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.totals dd{margin:0;font-size:20px;font-weight:600}
.totals .headline{flex:1 1 320px}
.totals .headline dd{font-size:26px}
.totals .headline meter{width:100%;height:10px;display:block;margin-top:6px}
.thresholds{margin:16px 0 0;border:1px solid var(--rule);border-left:6px solid var(--testedEdge);border-radius:8px;padding:12px 16px}
.thresholds.failing{border-color:var(--untestedEdge);border-left-width:6px;background:var(--untestedCell)}
.thresholds ul{margin:4px 0 0;padding-left:20px}
.thresholds .missing{color:var(--untestedInk);font-weight:600}
.legend{margin:16px 0 8px;display:flex;flex-wrap:wrap;gap:16px;align-items:center}
.legend .cell{display:inline-flex;padding:2px 10px}
code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
table{width:100%;border-collapse:collapse;table-layout:fixed;background:var(--page)}
caption{text-align:left;padding:0 0 8px;color:var(--muted)}
thead th{position:sticky;top:0;z-index:1;background:var(--page);text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--rule);padding:6px 8px}
tbody th,tbody td{vertical-align:top;border-bottom:1px solid var(--rule);padding:10px 8px}
col.operation{width:140px}
col.count{width:100px}
tbody th{text-align:left;font-weight:600;overflow-wrap:break-word}
tbody tr{scroll-margin-top:36px}
.pinned{position:sticky;top:40px}
.jump{display:flex;flex-wrap:wrap;gap:4px 14px;margin:16px 0 0}
.jump a{color:var(--ink);text-decoration:none;border-bottom:1px dotted var(--muted)}
.jump a:hover,.jump a:focus-visible{border-bottom-style:solid}
.count strong{font-size:16px}
.count meter{width:100%;height:8px;display:block;margin-top:6px}
meter{border-radius:4px;background:var(--barTrack)}
meter::-webkit-meter-bar{background:var(--barTrack);border:0;border-radius:4px;height:100%}
meter::-webkit-meter-optimum-value,meter::-webkit-meter-suboptimum-value,meter::-webkit-meter-even-less-good-value{background:var(--bar);border-radius:4px}
meter::-moz-meter-bar{background:var(--bar)}
.badge{display:inline-block;margin-top:4px;font-size:11px;font-weight:600;white-space:nowrap;border-radius:10px;padding:0 6px;color:var(--page);background:var(--untestedInk)}
.group{margin:0 0 8px}
.group:last-child{margin-bottom:0}
.group-name{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0 0 3px}
.cells{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:6px}
.cell{border-radius:6px;padding:5px 7px;min-width:0;font-size:12.5px}
.cell.tested{background:var(--testedCell);border:1px solid var(--testedEdge)}
.cell.untested{background:var(--untestedCell);border:1px dashed var(--untestedEdge)}
.cell:has(details[open]){grid-column:1/-1}
.cell summary{cursor:pointer;list-style:none}
.cell summary::-webkit-details-marker{display:none}
.cell summary:focus-visible{outline:2px solid var(--bar);outline-offset:3px}
.title{display:flex;gap:6px;align-items:baseline;font-weight:600;overflow-wrap:break-word}
.mark{font-weight:700;flex:none}
.tested .mark{color:var(--testedInk)}
.untested .mark{color:var(--untestedInk)}
.detail{display:block;color:var(--muted);padding-left:18px;overflow-wrap:break-word}
.reach{display:block;padding-left:18px}
.tested .reach{color:var(--testedInk)}
.untested .reach{color:var(--untestedInk)}
.tested summary .reach::before{content:"\\25B8\\a0"}
.tested details[open] summary .reach::before{content:"\\25BE\\a0"}
.required{font-size:11px;font-weight:600;color:var(--required);border:1px solid var(--required);border-radius:8px;padding:0 5px;white-space:nowrap}
.tests{margin:6px 0 2px;padding:6px 0 0 18px;border-top:1px solid var(--testedEdge)}
.tests .file{color:var(--muted);font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.tests ul{margin:2px 0 6px;padding-left:18px}
.tests li{margin:0 0 2px}
.test-code{margin-top:14px}
footer{padding-bottom:24px;color:var(--muted);font-size:12px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;

/**
 * The page's whole stylesheet: inline, since the page is a single file opened from disk.
 *
 * @internal
 * @example
 * ```ts
 * `<style>${stylesheet}</style>`;
 * ```
 */
export const stylesheet = `:root{${variables(palette.light)}}
@media (prefers-color-scheme: dark){:root{${variables(palette.dark)}}}${layout}`;

/**
 * The stylesheet's SHA-256 (base64), for the CSP that allows exactly this stylesheet and nothing
 * else (the page has no script).
 *
 * @internal
 * @example
 * ```ts
 * `style-src 'sha256-${stylesheetHash}'`;
 * ```
 */
export const stylesheetHash = createHash('sha256').update(stylesheet).digest('base64');
