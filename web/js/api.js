// The labelflow HTTP API (docs/api.md) as small async functions. Every non-2xx answer becomes
// an ApiError carrying the server's {code, message, details}; a network failure becomes an
// ApiError with code "network" so the UI can say so in plain words.
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Array.isArray(details) ? details : [];
  }
}

export class Api {
  constructor(token) {
    this.token = token;
  }

  async call(method, path, body) {
    const headers = { Authorization: `Bearer ${this.token}` };
    const init = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, 'network', `the daemon did not answer (${e.message})`, []);
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (response.ok) return json;
    const err = (json && json.error) || {};
    throw new ApiError(response.status, err.code || `http_${response.status}`,
                       err.message || `HTTP ${response.status}`, err.details);
  }

  me() { return this.call('GET', '/v1/me'); }
  projects() { return this.call('GET', '/v1/projects'); }
  progress(p) { return this.call('GET', `/v1/projects/${enc(p)}/progress`); }
  reviewers(p) { return this.call('GET', `/v1/projects/${enc(p)}/reviewers`); }
  row(p, r) { return this.call('GET', `/v1/projects/${enc(p)}/rows/${enc(r)}`); }
  next(p) { return this.call('POST', `/v1/projects/${enc(p)}/tasks/next`, {}); }
  heartbeat(t) { return this.call('POST', `/v1/tasks/${enc(t)}/heartbeat`, {}); }
  submit(t, body) { return this.call('POST', `/v1/tasks/${enc(t)}/submit`, body); }
  release(t) { return this.call('POST', `/v1/tasks/${enc(t)}/release`, {}); }
  skip(t, reason) { return this.call('POST', `/v1/tasks/${enc(t)}/skip`, { reason }); }
}

const enc = encodeURIComponent;

// "/labels/entities/2/end" -> {label: "entities", rest: "/2/end"}; null for other paths.
// JSON pointer escapes (~1 = "/", ~0 = "~") are decoded in the label name.
export function labelOfPointer(path) {
  const m = /^\/labels\/([^/]*)(.*)$/.exec(path || '');
  if (!m) return null;
  return { label: m[1].replace(/~1/g, '/').replace(/~0/g, '~'), rest: m[2] };
}
