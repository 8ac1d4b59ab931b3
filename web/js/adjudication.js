// The adjudication part of a label card: the earlier reviews side by side (read-only widgets),
// the columns that differ from the others marked, the label's agreement score, the plugin's
// diff in plain words, who is the expert for the row's domain, and one button per review to
// take its value into the editor.
import { h, same } from './dom.js';
import { mountEditor } from './label_card.js';

function percent(x) {
  return typeof x === 'number' ? `${Math.round(x * 100)} %` : 'n/a';
}

function describe(item, row, label) {
  if (item && typeof item === 'object' && 'start' in item && 'end' in item) {
    const text = row[(label.options && label.options.field) || 'response'] || '';
    return `${item.type} "${Array.from(text).slice(item.start, item.end).join('')}"`;
  }
  return typeof item === 'string' ? item : JSON.stringify(item);
}

// One line per diff pair in words; unknown diff shapes are shown as compact JSON.
function diffLines(pairs, row, label) {
  return (pairs || []).map(({ a, b, diff, agreement }) => {
    const who = `${a} vs ${b} (${percent(agreement)})`;
    if (diff && Array.isArray(diff.only_a) && Array.isArray(diff.only_b)) {
      const onlyA = diff.only_a.map((x) => describe(x, row, label)).join(', ') || 'nothing';
      const onlyB = diff.only_b.map((x) => describe(x, row, label)).join(', ') || 'nothing';
      return h('li', h('b', who), `: only ${a}: ${onlyA}; only ${b}: ${onlyB}`);
    }
    if (diff && typeof diff === 'object' && 'difference' in diff) {
      return h('li', h('b', who), `: ${diff.a} vs ${diff.b} (difference ${diff.difference})`);
    }
    if (diff && typeof diff === 'object') {
      const parts = Object.entries(diff).filter(([, d]) => d && typeof d === 'object' &&
                                                   'difference' in d)
                                        .map(([k, d]) => `${k} ${d.a} vs ${d.b}`);
      if (parts.length) return h('li', h('b', who), `: ${parts.join('; ')}`);
    }
    return h('li', h('b', who), ': ', h('code', JSON.stringify(diff)));
  });
}

export function renderReviews(card, task) {
  const label = card.label;
  const reviews = task.reviews || [];
  const agreement = (task.agreement || {})[label.name];
  const values = reviews.map((r) => (r.labels || {})[label.name]);
  const agreeAll = values.every((v) => same(v, values[0]));
  card.element.classList.toggle('lf-disagree', !agreeAll);
  const score = h(`span.lf-score.${agreeAll ? 'lf-agree' : 'lf-differ'}`,
                  { title: 'agreement between the earlier reviews' },
                  agreeAll ? 'reviews agree' : `agreement ${percent(agreement)}`);
  const columns = h('div.lf-reviews');
  reviews.forEach((review, i) => {
    const differs = values.some((v) => !same(v, values[i]));
    const host = h('div.lf-review-value');
    const take = h('button.lf-take', {
      type: 'button',
      title: `copy ${review.reviewer}'s value into the editor below`,
      onclick: () => card.take(values[i], review.reviewer),
    }, `use ${review.reviewer}'s`);
    columns.append(h(`div.lf-review${differs ? '.lf-differs' : ''}`,
                     h('div.lf-review-head', h('b', review.reviewer),
                       review.expert ? h('span.lf-expert', {
                         title: `expert for this row's domain (${(task.row.domains || [])
                                  .join(', ') || 'specialized'})` }, 'expert') : null,
                       review.stage ? h('small', review.stage) : null),
                     host, take));
    mountEditor(host, { label, row: task.row, value: values[i], readOnly: true,
                        onChange: () => {} });
  });
  const lines = diffLines((task.diff || {})[label.name], task.row, label);
  card.extra.replaceChildren(h('div.lf-compare', score, columns,
                               lines.length && !agreeAll ? h('ul.lf-diff', lines) : null));
}
