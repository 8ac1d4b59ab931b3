// Browser test of the reviewer UI (web/) against a real labelflowd: sign-in, labeling with all
// three built-in label types (an NER span over an emoji ZWJ sequence and CJK text, marked by
// selecting text), a 422 mapped to its label, submit, adjudication of a disagreement, the week's
// figures and feedback from GET /v1/me, the configured skip reasons, a lost lease (409) with the
// typed work shown, and 401s. Headless Debian chromium driven by
// playwright-core; nothing but 127.0.0.1 is contacted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { Daemon, token } from './daemon.mjs';

const kResponse =
    'Ada \u{1F469}\u200D\u{1F467} moved to \u6771\u4EAC in 2019 and joined Acme Corp.';
const kRows = {
  demo: [{
    id: 'web-1',
    context: 'The service restarts with:\n```sh\nsystemctl restart app\n' +
             '    --now  # indented\n```\nThen check the logs.',
    query: 'Summarise who moved where.',
    response: kResponse,
    auto_labels: { intent: 'open_qa', entities: [] },
    metadata: { domain: 'technical' },
  }],
  // Imported later, to check that a waiting reviewer gets it and can skip it.
  'demo/later': [{ id: 'skip-1', context: '', query: 'Wie spät ist es?', response: 'Es ist 5.',
                   auto_labels: {}, metadata: { domain: 'general' } }],
  lease: [{ id: 'lease-1', context: '', query: 'Say hello', response: 'Hello there.',
            auto_labels: {}, metadata: { domain: 'general' } }],
};

// Code-point offsets of `part` in kResponse.
const cp = (part) => {
  const at = kResponse.indexOf(part);
  return { start: Array.from(kResponse.slice(0, at)).length,
           end: Array.from(kResponse.slice(0, at + part.length)).length };
};

const steps = [];
async function step(name, fn) {
  const t0 = Date.now();
  await fn();
  steps.push(`ok   ${name} (${Date.now() - t0} ms)`);
  console.log(steps.at(-1));
}

// Selects UTF-16 [a, b) of the NER text of `label` (a Range over the text nodes, as a mouse
// drag would make) and releases the mouse there.
async function selectNer(page, label, a, b) {
  await page.evaluate(({ label, a, b }) => {
    const box = document.querySelector(`[data-label="${label}"] .lf-editor .lf-ner-text`);
    box.closest('.lf-editor').focus();  // as the mouse press would
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.data.length;
      if (a >= seen && a <= seen + len) range.setStart(n, a - seen);
      if (b >= seen && b <= seen + len) { range.setEnd(n, b - seen); break; }
      seen += len;
    }
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    box.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, { label, a, b });
}

async function signIn(page, base, who, projectName) {
  await page.goto(base + '/');
  await page.fill('#token', token(who));
  await page.click('form.lf-signin button[type=submit]');
  await page.click(`.lf-projects button:has-text("${projectName}")`);
}

export async function run(args) {
  const [labelflowd, sourceDir] = args;
  const shotsAt = args.indexOf('--screenshots');
  const shots = shotsAt >= 0 ? args[shotsAt + 1] :
                               fs.mkdtempSync(path.join(os.tmpdir(), 'lf-shots-'));
  const daemon = new Daemon(labelflowd, sourceDir, kRows);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'labelflow-chromium-'));
  let context;
  try {
    await daemon.start();
    await daemon.importRows('demo');
    await daemon.importRows('lease');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 1000 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: daemon.base });
    const errors = [];
    const alice = await context.newPage();
    alice.on('pageerror', (e) => errors.push(`alice: ${e.message}`));
    await scenarios(daemon, alice, context, shots, errors);
    assert.deepEqual(errors, [], 'no uncaught errors in the pages');
    console.log(`web test: all ${steps.length} steps passed; screenshots in ${shots}`);
    return 0;
  } catch (e) {
    console.error(`FAIL after: ${steps.at(-1) || 'nothing'}\n${e.stack}\n--- labelflowd log ---\n` +
                  (daemon.log || '').slice(-4000));
    return 1;
  } finally {
    if (context) await context.close();
    daemon.stop();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function scenarios(daemon, alice, context, shots, errors) {
  const base = daemon.base;
  const card = (page, label) => page.locator(`[data-label="${label}"]`).first();

  await step('a wrong token is refused in plain words', async () => {
    await alice.goto(base + '/');
    await alice.fill('#token', 'not-a-valid-token-at-all');
    await alice.click('form.lf-signin button[type=submit]');
    await alice.locator('.lf-signin .lf-error', { hasText: 'not accepted' }).waitFor();
    assert.equal(await alice.evaluate(() => sessionStorage.getItem('labelflow.token')), null);
  });

  await step('sign in, pick the project, the task opens with its row and start labels',
             async () => {
    await signIn(alice, base, 'alice', 'Dolly demo');
    await alice.locator('article.lf-task[data-task]').waitFor();
    assert.equal(await alice.evaluate(() => localStorage.length), 0, 'nothing in localStorage');
    assert.equal(await alice.locator('.lf-response .lf-prose').textContent(), kResponse);
    const code = await alice.locator('.lf-context pre.lf-code').textContent();
    assert.equal(code, 'systemctl restart app\n    --now  # indented\n');
    const font = await alice.locator('.lf-context pre.lf-code').evaluate(
      (el) => getComputedStyle(el).fontFamily);
    assert.match(font, /mono/i);
    assert.equal(await card(alice, 'intent').locator('.lf-mark').textContent(), 'auto');
    assert.equal(await card(alice, 'quality').locator('.lf-mark').textContent(), 'to do');
    const help = card(alice, 'intent').locator('.lf-instructions');
    assert.equal(await help.isVisible(), false);
    await card(alice, 'intent').locator('button.lf-help').click();
    await help.filter({ hasText: 'Pick exactly one category' }).waitFor();
  });

  await step('classification by key 2, NER by selection (emoji ZWJ, CJK, double-click)',
             async () => {
    await card(alice, 'intent').locator('.lf-editor').focus();
    await alice.keyboard.press('2');
    assert.equal(await card(alice, 'intent').locator('.lf-mark').textContent(), 'edited');
    assert.equal(await card(alice, 'intent')
      .locator('button[aria-pressed=true]').getAttribute('value'), 'general_qa');
    // From the space before the emoji to the middle of the girl's surrogate pair: snapped to
    // the whole ZWJ sequence and trimmed of the space; PERSON is key 2.
    const emoji = kResponse.indexOf('\u{1F469}');
    await selectNer(alice, 'entities', emoji - 1, emoji + 4);
    await alice.keyboard.press('2');
    // The type first (LOCATION, key 3), then the selection of the CJK name.
    const tokyo = kResponse.indexOf('\u6771');
    await alice.keyboard.press('3');
    await selectNer(alice, 'entities', tokyo, tokyo + 2);
    await alice.keyboard.press('Escape');
    // A real double-click on "Acme", then ORG (key 1).
    const box = await alice.evaluate((at) => {
      const el = document.querySelector('[data-label="entities"] .lf-ner-text');
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (at >= seen && at + 4 <= seen + n.data.length) {
          const r = document.createRange();
          r.setStart(n, at - seen);
          r.setEnd(n, at - seen + 4);
          const b = r.getBoundingClientRect();
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
        seen += n.data.length;
      }
      return null;
    }, kResponse.indexOf('Acme'));
    await alice.mouse.dblclick(box.x, box.y);
    await alice.keyboard.press('1');
    const spans = await card(alice, 'entities').locator('.lf-ner-spans li').allTextContents();
    assert.deepEqual(spans.map((s) => s.replace(/\u00d7$/, '').trim()), [
      `PERSON \u{1F469}\u200D\u{1F467} [4, 7)`,
      `LOCATION \u6771\u4EAC [${cp('\u6771\u4EAC').start}, ${cp('\u6771\u4EAC').end})`,
      `ORG Acme [${cp('Acme').start}, ${cp('Acme').end})`]);
    assert.equal(await card(alice, 'entities').locator('mark.lf-ent').count(), 3);
    // The label refuses overlaps: "Ada" plus the emoji is not added, and the widget says why.
    await selectNer(alice, 'entities', 0, emoji + 2);
    await alice.keyboard.press('1');
    await card(alice, 'entities').locator('.lf-ner-hint', { hasText: 'overlaps PERSON' }).waitFor();
    await alice.keyboard.press('Escape');
    assert.equal(await card(alice, 'entities').locator('.lf-ner-spans li').count(), 3);
    assert.equal(await card(alice, 'entities').locator('mark.lf-pending').count(), 0);
  });

  await step('submitting without a rating: the 422 is shown on the quality label', async () => {
    await alice.keyboard.press('Control+Enter');
    await card(alice, 'quality').locator('.lf-field-errors li',
                                         { hasText: 'is required' }).waitFor();
    assert.ok(await card(alice, 'quality').evaluate((el) => el.classList.contains('lf-invalid')));
    await alice.locator('.lf-message', { hasText: 'quality' }).waitFor();
  });

  await step('rating per dimension by keys, screenshot, Ctrl+Enter submits', async () => {
    await card(alice, 'quality').locator('.lf-editor').focus();
    await alice.keyboard.press('4');
    await alice.keyboard.press('5');
    assert.equal(await card(alice, 'quality').locator('.lf-mark').textContent(), 'edited');
    assert.equal(await alice.locator('.lf-invalid').count(), 0);
    await alice.screenshot({ path: path.join(shots, 'labeling.png') });
    await alice.keyboard.press('Control+Enter');
    await alice.locator('.lf-notice', { hasText: 'Submitted row web-1' }).waitFor();
    await alice.locator('.lf-empty').waitFor();  // the only row; alice may not review it twice
    const row = await daemon.expect(200, 'GET', '/v1/projects/demo/rows/web-1', 'admin');
    const mine = row.reviews.find((r) => r.reviewer === 'alice');
    assert.deepEqual(mine.labels, {
      intent: 'general_qa',
      entities: [{ start: 4, end: 7, type: 'PERSON' }, { ...cp('\u6771\u4EAC'), type: 'LOCATION' },
                 { ...cp('Acme'), type: 'ORG' }],
      quality: { helpfulness: 4, correctness: 5 },
    });
  });

  await step('a second review disagrees; the QA reviewer adjudicates in the browser', async () => {
    const task = await daemon.expect(200, 'POST', '/v1/projects/demo/tasks/next', 'bob', {});
    await daemon.expect(200, 'POST', `/v1/tasks/${task.task}/submit`, 'bob', {
      labels: { intent: 'open_qa', entities: [{ start: 4, end: 7, type: 'PERSON' }],
                quality: { helpfulness: 3, correctness: 5 } }, active_seconds: 30 });
    const grace = await context.newPage();
    await grace.setViewportSize({ width: 1400, height: 1450 });
    grace.on('pageerror', (e) => errors.push(`grace: ${e.message}`));
    await signIn(grace, base, 'grace', 'Dolly demo');
    await grace.locator('article.lf-adjudicate').waitFor();
    const intent = card(grace, 'intent');
    assert.equal(await intent.locator('.lf-review').count(), 2);
    assert.ok(await intent.evaluate((el) => el.classList.contains('lf-disagree')));
    await intent.locator('.lf-score', { hasText: 'agreement 0 %' }).waitFor();
    assert.equal(await intent.locator('.lf-review.lf-differs').count(), 2);
    assert.ok(await grace.locator('.lf-review:has(b:text-is("alice")) .lf-expert').count() >= 1,
              'alice is the expert for the technical row');
    await card(grace, 'entities').locator('.lf-diff li', { hasText: 'only alice' }).waitFor();
    await intent.locator('button.lf-take', { hasText: "use bob's" }).click();
    assert.equal(await intent.locator('.lf-mark').textContent(), 'from bob');
    await card(grace, 'entities').locator('button.lf-take', { hasText: "use alice's" }).click();
    await card(grace, 'quality').locator('button.lf-take', { hasText: "use bob's" }).click();
    await grace.fill('textarea.lf-comment',
                     'Mentions of a place count as LOCATION; intent is open_qa.');
    await grace.screenshot({ path: path.join(shots, 'adjudication.png') });
    await grace.keyboard.press('Control+Enter');
    await grace.locator('.lf-notice', { hasText: 'Submitted row web-1' }).waitFor();
    const row = await daemon.expect(200, 'GET', '/v1/projects/demo/rows/web-1', 'admin');
    const qa = row.reviews.find((r) => r.reviewer === 'grace');
    assert.equal(qa.labels.intent, 'open_qa');
    assert.equal(qa.labels.entities.length, 3);
    assert.equal(qa.comment, 'Mentions of a place count as LOCATION; intent is open_qa.');
    await grace.close();
    // The non-expert QA decision on a technical row goes to an expert (escalation); once that
    // is in, the row is final and its reviews visible to the reviewers who worked on it.
    const esc = await daemon.expect(200, 'POST', '/v1/projects/demo/tasks/next', 'dave', {});
    assert.equal(esc.row.id, 'web-1');
    await daemon.expect(200, 'POST', `/v1/tasks/${esc.task}/submit`, 'dave',
                        { labels: qa.labels });
    const done = await daemon.expect(200, 'GET', '/v1/projects/demo/rows/web-1', 'admin');
    assert.equal(done.state.status, 'final');
  });

  await step('the reviewer sees the feedback in the panel', async () => {
    await alice.reload();
    await alice.locator('.lf-feedback summary', { hasText: 'Feedback (1)' }).click();
    await alice.locator('.lf-feedback li', { hasText: 'count as LOCATION' }).waitFor();
    await alice.locator('.lf-panel', { hasText: 'Alice Martin' }).waitFor();
    // This week's figures are the daemon's (GET /v1/me, the weekly report's code).
    const me = await daemon.expect(200, 'GET', '/v1/me', 'alice');
    assert.equal(me.reviewer.id, 'alice');
    assert.equal(me.week.rows, 1);
    assert.equal(me.feedback[0].from, 'grace');
    const figures = await alice.locator('.lf-week-figures').textContent();
    assert.equal(figures,
                 ` ${me.week.week}: 1 rows · ${me.week.hours.toFixed(2)} h of 10 h minimum`);
    await alice.locator('.lf-week .lf-unmet', { hasText: 'h to go' }).waitFor();
  });

  await step('a row imported later is offered; skipping it with a reason', async () => {
    await alice.locator('.lf-empty').waitFor();
    await daemon.importRows('demo', 'later');
    await alice.click('.lf-empty button:has-text("Check now")');
    await alice.locator('article.lf-task[data-task]').waitFor();
    await alice.locator('.lf-meta', { hasText: 'row skip-1' }).waitFor();
    // The task lists the project's skip reasons (the daemon's copy of
    // configs/projects/demo.toml): the dialog offers exactly those, nothing free-form.
    const toml = fs.readFileSync(path.join(daemon.root, 'projects/demo.toml'), 'utf8');
    const configured = JSON.parse(/^skip_reasons\s*=\s*(\[.*\])/m.exec(toml)[1]);
    assert.ok(configured.includes('not_english'));
    const offered = await alice.locator('select.lf-reason option').evaluateAll(
      (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(offered, configured);
    assert.equal(await alice.locator('input.lf-reason').count(), 0);
    await alice.selectOption('select.lf-reason', 'not_english');
    await alice.click('button:text-is("Skip")');
    await alice.locator('.lf-notice', { hasText: 'Skipped row skip-1' }).waitFor();
  });

  await step('a lease taken over: 409 shown with the typed work to copy', async () => {
    await alice.route('**/heartbeat', (r) => r.abort());  // let the 10 s lease run out
    await alice.click('#bar button:has-text("Projects")');
    await alice.click('.lf-projects button:has-text("Lease test")');
    await alice.locator('article.lf-task').waitFor();
    await card(alice, 'intent').locator('.lf-editor').focus();
    await alice.keyboard.press('3');
    await alice.fill('textarea.lf-comment', 'greeting');
    await new Promise((r) => setTimeout(r, 10500));
    for (const who of ['bob', 'frank']) {
      const t = await daemon.expect(200, 'POST', '/v1/projects/lease/tasks/next', who, {});
      assert.equal(t.row.id, 'lease-1');
    }
    await alice.keyboard.press('Control+Enter');
    const lost = alice.locator('.lf-lease-lost');
    await lost.locator('h3', { hasText: 'Another reviewer took this task' }).waitFor();
    const work = JSON.parse(await lost.locator('textarea').inputValue());
    assert.equal(work.labels.intent, 'classification');
    assert.equal(work.comment, 'greeting');
    await lost.locator('button', { hasText: 'Copy my work' }).click();
    await lost.locator('.lf-copied', { hasText: /copied|by hand/ }).waitFor();
    await alice.unroute('**/heartbeat');
  });

  await step('a token no longer accepted sends the reviewer back to sign-in', async () => {
    await alice.evaluate(() => sessionStorage.setItem('labelflow.token',
                                                      'revoked-token-0123456789'));
    await alice.reload();
    await alice.locator('.lf-signin .lf-error', { hasText: 'no longer accepted' }).waitFor();
  });
}
