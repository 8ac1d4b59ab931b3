// The part of the DOM the built-in widgets use: createElement, append, replaceChildren,
// textContent, properties, and events that tests fire by hand.
class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.listeners = {};
  }
  append(...nodes) {
    for (const n of nodes) this.children.push(n);
  }
  replaceChildren(...nodes) {
    this.children = [...nodes];
  }
  set textContent(text) {
    this.children = [String(text)];
  }
  get textContent() {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  addEventListener(type, fn) {
    (this.listeners[type] ||= []).push(fn);
  }
  fire(type) {
    for (const fn of this.listeners[type] || []) fn({ target: this });
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
