// Review widget for the `sentiment` label: three radio buttons. An ES module loaded by the
// review UI; mount() is called once per label and returns nothing.
export function mount(element, { row, value, options, readOnly, onChange }) {
  void row;
  element.replaceChildren();
  for (const cls of options.classes) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = `sentiment-${Math.random().toString(36).slice(2)}`;
    input.value = cls;
    input.checked = value === cls;
    input.disabled = readOnly;
    input.addEventListener('change', () => onChange(cls));
    label.append(input, ` ${cls}`);
    element.append(label);
  }
}
