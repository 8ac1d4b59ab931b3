// The strip above the task: who the reviewer is, this week's rows and hours against their
// weekly minimum and the feedback adjudicators and escalation reviewers left on rows they
// labelled (all from GET /v1/me), plus the project's progress.
import { h } from './dom.js';

const kSessionKey = 'labelflow.session';

export class Panel {
  constructor(api, project) {
    this.api = api;
    this.project = project;
    this.me = null;  // the reviewer id, from GET /v1/me
    try {
      this.session = JSON.parse(sessionStorage.getItem(kSessionKey)) || { rows: 0, seconds: 0 };
    } catch {
      this.session = { rows: 0, seconds: 0 };
    }
    this.element = h('aside.lf-panel', { 'aria-label': 'progress' });
  }

  // After a submit: count it for this tab and re-read the week's figures.
  recordSubmit(task, activeSeconds) {
    this.session.rows += 1;
    this.session.seconds += activeSeconds || 0;
    sessionStorage.setItem(kSessionKey, JSON.stringify(this.session));
    return this.refresh();
  }

  async refresh() {
    const [me, progress] = await Promise.all([
      this.api.me().catch(() => null),
      this.api.progress(this.project).catch(() => null)]);
    if (me) this.me = me.reviewer.id;
    const parts = [this.weekStat(me)];
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
    parts.push(this.feedbackList(me ? me.feedback : []));
    this.element.replaceChildren(...parts);
  }

  weekStat(me) {
    const tab = h('small', ` · this tab ${this.session.rows} rows, ` +
                  `${(this.session.seconds / 3600).toFixed(2)} h`);
    if (!me) {
      return h('div.lf-stat', h('b', 'You'), ' (your week could not be read just now)', tab);
    }
    const w = me.week;
    const min = me.reviewer.weekly_min_hours;
    return h('div.lf-stat.lf-week', h('b', me.reviewer.name || me.reviewer.id),
             h('span.lf-week-figures',
               ` ${w.week}: ${w.rows} rows · ${w.hours.toFixed(2)} h of ${min} h minimum`),
             h(w.minimum_met ? 'small.lf-met' : 'small.lf-unmet', w.minimum_met ?
               ' · minimum met' : ` · ${Math.max(0, min - w.hours).toFixed(2)} h to go`),
             tab);
  }

  feedbackList(feedback) {
    if (!feedback.length) return h('div.lf-stat', h('small', 'No feedback yet'));
    return h('details.lf-feedback', h('summary', `Feedback (${feedback.length})`),
             h('ul', feedback.map((f) => h('li', h('b', f.from),
               ` (${f.stage}) on ${f.project === this.project ? '' : `${f.project}/`}${f.row}: `,
               h('span.lf-feedback-text', f.comment)))));
  }
}
