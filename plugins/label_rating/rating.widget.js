// Review widget for `rating` labels: a row of buttons with the scale points (min, min + step,
// ..., max), one row per dimension. While the widget has focus, keys 1-9 pick the n-th scale
// point of the current dimension and move on to the next one. Emits a number, or an object
// {dimension: number} once every dimension has a value (an incomplete object would not
// validate). Read-only shows just the chosen point per dimension.
export function scalePoints(options) {
  const count = Math.round((options.max - options.min) / options.step) + 1;
  const points = [];
  for (let i = 0; i < count; i += 1) {
    // Rounded to 10 decimals so that 0.1-steps do not print as 0.30000000000000004.
    const point = Number((options.min + i * options.step).toFixed(10));
    points.push(i === count - 1 ? options.max : point);
  }
  return points;
}

export function mount(element, { value, options, readOnly, onChange }) {
  const points = scalePoints(options);
  const dimensions = options.dimensions || [];
  const named = dimensions.length > 0;
  const keys = named ? dimensions : [''];
  const current = {};
  if (named && value && typeof value === 'object') Object.assign(current, value);
  if (!named && typeof value === 'number') current[''] = value;
  let active = 0;
  const rows = [];

  const emit = () => {
    if (!named) {
      onChange(current['']);
      return;
    }
    if (dimensions.every((d) => typeof current[d] === 'number')) {
      const out = {};
      for (const d of dimensions) out[d] = current[d];
      onChange(out);
    }
  };
  const paint = () => {
    rows.forEach(({ row, buttons }, i) => {
      row.classList.toggle('lf-active', !readOnly && named && i === active);
      for (const b of buttons) {
        b.setAttribute('aria-pressed', String(current[keys[i]] === Number(b.value)));
      }
    });
  };
  const pick = (i, point) => {
    if (readOnly) return;
    current[keys[i]] = point;
    active = Math.min(i + 1, keys.length - 1);
    emit();
    paint();
  };

  element.replaceChildren();
  keys.forEach((key, i) => {
    const row = document.createElement('div');
    row.className = 'lf-scale';
    if (named) {
      const name = document.createElement('span');
      name.className = 'lf-scale-name';
      name.textContent = key;
      row.append(name);
    }
    const shown = readOnly ? points.filter((p) => p === current[key]) : points;
    if (shown.length === 0) {
      const none = document.createElement('span');
      none.className = 'lf-none';
      none.textContent = 'not rated';
      row.append(none);
    }
    const buttons = shown.map((p, n) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'lf-choice';
      b.value = String(p);
      b.textContent = String(p);
      b.disabled = Boolean(readOnly);
      if (n < 9 && !readOnly) b.title = `key ${n + 1}`;
      b.addEventListener('click', () => pick(i, p));
      row.append(b);
      return b;
    });
    rows.push({ row, buttons });
    element.append(row);
  });
  paint();

  if (!readOnly) {
    element.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const t = event.target && event.target.tagName;
      if (t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT') return;
      const n = Number(event.key);
      if (Number.isInteger(n) && n >= 1 && n <= Math.min(9, points.length)) {
        event.preventDefault();
        pick(active, points[n - 1]);
      } else if (named && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        active = (active + (event.key === 'ArrowDown' ? 1 : keys.length - 1)) % keys.length;
        paint();
      }
    });
  }
}
