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

const pressed = (el) => el.all('button').filter((b) => b.getAttribute('aria-pressed') === 'true')
                               .map((b) => b.value);

await test('classification single: buttons with keys, pressed value, click and key emit', () => {
  const el = newRoot();
  const seen = [];
  classification.mount(el, { row: {}, value: 'neg',
                             options: { classes: ['pos', 'neg', 'mixed'], multi: false },
                             readOnly: false, onChange: (v) => seen.push(v) });
  const buttons = el.all('button');
  assert.deepEqual(buttons.map((b) => b.textContent), ['1 pos', '2 neg', '3 mixed']);
  assert.deepEqual(pressed(el), ['neg']);
  buttons[0].fire('click');
  assert.deepEqual(seen, ['pos']);
  assert.deepEqual(pressed(el), ['pos']);
  assert.equal(el.fire('keydown', { key: '3' }), true);
  assert.deepEqual(seen, ['pos', 'mixed']);
  assert.equal(el.fire('keydown', { key: '4' }), false);  // no fourth class
  assert.equal(el.fire('keydown', { key: '1', ctrlKey: true }), false);
  assert.deepEqual(seen, ['pos', 'mixed']);
});

await test('classification multi: toggles, emits classes in class order', () => {
  const el = newRoot();
  const seen = [];
  classification.mount(el, { value: ['c'], options: { classes: ['a', 'b', 'c'], multi: true },
                             readOnly: false, onChange: (v) => seen.push(v) });
  const [a, , c] = el.all('button');
  assert.deepEqual(pressed(el), ['c']);
  a.fire('click');
  assert.deepEqual(seen.at(-1), ['a', 'c']);
  c.fire('click');
  assert.deepEqual(seen.at(-1), ['a']);
  el.fire('keydown', { key: '2' });
  assert.deepEqual(seen.at(-1), ['a', 'b']);
});

await test('classification readOnly shows only the chosen classes, disabled, no keys', () => {
  const el = newRoot();
  classification.mount(el, { value: ['y'], options: { classes: ['x', 'y'], multi: true },
                             readOnly: true, onChange: () => assert.fail('no change expected') });
  const buttons = el.all('button');
  assert.deepEqual(buttons.map((b) => [b.textContent, b.disabled]), [['y', true]]);
  assert.deepEqual(pressed(el), ['y']);
  assert.equal(el.fire('keydown', { key: '1' }), false);
  const empty = newRoot();
  classification.mount(empty, { value: null, options: { classes: ['x'] }, readOnly: true,
                                onChange: () => assert.fail('no change expected') });
  assert.equal(empty.all('button').length, 0);
  assert.equal(empty.textContent, 'no class');
});

await test('rating scale points, decimal steps without rounding noise', () => {
  assert.deepEqual(rating.scalePoints({ min: 1, max: 5, step: 1 }), [1, 2, 3, 4, 5]);
  assert.deepEqual(rating.scalePoints({ min: 0, max: 0.3, step: 0.1 }), [0, 0.1, 0.2, 0.3]);
});

await test('rating single: buttons per point, current value pressed, click and keys emit', () => {
  const el = newRoot();
  const seen = [];
  rating.mount(el, { value: 4, options: { min: 1, max: 5, step: 1 }, readOnly: false,
                     onChange: (v) => seen.push(v) });
  assert.deepEqual(el.all('button').map((b) => b.value), ['1', '2', '3', '4', '5']);
  assert.deepEqual(pressed(el), ['4']);
  el.all('button')[1].fire('click');
  el.fire('keydown', { key: '5' });
  assert.deepEqual(seen, [2, 5]);
});

await test('rating readOnly: the chosen point per dimension only', () => {
  const el = newRoot();
  rating.mount(el, { value: { f: 2 }, options: { min: 1, max: 3, step: 1, dimensions: ['f', 'a'] },
                     readOnly: true, onChange: () => assert.fail('read-only') });
  assert.deepEqual(el.all('button').map((b) => b.value), ['2']);
  assert.equal(el.textContent, 'f2anot rated');
});

await test('rating dimensions: keys walk the dimensions; emits once every one is set', () => {
  const el = newRoot();
  const seen = [];
  rating.mount(el, { value: null, options: { min: 1, max: 3, step: 1, dimensions: ['f', 'a'] },
                     readOnly: false, onChange: (v) => seen.push(v) });
  el.fire('keydown', { key: '3' });
  assert.deepEqual(seen, []);
  el.fire('keydown', { key: '1' });
  assert.deepEqual(seen, [{ f: 3, a: 1 }]);
  el.fire('keydown', { key: 'ArrowDown' });  // wraps to f
  el.fire('keydown', { key: '2' });
  assert.deepEqual(seen.at(-1), { f: 2, a: 1 });
});

await test('ner: code points vs UTF-16, grapheme snapping of selections', () => {
  const text = 'Hi \u{1F469}\u200D\u{1F467} met \u6771\u4EAC e\u0301t\u00e9';
  assert.equal(ner.coveredText(text, 3, 6), '\u{1F469}\u200D\u{1F467}');
  assert.equal(ner.toCodePoints(text, 3), 3);
  assert.equal(ner.toCodePoints(text, 8), 6);  // after the ZWJ sequence (5 UTF-16 units)
  assert.equal(ner.toUtf16(text, 6), 8);
  // From the space before the emoji to inside the second emoji's surrogate pair: the whole
  // ZWJ sequence, without the space.
  assert.deepEqual(ner.snapSelection(text, 2, 7), { start: 3, end: 6 });
  // Backwards selections and CJK text.
  const tokyo = text.indexOf('\u6771');
  assert.deepEqual(ner.snapSelection(text, tokyo + 2, tokyo), { start: 11, end: 13 });
  // A combining accent is never cut from its letter.
  const e = text.indexOf('e\u0301');
  assert.deepEqual(ner.snapSelection(text, e, e + 1), { start: 14, end: 16 });
  assert.equal(ner.snapSelection(text, 2, 3), null);  // only white space
});

await test('ner read-only: highlights and span list with covered text, no buttons', () => {
  const text = 'Hi \u{1F469}\u200D\u{1F467} met \u6771\u4EAC';
  const el = newRoot();
  ner.mount(el, { row: { response: text },
                  value: [{ start: 11, end: 13, type: 'LOC', text: 'ignored' }],
                  options: { entity_types: ['PER', 'LOC'], field: 'response' },
                  readOnly: true, onChange: () => assert.fail('read-only') });
  const items = el.all('li');
  assert.equal(items.length, 1);
  assert.equal(items[0].textContent, 'LOC \u6771\u4EAC [11, 13)');
  const [mark] = el.all('mark');
  assert.equal(mark.textContent, '\u6771\u4EAC');
  assert.equal(el.all('button').length, 0);
});

await test('ner: remove emits the other spans; type keys arm a type', () => {
  const text = 'Alice met Bob';
  const el = newRoot();
  const seen = [];
  ner.mount(el, { row: { context: text },
                  value: [{ start: 10, end: 13, type: 'PER' }, { start: 0, end: 5, type: 'PER' }],
                  options: { entity_types: ['PER', 'LOC'], field: 'context' },
                  readOnly: false, onChange: (v) => seen.push(v) });
  assert.deepEqual(el.all('mark').map((m) => m.textContent), ['Alice', 'Bob']);
  const remove = el.all('button').filter((b) => b.className === 'lf-remove');
  assert.equal(remove.length, 2);
  remove[0].fire('click');  // the list is sorted: Alice first
  assert.deepEqual(seen.at(-1), [{ start: 10, end: 13, type: 'PER' }]);
  assert.equal(el.fire('keydown', { key: '2' }), true);
  const loc = el.all('button').find((b) => b.value === 'LOC');
  assert.equal(loc.getAttribute('aria-pressed'), 'true');
});

console.log(results.join('\n'));
