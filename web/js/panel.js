// The strip above the task: the reviewer's rows and hours, the project's progress and the
// feedback adjudicators left on rows this reviewer labelled.
// Gaps in the API (docs/api.md), worked around here:
// - there is no "who am I": the reviewer id is learnt after the first submit from
//   GET /rows/{row} (the review whose task is ours);
// - rows and hours come from GET /reviewers, which counts all time in the project, not this
//   week; the weekly minimum is only in the admin report (GET /v1/reports/weekly);
// - there is no feedback endpoint: the panel reads the rows this reviewer submitted in this
//   session and shows comments other reviewers left on them.
import { h } from './dom.js';

const kMeKey = 'labelflow.me';
const kRowsKey = 'labelflow.reviewed';
const kSessionKey = 'labelflow.session';

export class Panel {
  constructor(api, project) {
    this.api = api;
    this.project = project;
    this.me = sessionStorage.getItem(kMeKey);
    try {
      this.session = JSON.parse(sessionStorage.getItem(kSessionKey)) || { rows: 0, seconds: 0 };
    } catch {
      this.session = { rows: 0, seconds: 0 };
    }
    this.element = h('aside.lf-panel', { 'aria-label': 'progress' });
  }

  reviewed() {
    try {
      return JSON.parse(sessionStorage.getItem(kRowsKey) || '[]');
    } catch {
      return [];
    }
  }

  // After a submit: remember the row, learn the reviewer id if still unknown.
  async recordSubmit(task, activeSeconds) {
    this.session.rows += 1;
    this.session.seconds += activeSeconds || 0;
    sessionStorage.setItem(kSessionKey, JSON.stringify(this.session));
    const rows = [task.row.id, ...this.reviewed().filter((r) => r !== task.row.id)].slice(0, 20);
    sessionStorage.setItem(kRowsKey, JSON.stringify(rows));
    if (!this.me) {
      try {
        const doc = await this.api.row(this.project, task.row.id);
        const mine = (doc.reviews || []).find((r) => r.task === task.task);
        if (mine) {
          this.me = mine.reviewer;
          sessionStorage.setItem(kMeKey, this.me);
        }
      } catch {
        // The panel is a convenience: the next refresh tries again.
      }
    }
    this.refresh();
  }

  async refresh() {
    const [progress, reviewers] = await Promise.all([
      this.api.progress(this.project).catch(() => null),
      this.api.reviewers(this.project).catch(() => null)]);
    const feedback = await this.feedback();
    const me = (reviewers || []).find((r) => r.id === this.me);
    const parts = [];
    parts.push(h('div.lf-stat', h('b', me ? me.name : 'You'),
                 me ? ` ${me.rows} rows · ${me.hours.toFixed(1)} h in this project` :
                      ' (known after your first submit)',
                 h('small', ` · this tab ${this.session.rows} rows, ` +
                   `${(this.session.seconds / 3600).toFixed(2)} h`),
                 h('small.lf-gap', { title: 'the weekly report is admin-only in the API' },
                   ' · weekly minimum: ask your admin')));
    if (progress) {
      const open = (progress.stages || []).map((s) => `${s.name} ${s.open}`).join(', ');
      const left = typeof progress.hours_left_estimate === 'number' ?
          ` · ~${progress.hours_left_estimate.toFixed(1)} h left` : '';
      const pct = progress.rows ? Math.round(100 * progress.finalized / progress.rows) : 0;
      parts.push(h('div.lf-stat', h('b', 'Project'),
                   ` ${progress.finalized}/${progress.rows ?? '?'} rows final`,
                   h('progress', { max: 100, value: pct }),
                   h('small', ` open: ${open || 'none'}${left}`)));
    }
    parts.push(feedback.length ?
        h('details.lf-feedback', h('summary', `Feedback (${feedback.length})`),
          h('ul', feedback.map((f) => h('li', h('b', f.from), ` on ${f.row}: `, f.text)))) :
        h('div.lf-stat', h('small', 'No feedback yet')));
    this.element.replaceChildren(...parts);
  }

  async feedback() {
    if (!this.me) return [];
    const out = [];
    for (const row of this.reviewed().slice(0, 10)) {
      try {
        const doc = await this.api.row(this.project, row);
        for (const r of doc.reviews || []) {
          if (r.reviewer !== this.me && r.comment && r.role !== 'primary') {
            out.push({ from: r.reviewer, row, text: r.comment });
          }
        }
      } catch {
        // A row we cannot read any more gives no feedback.
      }
    }
    return out;
  }
}
