// Tests of classification.widget.js, rating.widget.js and ner.widget.js: what they render
// from a value and what they emit through onChange. Run: node widgets_test.mjs <plugins dir>.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { installFakeDom } from './fake_dom.mjs';

const root = process.argv[2];
const load = (file) => import(pathToFileURL(path.join(root, file)).href);
const newRoot = installFakeDom();
const results = [];
const test = async (name, fn) => {
  try {
    await fn();
    results.push(`ok   ${name}`);
  } catch (e) {
    results.push(`FAIL ${name}\n${e.stack}`);
    process.exitCode = 1;
  }
};

const classification = await load('label_classification/classification.widget.js');
const rating = await load('label_rating/rating.widget.js');
const ner = await load('label_ner/ner.widget.js');

await test('classification single: radios, checked value, emits the class', () => {
  const el = newRoot();
  const seen = [];
  classification.mount(el, { row: {}, value: 'neg',
                             options: { classes: ['pos', 'neg'], multi: false },
                             readOnly: false, onChange: (v) => seen.push(v) });
  const inputs = el.all('input');
  assert.deepEqual(inputs.map((i) => [i.type, i.value, i.checked]),
                   [['radio', 'pos', false], ['radio', 'neg', true]]);
  inputs[0].fire('change');
  assert.deepEqual(seen, ['pos']);
});

await test('classification multi: checkboxes, emits classes in class order', () => {
  const el = newRoot();
  const seen = [];
  classification.mount(el, { value: ['c'], options: { classes: ['a', 'b', 'c'], multi: true },
                             readOnly: false, onChange: (v) => seen.push(v) });
  const [a, b, c] = el.all('input');
  assert.equal(c.checked, true);
  a.checked = true;
  a.fire('change');
  assert.deepEqual(seen.at(-1), ['a', 'c']);
  c.checked = false;
  c.fire('change');
  assert.deepEqual(seen.at(-1), ['a']);
  assert.equal(b.type, 'checkbox');
});

await test('classification readOnly disables inputs; null value checks nothing', () => {
  const el = newRoot();
  classification.mount(el, { value: null, options: { classes: ['x'] }, readOnly: true,
                             onChange: () => assert.fail('no change expected') });
  const [x] = el.all('input');
  assert.equal(x.disabled, true);
  assert.equal(x.checked, false);
});

await test('rating scale points, decimal steps without rounding noise', () => {
  assert.deepEqual(rating.scalePoints({ min: 1, max: 5, step: 1 }), [1, 2, 3, 4, 5]);
  assert.deepEqual(rating.scalePoints({ min: 0, max: 0.3, step: 0.1 }), [0, 0.1, 0.2, 0.3]);
});

await test('rating single: select with current value, emits numbers', () => {
  const el = newRoot();
  const seen = [];
  rating.mount(el, { value: 4, options: { min: 1, max: 5, step: 1 }, readOnly: false,
                     onChange: (v) => seen.push(v) });
  const [box] = el.all('select');
  assert.equal(box.value, '4');
  assert.deepEqual(box.all('option').map((o) => o.value), ['', '1', '2', '3', '4', '5']);
  box.value = '2';
  box.fire('change');
  assert.deepEqual(seen, [2]);
});

await test('rating dimensions: emits the object once every dimension is set', () => {
  const el = newRoot();
  const seen = [];
  rating.mount(el, { value: null, options: { min: 1, max: 3, step: 1, dimensions: ['f', 'a'] },
                     readOnly: false, onChange: (v) => seen.push(v) });
  const [f, a] = el.all('select');
  f.value = '3';
  f.fire('change');
  assert.deepEqual(seen, []);
  a.value = '1';
  a.fire('change');
  assert.deepEqual(seen, [{ f: 3, a: 1 }]);
});

await test('ner: code-point offsets for emoji, spans listed with covered text', () => {
  const text = 'Hi \u{1F469}\u200D\u{1F467} met \u6771\u4EAC';
  assert.equal(ner.coveredText(text, 3, 6), '\u{1F469}\u200D\u{1F467}');
  assert.equal(ner.coveredText(text, 11, 13), '\u6771\u4EAC');
  const el = newRoot();
  ner.mount(el, { row: { response: text },
                  value: [{ start: 11, end: 13, type: 'LOC', text: 'ignored' }],
                  options: { entity_types: ['PER', 'LOC'], field: 'response' },
                  readOnly: true, onChange: () => assert.fail('read-only') });
  const items = el.all('li');
  assert.equal(items.length, 1);
  assert.equal(items[0].textContent, 'LOC [11, 13) "\u6771\u4EAC"');
  assert.equal(el.all('button').length, 0);
});

await test('ner: add checks bounds, keeps spans sorted; remove emits the rest', () => {
  const text = 'Alice met Bob';
  const el = newRoot();
  const seen = [];
  ner.mount(el, { row: { context: text }, value: [{ start: 10, end: 13, type: 'PER' }],
                  options: { entity_types: ['PER', 'LOC'], field: 'context' },
                  readOnly: false, onChange: (v) => seen.push(v) });
  let [start, end] = el.all('input');
  let add = el.all('button').find((b) => b.textContent === 'add span');
  start.value = '5';
  end.value = '20';
  add.fire('click');
  assert.deepEqual(seen, []);  // beyond the 13 code points
  start.value = '0';
  end.value = '5';
  add.fire('click');
  assert.deepEqual(seen.at(-1),
                   [{ start: 0, end: 5, type: 'PER' }, { start: 10, end: 13, type: 'PER' }]);
  const remove = el.all('button').find((b) => b.textContent === 'remove');
  remove.fire('click');
  assert.deepEqual(seen.at(-1), [{ start: 10, end: 13, type: 'PER' }]);
});

console.log(results.join('\n'));
