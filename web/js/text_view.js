// Renders a row field (context, query, response) readably: prose keeps its line breaks and
// spaces (pre-wrap), fenced code blocks (```lang ... ```) become monospace blocks that keep
// their formatting and scroll sideways instead of wrapping.
import { h } from './dom.js';

export function renderText(text) {
  const box = h('div.lf-text');
  const fence = /```([^\n`]*)\n([\s\S]*?)(?:```|$)/g;
  let last = 0;
  let m;
  while ((m = fence.exec(text)) !== null) {
    if (m.index > last) box.append(h('div.lf-prose', text.slice(last, m.index)));
    box.append(h('pre.lf-code', { title: m[1] ? `code (${m[1].trim()})` : 'code' },
                 h('code', m[2])));
    last = fence.lastIndex;
  }
  if (last < text.length) box.append(h('div.lf-prose', text.slice(last)));
  return box;
}

// The row's fields as labelled panes; empty fields are left out.
export function renderRow(row) {
  const panes = h('div.lf-row');
  for (const [field, title] of [['context', 'Context'], ['query', 'Query'],
                                ['response', 'Response']]) {
    const text = row[field];
    if (typeof text !== 'string' || text === '') continue;
    panes.append(h(`section.lf-pane.lf-${field}`, { 'aria-label': title },
                   h('h3', title), renderText(text)));
  }
  return panes;
}
