// A real labelflowd for the browser tests: a temp directory with a copy of the demo daemon
// config (free loopback port, temp state and data), the demo reviewers with test tokens, and
// two projects built from the demo project: "demo" (the rows given) and "lease" (a 10 s lease,
// for the lost-lease scenario). Rows are imported through the admin API.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const kAdmin = 'web-test-admin-token-0123456789';
export const token = (reviewer) => `web-test-token-${reviewer}-0123456789`;
const kReviewers = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace'];

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function replace(text, from, to) {
  if (!text.includes(from)) throw new Error(`demo config changed: "${from}" not found`);
  return text.split(from).join(to);
}

export class Daemon {
  constructor(labelflowd, sourceDir, rows) {
    this.labelflowd = path.resolve(labelflowd);  // the daemon runs in the temp directory
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'labelflow-web-'));
    const cfg = (f) => fs.readFileSync(path.join(sourceDir, 'configs', f), 'utf8');
    let daemon = cfg('labelflowd.toml');
    daemon = replace(daemon, 'listen = "127.0.0.1:8080"', 'listen = "127.0.0.1:0"');
    daemon = replace(daemon, 'state = "../var/labelflow.db"', 'state = "state/labelflow.db"');
    daemon = replace(daemon, 'root = "../var/data"', 'root = "data"');
    write(path.join(this.root, 'labelflowd.toml'), daemon);
    write(path.join(this.root, 'reviewers.toml'), cfg('reviewers.toml'));
    const demo = cfg('projects/demo.toml');
    write(path.join(this.root, 'projects/demo.toml'), demo);
    let lease = replace(demo, 'id = "demo"', 'id = "lease"');
    lease = replace(lease, 'name = "Dolly demo"', 'name = "Lease test"');
    lease = replace(lease, 'lease_ttl_seconds = 1800', 'lease_ttl_seconds = 10');
    lease = replace(lease, 'prefix = "demo/incoming/"', 'prefix = "lease/incoming/"');
    lease = replace(lease, 'prefix = "demo/exports/"', 'prefix = "lease/exports/"');
    write(path.join(this.root, 'projects/lease.toml'), lease);
    // rows: {"project" or "project/file": [row, ...]}; "demo" is demo/incoming/rows.jsonl.
    for (const [where, list] of Object.entries(rows)) {
      const [project, file = 'rows'] = where.split('/');
      write(path.join(this.root, `data/${project}/incoming/${file}.jsonl`),
            list.map((r) => JSON.stringify(r)).join('\n') + '\n');
    }
  }

  async start() {
    const env = { ...process.env, LABELFLOW_ADMIN_TOKEN: kAdmin };
    for (const r of kReviewers) env[`LABELFLOW_TOKEN_${r.toUpperCase()}`] = token(r);
    this.child = spawn(this.labelflowd, ['--config', path.join(this.root, 'labelflowd.toml')],
                       { cwd: this.root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    this.log = '';
    this.port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`labelflowd not ready:\n${this.log}`)),
                               20000);
      this.child.stderr.on('data', (chunk) => {
        this.log += chunk;
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(this.log);
        if (m && this.log.includes('; ready;')) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      this.child.on('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot run ${this.labelflowd}: ${e.message}`));
      });
      this.child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`labelflowd exited (${code}):\n${this.log}`));
      });
    });
    this.base = `http://127.0.0.1:${this.port}`;
  }

  // One API call; returns {status, body} (body parsed when JSON).
  async call(method, route, who, body) {
    const r = await fetch(this.base + route, {
      method,
      headers: { Authorization: `Bearer ${who === 'admin' ? kAdmin : token(who)}`,
                 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }

  async expect(status, method, route, who, body) {
    const r = await this.call(method, route, who, body);
    if (r.status !== status) {
      throw new Error(`${method} ${route} as ${who}: expected ${status}, got ${r.status}: ` +
                      JSON.stringify(r.body));
    }
    return r.body;
  }

  async importRows(project, file = 'rows') {
    const rec = await this.expect(202, 'POST', `/v1/projects/${project}/imports`, 'admin',
                                  { key: `${project}/incoming/${file}.jsonl` });
    for (let i = 0; i < 400; i += 1) {
      const now = await this.expect(200, 'GET', `/v1/projects/${project}/imports/${rec.id}`,
                                    'admin');
      if (now.state !== 'queued' && now.state !== 'running') {
        if (now.state !== 'finished') throw new Error(`import: ${JSON.stringify(now)}`);
        return now;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  stop() {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGTERM');
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
