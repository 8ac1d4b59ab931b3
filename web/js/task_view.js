// One open task: the row, one LabelCard per label (plus the earlier reviews when the stage
// adjudicates), comment, skip and submit. Keeps the lease alive with heartbeats, counts the
// seconds the page is visible as active time, and turns every server error into words next
// to its cause. Ctrl+Enter submits; Alt+Down / Alt+Up move between labels.
import { h, copyText } from './dom.js';
import { labelOfPointer } from './api.js';
import { LabelCard } from './label_card.js';
import { renderReviews } from './adjudication.js';
import { renderRow } from './text_view.js';

// The label list: the task's `schema` when the daemon sends it, else one entry per widget or
// start label (type unknown).
function schemaOf(task) {
  if (Array.isArray(task.schema) && task.schema.length) return task.schema;
  const names = new Set([...Object.keys(task.widgets || {}), ...Object.keys(task.labels || {})]);
  return [...names].map((name) => ({ name, type: '', widget: (task.widgets || {})[name],
                                     options: {} }));
}

export class TaskView {
  // hooks: {api, onDone(result), onUnauthorized(message, draft), onFinished()}
  constructor(task, hooks) {
    this.task = task;
    this.hooks = hooks;
    this.api = hooks.api;
    this.closed = false;
    this.active = 0;
    const adjudicate = task.kind === 'adjudicate' || Array.isArray(task.reviews);
    this.cards = schemaOf(task).map((label) =>
      new LabelCard(label, task.row, (task.labels || {})[label.name], () => this.touched()));
    if (adjudicate) for (const c of this.cards) renderReviews(c, task);

    this.comment = h('textarea.lf-comment', {
      rows: 2, placeholder: adjudicate ? 'feedback to the reviewers (optional)' :
                                         'comment (optional)',
      'aria-label': adjudicate ? 'feedback to the reviewers' : 'comment' });
    this.message = h('div.lf-message', { role: 'alert' });
    this.submitButton = h('button.lf-primary', { type: 'button', onclick: () => this.submit(),
                                                 title: 'Ctrl+Enter' },
                          'Submit ', h('kbd', 'Ctrl'), '+', h('kbd', 'Enter'));
    this.reason = this.reasonPicker(task.skip_reasons);
    this.skipButton = h('button', { type: 'button', onclick: () => this.skip() }, 'Skip');
    const meta = h('div.lf-meta',
                   h('span.lf-stage', adjudicate ? `adjudicate · ${task.stage}` : task.stage),
                   h('span', `row ${task.row.id}`),
                   (task.row.domains || []).length ?
                       h('span', `domain ${task.row.domains.join(', ')}`) : null,
                   h('span', `task ${task.task}`));
    this.footer = h('footer.lf-actions', this.comment,
                    h('div.lf-buttons', h('span.lf-skip', this.reason, this.skipButton),
                      this.submitButton));
    this.element = h(`article.lf-task${adjudicate ? '.lf-adjudicate' : ''}`,
                     { dataset: { task: task.task } },
                     meta, h('div.lf-columns', renderRow(task.row),
                             h('div.lf-labels', this.cards.map((c) => c.element))),
                     this.message, this.footer);
    this.keys = (e) => this.onKey(e);
  }

  reasonPicker(reasons) {
    if (Array.isArray(reasons) && reasons.length) {
      return h('select.lf-reason', { 'aria-label': 'skip reason' },
               h('option', { value: '' }, 'skip reason…'),
               reasons.map((r) => h('option', { value: r }, r.replace(/_/g, ' '))));
    }
    return h('input.lf-reason', { placeholder: 'skip reason', 'aria-label': 'skip reason',
                                  size: 14 });
  }

  async start() {
    await Promise.all(this.cards.map((c) => c.mount()));
    document.addEventListener('keydown', this.keys);
    this.visibleSince = document.visibilityState === 'visible' ? Date.now() : null;
    this.onVisibility = () => {
      if (document.visibilityState === 'visible') this.visibleSince = Date.now();
      else this.banked();
    };
    document.addEventListener('visibilitychange', this.onVisibility);
    this.scheduleHeartbeat(this.task.lease_expires_at);
    if (this.cards[0]) this.cards[0].host.focus({ preventScroll: true });
  }

  close() {
    this.closed = true;
    clearTimeout(this.beat);
    document.removeEventListener('keydown', this.keys);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  banked() {
    if (this.visibleSince) this.active += (Date.now() - this.visibleSince) / 1000;
    this.visibleSince = document.visibilityState === 'visible' ? Date.now() : null;
    return this.active;
  }

  touched() { this.message.replaceChildren(); }

  onKey(e) {
    if (this.closed) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.submit();
    } else if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const i = this.cards.findIndex((c) => c.element.contains(document.activeElement));
      const n = this.cards.length;
      const next = (i < 0 ? 0 : i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.cards[next].host.focus();
    }
  }

  scheduleHeartbeat(expiresAt) {
    clearTimeout(this.beat);
    const left = Date.parse(expiresAt) - Date.now();
    const every = Number.isFinite(left) ? Math.min(60000, Math.max(2000, left / 3)) : 60000;
    this.beat = setTimeout(async () => {
      if (this.closed) return;
      try {
        const r = await this.api.heartbeat(this.task.task);
        this.scheduleHeartbeat(r && r.lease_expires_at);
      } catch (e) {
        // A lost connection is retried quietly; the lease is not lost until the server says so.
        if (e.code === 'network') this.scheduleHeartbeat(new Date(Date.now() + 15000));
        else this.fail(e, 'heartbeat');
      }
    }, every);
  }

  draft() {
    const labels = {};
    for (const c of this.cards) if (c.value !== undefined) labels[c.label.name] = c.value;
    const out = { task: this.task.task, row: this.task.row.id, labels };
    if (this.comment.value) out.comment = this.comment.value;
    return out;
  }

  busy(on) {
    this.submitButton.disabled = on;
    this.skipButton.disabled = on;
  }

  async submit() {
    if (this.closed || this.submitButton.disabled) return;
    for (const c of this.cards) c.clearErrors();
    const body = { labels: this.draft().labels, active_seconds: Math.round(this.banked()) };
    if (this.comment.value.trim()) body.comment = this.comment.value;
    this.busy(true);
    try {
      const result = await this.api.submit(this.task.task, body);
      this.close();
      this.hooks.onDone({ action: 'submitted', task: this.task, result });
    } catch (e) {
      this.busy(false);
      this.fail(e, 'submit');
    }
  }

  async skip() {
    const reason = this.reason.value.trim();
    if (!reason) {
      this.say('Pick a skip reason first.', this.reason);
      return;
    }
    this.busy(true);
    try {
      const result = await this.api.skip(this.task.task, reason);
      this.close();
      this.hooks.onDone({ action: 'skipped', task: this.task, result });
    } catch (e) {
      this.busy(false);
      // The daemon names the allowed reasons ("... skip_reasons: [a, b]"): offer them.
      const m = /skip_reasons: \[([^\]]*)\]/.exec(e.message || '');
      if (m && this.reason.tagName === 'INPUT') {
        const picker = this.reasonPicker(m[1].split(',').map((s) => s.trim()).filter(Boolean));
        this.reason.replaceWith(picker);
        this.reason = picker;
        this.say(`"${reason}" is not a skip reason of this project; pick one from the list.`,
                 picker);
        return;
      }
      this.fail(e, 'skip');
    }
  }

  say(text, near) {
    this.message.replaceChildren(h('p.lf-error', text));
    if (near) near.focus();
  }

  fail(e, what) {
    if (this.closed) return;
    if (e.status === 401) {
      this.close();
      this.hooks.onUnauthorized('The daemon did not accept your token (it may have been ' +
                                'changed). Sign in again; your unsaved work is kept below.',
                                this.draft());
    } else if (e.code === 'lease_conflict') {
      this.leaseLost();
    } else if (e.code === 'validation_failed' || (e.status === 400 && e.details.length)) {
      this.showDetails(e);
    } else if (e.code === 'network') {
      this.say(`Could not ${what}: ${e.message}. Your work is still here; try again.`);
    } else {
      this.say(`Could not ${what}: ${e.message} (${e.code}).`);
    }
  }

  showDetails(e) {
    const byLabel = new Map();
    const other = [];
    for (const d of e.details) {
      const where = labelOfPointer(d.path);
      const card = where && this.cards.find((c) => c.label.name === where.label);
      if (card) {
        if (!byLabel.has(card)) byLabel.set(card, []);
        byLabel.get(card).push({ rest: where.rest, message: d.message });
      } else {
        other.push(`${d.path ? `${d.path}: ` : ''}${d.message}`);
      }
    }
    for (const [card, items] of byLabel) card.showErrors(items);
    const names = [...byLabel.keys()].map((c) => c.label.name);
    this.message.replaceChildren(
      h('p.lf-error', `Not saved: ${e.message}.`,
        names.length ? ` Fix ${names.join(', ')} (marked above) and submit again.` : ''),
      other.length ? h('ul.lf-error', other.map((o) => h('li', o))) : null);
    const first = byLabel.keys().next().value;
    if (first) first.element.scrollIntoView({ block: 'center' });
  }

  leaseLost() {
    this.close();
    const json = JSON.stringify(this.draft(), null, 2);
    const area = h('textarea.lf-lost-json', { readOnly: true, rows: 8, 'aria-label': 'your work' });
    area.value = json;
    const copied = h('span.lf-copied', { role: 'status' });
    const box = h('div.lf-lease-lost', { role: 'alert' },
                  h('h3', 'Another reviewer took this task'),
                  h('p', 'Your lease on this task ran out and it was given to someone else, ' +
                    'so your labels were not saved. Your work is below: copy it before ' +
                    'moving on.'),
                  area,
                  h('div.lf-buttons',
                    h('button', { type: 'button', onclick: async () => {
                      copied.textContent = (await copyText(json, area)) ? 'copied' :
                          'select the text and copy it by hand';
                    } }, 'Copy my work'), copied,
                    h('button.lf-primary', { type: 'button',
                                             onclick: () => this.hooks.onFinished() },
                      'Next task')));
    for (const c of this.cards) c.host.inert = true;
    this.footer.replaceWith(box);
    this.message.replaceChildren();
    box.scrollIntoView({ block: 'center' });
  }
}
