// The part of the DOM the built-in widgets use: createElement, append, replaceChildren,
// textContent, attributes, classList, style properties, dataset, and events that tests fire
// by hand (fire(type, {key}) for key presses). Selections (NER marking by mouse) are not
// modelled here: the browser test (tests/runtime/web) covers them in Chromium.
class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.listeners = {};
    this.attributes = {};
    this.dataset = {};
    this.className = '';
    const props = {};
    this.style = { setProperty: (k, v) => { props[k] = v; }, props };
    const classes = () => new Set(this.className.split(' ').filter(Boolean));
    this.classList = {
      add: (c) => { this.className = [...classes().add(c)].join(' '); },
      contains: (c) => classes().has(c),
      toggle: (c, on) => {
        const s = classes();
        if (on ?? !s.has(c)) s.add(c);
        else s.delete(c);
        this.className = [...s].join(' ');
      },
    };
  }
  append(...nodes) {
    for (const n of nodes) this.children.push(n);
  }
  replaceChildren(...nodes) {
    this.children = [...nodes];
  }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return this.attributes[name] ?? null; }
  set textContent(text) {
    this.children = [String(text)];
  }
  get textContent() {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  addEventListener(type, fn) {
    (this.listeners[type] ||= []).push(fn);
  }
  // Returns true when a listener called preventDefault().
  fire(type, props = {}) {
    let prevented = false;
    const event = { target: this, preventDefault: () => { prevented = true; }, ...props };
    for (const fn of this.listeners[type] || []) fn(event);
    return prevented;
  }
  // Every descendant element with the tag, in document order.
  all(tag) {
    const out = [];
    for (const c of this.children) {
      if (typeof c === 'string') continue;
      if (c.tagName === tag.toUpperCase()) out.push(c);
      out.push(...c.all(tag));
    }
    return out;
  }
}

export function installFakeDom() {
  globalThis.document = { createElement: (tag) => new FakeElement(tag) };
  return () => new FakeElement('div');
}
