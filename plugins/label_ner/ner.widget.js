// Review widget for `ner` labels: the text of the label's field with the spans highlighted in
// their type's colour, a bar of entity types (keys 1-9) and the list of spans (remove buttons).
// Marking: select text with the mouse, then press the type's key or click the type (or pick
// the type first: while a type is armed, every selection becomes a span at once).
// Offsets are Unicode code points, as in the label type. A DOM selection gives UTF-16 offsets;
// they are snapped outward to whole grapheme clusters (Intl.Segmenter: a ZWJ emoji sequence or
// a base letter with its combining marks is never cut), trimmed of surrounding white space and
// converted to code points.
export function coveredText(text, start, end) {
  return Array.from(text).slice(start, end).join('');
}

export function sortSpans(spans, types) {
  return [...spans].sort((a, b) => a.start - b.start || a.end - b.end ||
                                   types.indexOf(a.type) - types.indexOf(b.type));
}

// Code points in text.slice(0, utf16).
export function toCodePoints(text, utf16) {
  let n = 0;
  for (let i = 0; i < utf16; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || !isHigh(text.charCodeAt(i - 1))) n += 1;
  }
  return n;
}

// UTF-16 index of code point `cp`.
export function toUtf16(text, cp) {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n += 1) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

function isHigh(c) {
  return c >= 0xd800 && c <= 0xdbff;
}

// Grapheme cluster boundaries of `text` as ascending UTF-16 offsets, 0 and text.length included.
export function graphemeBoundaries(text) {
  const out = [];
  if (typeof Intl !== 'undefined' && Intl.Segmenter) {
    for (const s of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
      out.push(s.index);
    }
  } else {
    for (let i = 0; i < text.length; i += isHigh(text.charCodeAt(i)) ? 2 : 1) out.push(i);
  }
  out.push(text.length);
  return out;
}

// A selection [a, b) in UTF-16 offsets -> {start, end} in code points, snapped outward to
// grapheme clusters and trimmed of white space; null when nothing but white space is left.
export function snapSelection(text, a, b) {
  let lo = Math.max(0, Math.min(a, b));
  let hi = Math.min(text.length, Math.max(a, b));
  const bounds = graphemeBoundaries(text);
  lo = bounds.filter((x) => x <= lo).pop() ?? 0;
  hi = bounds.find((x) => x >= hi) ?? text.length;
  while (lo < hi && /\s/.test(text[lo])) lo = bounds.find((x) => x > lo);
  while (hi > lo && /\s/.test(text[hi - 1])) hi = bounds.filter((x) => x < hi).pop();
  if (hi <= lo) return null;
  return { start: toCodePoints(text, lo), end: toCodePoints(text, hi) };
}

const kColours = ['#f4a261', '#8ecae6', '#b5e48c', '#f28482', '#cdb4db', '#ffd166',
                  '#90be6d', '#a0c4ff', '#ffadad', '#bdb2ff'];

export function colourOf(types, type) {
  const i = types.indexOf(type);
  return kColours[(i < 0 ? 0 : i) % kColours.length];
}

export function mount(element, { row, value, options, readOnly, onChange }) {
  const text = (row && row[options.field || 'response']) || '';
  const types = options.entity_types || [];
  const overlapOk = Boolean(options.allow_overlap);
  let spans = sortSpans(Array.isArray(value) ?
      value.map(({ start, end, type }) => ({ start, end, type })) : [], types);
  let pending = null;  // {start, end} selected but not typed yet
  let armed = null;    // a type picked before selecting

  element.replaceChildren();
  const bar = document.createElement('div');
  bar.className = 'lf-ner-types';
  const typeButtons = types.map((t, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'lf-choice lf-ner-type';
    b.value = t;
    b.style.setProperty('--lf-colour', colourOf(types, t));
    if (i < 9) {
      const key = document.createElement('kbd');
      key.textContent = String(i + 1);
      b.append(key, ' ');
    }
    b.append(t);
    b.addEventListener('click', () => useType(t));
    return b;
  });
  if (!readOnly) bar.append(...typeButtons);
  const source = document.createElement('div');
  source.className = 'lf-ner-text';
  const hint = document.createElement('div');
  hint.className = 'lf-ner-hint';
  hint.setAttribute('role', 'status');
  const list = document.createElement('ul');
  list.className = 'lf-ner-spans';
  element.append(bar, source, hint, list);

  const say = (message) => { hint.textContent = message; };
  const commit = (next) => {
    spans = sortSpans(next, types);
    onChange(spans.map((s) => ({ ...s })));
    render();
  };
  const add = (span) => {
    if (spans.some((s) => s.start === span.start && s.end === span.end &&
                          s.type === span.type)) {
      say('that span is already marked');
      return;
    }
    const clash = overlapOk ? null :
        spans.find((s) => s.start < span.end && span.start < s.end);
    if (clash) {
      say(`overlaps ${clash.type} "${coveredText(text, clash.start, clash.end)}": ` +
          'remove that span first (this label does not allow overlaps)');
      return;
    }
    pending = null;
    say('');
    commit([...spans, span]);
  };
  function useType(type) {
    if (readOnly) return;
    if (pending) {
      add({ ...pending, type });
      return;
    }
    armed = armed === type ? null : type;
    say(armed ? `select text to mark it ${armed}` : '');
    paintBar();
  }
  const paintBar = () => {
    for (const b of typeButtons) b.setAttribute('aria-pressed', String(b.value === armed));
  };

  function render() {
    // Segments between every span boundary; each segment knows the spans covering it.
    const marks = pending ? [...spans, { ...pending, type: null }] : spans;
    const cuts = new Set([0, Array.from(text).length]);
    for (const s of marks) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((x, y) => x - y);
    source.replaceChildren();
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = text.slice(toUtf16(text, a), toUtf16(text, b));
      const over = marks.filter((s) => s.start <= a && b <= s.end);
      if (over.length === 0) {
        source.append(piece);
        continue;
      }
      const mark = document.createElement('mark');
      const top = over[over.length - 1];
      mark.className = top.type === null ? 'lf-ent lf-pending' : 'lf-ent';
      if (over.length > 1) mark.classList.add('lf-overlap');
      if (top.type !== null) mark.style.setProperty('--lf-colour', colourOf(types, top.type));
      mark.textContent = piece;
      source.append(mark);
      for (const s of over) {
        if (s.end !== b || s.type === null) continue;
        const tag = document.createElement('span');
        tag.className = 'lf-tag';
        tag.dataset.tag = s.type;  // shown by CSS (::after), so it is not part of the text
        tag.style.setProperty('--lf-colour', colourOf(types, s.type));
        source.append(tag);
      }
    }
    list.replaceChildren();
    spans.forEach((span, index) => {
      const item = document.createElement('li');
      const chip = document.createElement('span');
      chip.className = 'lf-chip';
      chip.style.setProperty('--lf-colour', colourOf(types, span.type));
      chip.textContent = span.type;
      const covered = document.createElement('q');
      covered.textContent = coveredText(text, span.start, span.end);
      const where = document.createElement('small');
      where.textContent = ` [${span.start}, ${span.end})`;
      item.append(chip, ' ', covered, where);
      if (!readOnly) {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'lf-remove';
        remove.textContent = '\u00d7';
        remove.title = 'remove this span';
        remove.setAttribute('aria-label', `remove ${span.type} span`);
        remove.addEventListener('click', () => {
          commit(spans.filter((_, i) => i !== index));
          if (element.focus) element.focus();
        });
        item.append(' ', remove);
      }
      list.append(item);
    });
    if (spans.length === 0) {
      const none = document.createElement('li');
      none.className = 'lf-none';
      none.textContent = 'no spans';
      list.append(none);
    }
  }

  // Where a DOM point (node, offset) falls in the text, in UTF-16 units from its start.
  const offsetOf = (node, offset) => {
    const range = document.createRange();
    range.selectNodeContents(source);
    range.setEnd(node, offset);
    return range.toString().length;
  };
  const takeSelection = () => {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const r = sel.getRangeAt(0);
    if (!source.contains(r.startContainer) && !source.contains(r.endContainer)) return;
    const a = source.contains(r.startContainer) ? offsetOf(r.startContainer, r.startOffset) : 0;
    const b = source.contains(r.endContainer) ? offsetOf(r.endContainer, r.endOffset) :
                                                text.length;
    const snapped = snapSelection(text, a, b);
    sel.removeAllRanges();
    if (!snapped) return;
    if (armed) {
      add({ ...snapped, type: armed });
      return;
    }
    pending = snapped;
    say(`"${coveredText(text, snapped.start, snapped.end)}": press 1-${Math.min(9, types.length)}` +
        ' or click a type (Esc cancels)');
    render();
  };

  if (!readOnly) {
    source.addEventListener('mouseup', takeSelection);
    element.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const t = event.target && event.target.tagName;
      if (t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT') return;
      const n = Number(event.key);
      if (Number.isInteger(n) && n >= 1 && n <= Math.min(9, types.length)) {
        event.preventDefault();
        useType(types[n - 1]);
      } else if (event.key === 'Escape' && (pending || armed)) {
        event.preventDefault();
        pending = null;
        armed = null;
        say('');
        paintBar();
        render();
      }
    });
  }
  paintBar();
  render();
}
