// The analyst-facing report: one self-contained HTML file (inline CSS and SVG, no scripts, no external resources),
// plus table renderers (HTML, Markdown, CSV) so the same numbers can go into the report, a README or a spreadsheet.
export interface ReportFigure { caption: string; svg: string }
export interface ReportSection { title: string; text?: string; tableHtml?: string; svgs?: ReportFigure[] }
export interface ReportOptions { title: string; subtitle?: string; generatedFrom: string[]; sections: ReportSection[] }

type Cell = string | number;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Missing numbers (NaN, e.g. an interval from one seed) read as "n/a" for people and as an empty field in CSV. */
function cellText(value: Cell): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'n/a' : String(value);
  return value;
}

function isNumericColumn(rows: Cell[][], col: number): boolean {
  return rows.length > 0 && rows.every((r) => typeof r[col] === 'number');
}

export function htmlTable(header: string[], rows: Cell[][], opts: { caption?: string } = {}): string {
  const numeric = header.map((_, i) => isNumericColumn(rows, i));
  const cls = (i: number) => (numeric[i] ? ' class="num"' : '');
  const head = header.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${header.map((_, i) => `<td${cls(i)}>${escapeHtml(cellText(r[i] ?? ''))}</td>`).join('')}</tr>`)
    .join('\n');
  const caption = opts.caption === undefined ? '' : `<caption>${escapeHtml(opts.caption)}</caption>`;
  return `<table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/**
 * GitHub-flavoured Markdown; pipes are escaped and line breaks flattened so a cell never breaks the row, and angle
 * brackets become entities so a cell cannot inject HTML into a rendered README.
 */
export function markdownTable(header: string[], rows: Cell[][]): string {
  const md = (v: Cell) => cellText(v).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ')
    .replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, i) => (isNumericColumn(rows, i) ? '---:' : '---'));
  return [line(header.map(md)), line(rule), ...rows.map((r) => line(header.map((_, i) => md(r[i] ?? ''))))].join('\n') + '\n';
}

/** RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes doubled. */
export function csvTable(header: string[], rows: Cell[][]): string {
  const field = (v: Cell) => {
    const text = typeof v === 'number' ? (Number.isNaN(v) ? '' : String(v)) : v;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((r) => header.map((_, i) => field(r[i] ?? '')).join(',')).join('\r\n') + '\r\n';
}

/** Stable, unique anchor ids from section titles, so links in the table of contents survive re-generation. */
function sectionIds(titles: string[]): string[] {
  const seen = new Map<string, number>();
  return titles.map((t) => {
    const base = 'sec-' + (t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/**
 * Chart SVG is trusted output of charts.ts, inlined as markup; this guard keeps the report free of scripts and
 * of anything that would fetch from the network if a caller passes something else.
 */
function inlineSvg(svg: string): string {
  const body = svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').trim();
  if (!body.startsWith('<svg')) throw new Error('report: a figure svg must start with <svg');
  // Attribute patterns need the opening quote: inside a quoted value a quote is escaped, so titles cannot trip them.
  if (/<script|<foreignObject|\son[a-z]+\s*=\s*["']|(?:href|src)\s*=\s*["']\s*(?:https?:|\/\/)|@import|url\(\s*["']?(?:https?:|\/\/)/i.test(body)) {
    throw new Error('report: a figure svg contains a script or an external reference');
  }
  return body;
}

function paragraphs(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

function renderSection(section: ReportSection, id: string, sectionNo: number, figureNo: { next: number }): string {
  const parts = [`<section id="${id}">`, `<h2>${sectionNo}. ${escapeHtml(section.title)}</h2>`];
  if (section.text) parts.push(paragraphs(section.text));
  if (section.tableHtml) parts.push(`<div class="table-wrap">${section.tableHtml}</div>`);
  for (const fig of section.svgs ?? []) {
    const n = figureNo.next++;
    parts.push(
      `<figure data-chart="${n}" id="fig-${n}">${inlineSvg(fig.svg)}` +
        `<figcaption><span class="fig-no">Figure ${n}.</span> ${escapeHtml(fig.caption)}</figcaption></figure>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, "Liberation Sans", sans-serif;
  color: #1a1a1a; background: #fff; line-height: 1.5; margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; }
header { border-bottom: 2px solid #1a1a1a; margin-bottom: 1.5rem; padding-bottom: 0.75rem; }
h1 { font-size: 1.8rem; margin: 0 0 0.25rem; }
.subtitle { font-size: 1.1rem; color: #444; margin: 0 0 0.5rem; }
.sources { font-size: 0.85rem; color: #555; margin: 0.5rem 0 0; }
.sources ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.sources code { word-break: break-all; }
nav.toc { background: #f5f5f5; border: 1px solid #ddd; padding: 0.75rem 1.25rem; margin-bottom: 2rem; }
nav.toc h2 { font-size: 1rem; margin: 0 0 0.25rem; border: 0; }
nav.toc ol { margin: 0; padding-left: 1.25rem; }
a { color: #1f4e8c; }
h2 { font-size: 1.35rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2.5rem; }
p { max-width: 45rem; }
figure { margin: 1.5rem 0; padding: 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #333; margin-top: 0.4rem; max-width: 45rem; }
.fig-no { font-weight: 600; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-size: 0.9rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.7rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #555; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc { background: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  figure, table { break-inside: avoid; }
}
`;

/** The whole report; deterministic (no clock, no random ids) so re-running an analysis gives the same file. */
export function renderReport(opts: ReportOptions): string {
  const ids = sectionIds(opts.sections.map((s) => s.title));
  const figureNo = { next: 1 };
  const sections = opts.sections.map((s, i) => renderSection(s, ids[i], i + 1, figureNo));
  const toc = opts.sections
    .map((s, i) => `<li><a href="#${ids[i]}">${escapeHtml(s.title)}</a></li>`)
    .join('\n');
  const sources = opts.generatedFrom.map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(opts.title)}</h1>
${opts.subtitle ? `<p class="subtitle">${escapeHtml(opts.subtitle)}</p>` : ''}
<div class="sources">Generated from:${sources ? `<ul>\n${sources}\n</ul>` : ' (no inputs listed)'}</div>
</header>
<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>
${toc}
</ol></nav>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
