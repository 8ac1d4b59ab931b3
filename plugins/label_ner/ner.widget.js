// Review widget for `ner` labels: the text of the label's field, the list of spans (each with
// its covered text and a remove button) and a form to add a span by start and end offsets.
// Offsets are Unicode code points, as in the label type: Array.from(text) splits a string into
// code points (an emoji outside the BMP is one element, not two UTF-16 units).
export function coveredText(text, start, end) {
  return Array.from(text).slice(start, end).join('');
}

export function sortSpans(spans, types) {
  return [...spans].sort((a, b) => a.start - b.start || a.end - b.end ||
                                   types.indexOf(a.type) - types.indexOf(b.type));
}

export function mount(element, { row, value, options, readOnly, onChange }) {
  const text = (row && row[options.field || 'response']) || '';
  const length = Array.from(text).length;
  const types = options.entity_types || [];
  let spans = Array.isArray(value) ?
      value.map(({ start, end, type }) => ({ start, end, type })) : [];

  const render = () => {
    element.replaceChildren();
    const source = document.createElement('pre');
    source.textContent = text;
    element.append(source);
    const list = document.createElement('ul');
    spans.forEach((span, index) => {
      const item = document.createElement('li');
      const covered = coveredText(text, span.start, span.end);
      item.append(`${span.type} [${span.start}, ${span.end}) "${covered}"`);
      if (!readOnly) {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = 'remove';
        remove.addEventListener('click', () => {
          spans = spans.filter((_, i) => i !== index);
          onChange(spans);
          render();
        });
        item.append(' ', remove);
      }
      list.append(item);
    });
    element.append(list);
    if (readOnly) return;

    const form = document.createElement('div');
    const number = (name) => {
      const input = document.createElement('input');
      input.type = 'number';
      input.min = '0';
      input.max = String(length);
      input.title = name;
      return input;
    };
    const start = number('start (code points)');
    const end = number('end (code points, exclusive)');
    const type = document.createElement('select');
    for (const t of types) {
      const option = document.createElement('option');
      option.value = t;
      option.textContent = t;
      type.append(option);
    }
    type.value = types[0] || '';
    const problem = document.createElement('span');
    const add = document.createElement('button');
    add.type = 'button';
    add.textContent = 'add span';
    add.addEventListener('click', () => {
      const s = Number(start.value);
      const e = Number(end.value);
      if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e <= s || e > length) {
        problem.textContent = ` need 0 <= start < end <= ${length}`;
        return;
      }
      spans = sortSpans([...spans, { start: s, end: e, type: type.value }], types);
      onChange(spans);
      render();
    });
    form.append('start ', start, ' end ', end, ' ', type, ' ', add, problem);
    element.append(form);
  };
  render();
}
