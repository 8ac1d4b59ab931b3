// Review widget for `classification` labels: one button per class (toggle buttons when
// multi = true), the first nine with keyboard shortcuts 1-9 while the widget has focus.
// Values follow the label type: a class name, or a list of class names in the order of
// `options.classes`. Emits through onChange on every pick. Read-only (e.g. an earlier review
// in the adjudication view) shows only the chosen classes, so reviews compare at a glance.
export function mount(element, { value, options, readOnly, onChange }) {
  const classes = options.classes || [];
  const multi = Boolean(options.multi);
  const chosen = new Set(multi ? (Array.isArray(value) ? value : []) : [value]);
  const buttons = [];

  const pick = (cls) => {
    if (readOnly) return;
    if (multi) {
      if (chosen.has(cls)) chosen.delete(cls);
      else chosen.add(cls);
      onChange(classes.filter((c) => chosen.has(c)));
    } else {
      chosen.clear();
      chosen.add(cls);
      onChange(cls);
    }
    paint();
  };
  const paint = () => {
    for (const b of buttons) {
      b.setAttribute('aria-pressed', String(chosen.has(b.value)));
    }
  };

  element.replaceChildren();
  const group = document.createElement('div');
  group.className = 'lf-choices';
  group.setAttribute('role', multi ? 'group' : 'radiogroup');
  classes.forEach((cls, i) => {
    if (readOnly && !chosen.has(cls)) return;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'lf-choice';
    b.value = cls;
    b.disabled = Boolean(readOnly);
    if (i < 9 && !readOnly) {
      const key = document.createElement('kbd');
      key.textContent = String(i + 1);
      b.append(key, ' ');
      b.title = `key ${i + 1}`;
    }
    b.append(cls);
    b.addEventListener('click', () => pick(cls));
    buttons.push(b);
    group.append(b);
  });
  if (buttons.length === 0) {
    const none = document.createElement('span');
    none.className = 'lf-none';
    none.textContent = 'no class';
    group.append(none);
  }
  element.append(group);
  paint();

  if (!readOnly) {
    element.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const t = event.target && event.target.tagName;
      if (t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT') return;
      const n = Number(event.key);
      if (Number.isInteger(n) && n >= 1 && n <= Math.min(9, classes.length)) {
        event.preventDefault();
        pick(classes[n - 1]);
      }
    });
  }
}
