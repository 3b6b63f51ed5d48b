// REST calls with the session cookie; state-changing ones echo the session's CSRF token.

let csrf = null;

export function setCsrf(token) {
  csrf = token;
}

export async function api(method, path, body, contentType = 'application/json') {
  const headers = {};
  if (method !== 'GET' && csrf) headers['X-ZoneHA-CSRF'] = csrf;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  let data = {};
  try {
    data = await res.json();
  } catch (e) {
    data = {};
  }
  return { status: res.status, ok: res.ok, data };
}
