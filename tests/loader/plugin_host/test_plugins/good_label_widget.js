// Test widget for the loader tests: only its presence beside good_label.so matters.
export function mount(element, { value }) {
  element.textContent = JSON.stringify(value);
}
