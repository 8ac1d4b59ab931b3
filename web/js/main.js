// The reviewer UI: sign-in (the token lives in sessionStorage only, never localStorage or a
// cookie), project picker, and the task loop: take the next task, label it, submit, and the
// next one is taken at once.
import { Api } from './api.js';
import { h, copyText } from './dom.js';
import { Panel } from './panel.js';
import { TaskView } from './task_view.js';

const kTokenKey = 'labelflow.token';
const kProjectKey = 'labelflow.project';
const app = document.getElementById('app');
const bar = document.getElementById('bar');
let view = null;
let waitTimer = null;

function screen(...children) {
  clearTimeout(waitTimer);
  if (view) view.close();
  view = null;
  app.replaceChildren(...children.filter(Boolean));
}

function signOut(message, draft) {
  sessionStorage.removeItem(kTokenKey);
  showSignIn(message, draft);
}

function showSignIn(message, draft) {
  bar.replaceChildren();
  const token = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true,
                             placeholder: 'token' });
  const problem = h('p.lf-error', { role: 'alert' }, message || '');
  const form = h('form.lf-signin', {
    onsubmit: async (e) => {
      e.preventDefault();
      const api = new Api(token.value.trim());
      try {
        const projects = await api.projects();
        sessionStorage.setItem(kTokenKey, api.token);
        start(api, projects);
      } catch (err) {
        problem.textContent = err.status === 401 ?
            'That token was not accepted. Check it and try again.' :
            `Could not sign in: ${err.message}`;
      }
    } },
    h('h2', 'Sign in'),
    h('label', { htmlFor: 'token' }, 'Reviewer token'), token,
    h('p.lf-hint', 'Kept in this tab only (session storage); closing the tab signs you out.'),
    h('button.lf-primary', { type: 'submit' }, 'Sign in'), problem);
  const parts = [form];
  if (draft) {
    const json = JSON.stringify(draft, null, 2);
    const area = h('textarea.lf-lost-json', { readOnly: true, rows: 8 });
    area.value = json;
    parts.push(h('div.lf-lease-lost', h('h3', 'Your unsaved work'), area,
                 h('button', { type: 'button', onclick: () => copyText(json, area) }, 'Copy')));
  }
  screen(...parts);
  token.focus();
}

function start(api, projects) {
  const remembered = sessionStorage.getItem(kProjectKey);
  if (remembered && projects.some((p) => p.id === remembered)) {
    openProject(api, remembered, projects);
    return;
  }
  showProjects(api, projects);
}

// Before leaving an open task: ask when labels were changed, then give the task back so
// another reviewer can take it at once instead of waiting for the lease to run out.
async function leaveTask() {
  if (!view || view.closed) return true;
  const edited = view.cards.some((c) => c.source !== 'auto' && c.value !== undefined) ||
                 view.comment.value.trim() !== '';
  if (edited && !window.confirm('Leave this task? Your labels are not saved.')) return false;
  const { api, task } = view;
  view.close();
  await api.release(task.task).catch(() => {});
  return true;
}

function signOutButton() {
  return h('button.lf-link', { type: 'button', onclick: async () => {
    if (await leaveTask()) signOut('Signed out.');
  } }, 'Sign out');
}

function showProjects(api, projects) {
  bar.replaceChildren(signOutButton());
  const list = h('ul.lf-projects', projects.map((p) => h('li',
    h('button', { type: 'button', onclick: () => openProject(api, p.id, projects) },
      h('b', p.name || p.id),
      h('small', ` ${p.finalized ?? 0}/${p.rows ?? 0} final${p.paused ? ' · paused' : ''}`)))));
  screen(h('section.lf-picker', h('h2', 'Projects'),
           projects.length ? list : h('p', 'You are not a member of any project yet.')));
}

function openProject(api, project, projects) {
  sessionStorage.setItem(kProjectKey, project);
  const panel = new Panel(api, project);
  const switcher = projects.length > 1 ?
      h('button.lf-link', { type: 'button', onclick: async () => {
        if (!(await leaveTask())) return;
        sessionStorage.removeItem(kProjectKey);
        showProjects(api, projects);
      } }, 'Projects') : null;
  const name = (projects.find((p) => p.id === project) || {}).name || project;
  bar.replaceChildren(h('span.lf-project', name), switcher, signOutButton());
  panel.refresh();
  nextTask(api, project, panel);
}

async function nextTask(api, project, panel, notice) {
  let task;
  try {
    task = await api.next(project);
  } catch (e) {
    if (e.status === 401) { signOut('Your token is no longer accepted; sign in again.'); return; }
    screen(panel.element, h('p.lf-error', `Could not take a task: ${e.message}`),
           h('button', { type: 'button', onclick: () => nextTask(api, project, panel) },
             'Try again'));
    return;
  }
  if (!task) {
    screen(panel.element, notice || null,
           h('section.lf-empty', h('h2', 'No task for you right now'),
             h('p', 'Checking again every 15 seconds.'),
             h('button', { type: 'button', onclick: () => nextTask(api, project, panel) },
               'Check now')));
    waitTimer = setTimeout(() => nextTask(api, project, panel), 15000);
    return;
  }
  const v = new TaskView(task, {
    api,
    onDone: ({ action, task: done }) => {
      const seconds = v.active;
      const note = h('p.lf-notice', { role: 'status' },
                     `${action === 'submitted' ? 'Submitted' : 'Skipped'} row ${done.row.id}.`);
      if (action === 'submitted') panel.recordSubmit(done, seconds);
      nextTask(api, project, panel, note);
    },
    onUnauthorized: (message, draft) => signOut(message, draft),
    onFinished: () => nextTask(api, project, panel),
  });
  screen(panel.element, notice || null, v.element);
  view = v;
  await v.start();
}

const saved = sessionStorage.getItem(kTokenKey);
if (saved) {
  const api = new Api(saved);
  api.projects().then(
    (projects) => start(api, projects),
    (e) => signOut(e.status === 401 ? 'Your token is no longer accepted.' :
                                      `Could not reach the daemon: ${e.message}`));
} else {
  showSignIn();
}
