// Review widget for `rating` labels: one drop-down of scale points (min, min + step, ..., max),
// or one per dimension. Emits a number, or an object {dimension: number} once every dimension
// has a value (an incomplete object would not validate).
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

function select(points, current, readOnly, onPick) {
  const box = document.createElement('select');
  const empty = document.createElement('option');
  empty.value = '';
  empty.textContent = '-';
  box.append(empty);
  for (const p of points) {
    const option = document.createElement('option');
    option.value = String(p);
    option.textContent = String(p);
    box.append(option);
  }
  box.value = typeof current === 'number' ? String(current) : '';
  box.disabled = Boolean(readOnly);
  box.addEventListener('change', () => onPick(box.value === '' ? null : Number(box.value)));
  return box;
}

export function mount(element, { value, options, readOnly, onChange }) {
  element.replaceChildren();
  const points = scalePoints(options);
  const dimensions = options.dimensions || [];
  if (dimensions.length === 0) {
    element.append(select(points, value, readOnly, (v) => onChange(v)));
    return;
  }
  const current = value && typeof value === 'object' ? { ...value } : {};
  for (const name of dimensions) {
    const label = document.createElement('label');
    label.append(`${name} `,
                 select(points, current[name], readOnly, (v) => {
                   if (v === null) delete current[name];
                   else current[name] = v;
                   if (dimensions.every((d) => typeof current[d] === 'number')) {
                     const out = {};
                     for (const d of dimensions) out[d] = current[d];
                     onChange(out);
                   }
                 }));
    element.append(label);
  }
}
