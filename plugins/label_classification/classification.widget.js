// Review widget for `classification` labels: radio buttons (single class) or checkboxes
// (multi = true). Values follow the label type: a class name, or a list of class names in the
// order of `options.classes`. Uses only createElement, append and change events.
export function mount(element, { value, options, readOnly, onChange }) {
  element.replaceChildren();
  const classes = options.classes || [];
  const group = `classification-${Math.random().toString(36).slice(2)}`;
  const chosen = new Set(options.multi ? (Array.isArray(value) ? value : []) : [value]);
  const inputs = [];
  for (const cls of classes) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = options.multi ? 'checkbox' : 'radio';
    input.name = group;
    input.value = cls;
    input.checked = chosen.has(cls);
    input.disabled = Boolean(readOnly);
    input.addEventListener('change', () => {
      if (!options.multi) {
        onChange(cls);
        return;
      }
      onChange(inputs.filter((i) => i.checked).map((i) => i.value));
    });
    inputs.push(input);
    label.append(input, ` ${cls}`);
    element.append(label);
  }
}
