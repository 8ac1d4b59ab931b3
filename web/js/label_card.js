// One label of a task: its name and type, the state mark (auto = still the start label,
// edited, to do), its instructions one click away, the errors the server reported for it, and
// its editor: the label plugin's widget (an ES module served at /widgets/<name>.widget.js), or a
// JSON text box when the plugin ships none or its widget fails to load.
import { h, clone, same } from './dom.js';

const modules = new Map();

export function loadWidget(url) {
  if (!url) return Promise.resolve(null);
  if (!modules.has(url)) {
    modules.set(url, import(url).catch((e) => {
      console.warn(`widget ${url} failed to load`, e);
      return null;
    }));
  }
  return modules.get(url);
}

// Mounts a widget (or the JSON fallback) into `host`.
export async function mountEditor(host, { label, row, value, readOnly, onChange }) {
  const widget = await loadWidget(label.widget);
  host.replaceChildren();
  if (widget && typeof widget.mount === 'function') {
    try {
      widget.mount(host, { row, value: clone(value), options: label.options || {},
                           readOnly, onChange: (v) => onChange(clone(v)) });
      return;
    } catch (e) {
      host.replaceChildren(h('p.lf-error', `the ${label.type} widget failed: ${e.message}`));
    }
  }
  const area = h('textarea.lf-json', { rows: 3, readOnly, spellcheck: false,
                                        'aria-label': `${label.name} as JSON` });
  area.value = value === undefined ? '' : JSON.stringify(value);
  const problem = h('span.lf-error');
  area.addEventListener('input', () => {
    try {
      onChange(area.value.trim() === '' ? undefined : JSON.parse(area.value));
      problem.textContent = '';
    } catch (e) {
      problem.textContent = `not JSON yet: ${e.message}`;
    }
  });
  host.append(area, problem);
}

export class LabelCard {
  // label: {name, type, instructions, options, widget}; start: the start value (or undefined).
  constructor(label, row, start, onChange) {
    this.label = label;
    this.row = row;
    this.start = clone(start);
    this.value = clone(start);
    this.source = start === undefined ? null : 'auto';
    this.onChange = onChange;
    this.mark = h('span.lf-mark');
    this.errors = h('ul.lf-field-errors', { role: 'alert' });
    this.host = h('div.lf-editor', { tabIndex: 0, 'aria-label': `${label.name} editor` });
    const text = label.instructions ? h('p.lf-instructions', { hidden: true },
                                        label.instructions) : null;
    const help = text ? h('button.lf-help', {
      type: 'button', title: 'instructions', 'aria-expanded': 'false',
      onclick: (e) => {
        text.hidden = !text.hidden;
        e.currentTarget.setAttribute('aria-expanded', String(!text.hidden));
      } }, '?') : null;
    this.extra = h('div.lf-extra');
    this.element = h('section.lf-label', { dataset: { label: label.name } },
                     h('header', h('h3', label.name), h('span.lf-type', label.type), this.mark,
                       help),
                     text, this.extra, this.errors, this.host);
    this.paintMark();
  }

  mount() {
    return mountEditor(this.host, {
      label: this.label, row: this.row, value: this.value, readOnly: false,
      onChange: (v) => {
        this.value = v;
        this.source = same(v, this.start) && this.source === 'auto' ? 'auto' : 'edited';
        this.clearErrors();
        this.paintMark();
        this.onChange(this);
      },
    });
  }

  // Replaces the value (e.g. "use alice's") and re-mounts the editor.
  take(value, from) {
    this.value = clone(value);
    this.source = `from ${from}`;
    this.clearErrors();
    this.paintMark();
    this.onChange(this);
    return this.mount();
  }

  paintMark() {
    const s = this.value === undefined ? 'to do' : this.source || 'edited';
    this.mark.textContent = s;
    this.mark.className = `lf-mark lf-mark-${s.split(' ')[0].replace(' ', '-')}`;
    this.mark.title = s === 'auto' ? 'pre-filled from the start labels; not changed yet' : '';
  }

  showErrors(items) {
    this.errors.replaceChildren(...items.map((d) =>
      h('li', d.rest ? h('code', d.rest) : null, d.rest ? ' ' : null, d.message)));
    this.element.classList.toggle('lf-invalid', items.length > 0);
  }

  clearErrors() { this.showErrors([]); }
}
