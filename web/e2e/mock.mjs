// The UI's static files served from the source tree to chromium, with the REST API and the
// status WebSocket mocked by Playwright routes. Shared by the mocked browser tests.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join, extname } from 'node:path';

export const BASE = 'http://zoneha.test';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/**
 * Opens the UI in a new context. `session` is what GET /api/v1/session answers; `answer(req)` gives
 * `{status, json}` for every other API call (default 202 accepted). Resolves once the stream's first
 * snapshot (`snapshot`) is sent; `send(status)` pushes a live status.
 */
export async function openMocked(browser, { webroot, session, snapshot, answer }) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (e) => console.log('PAGE ERROR ' + e.message));
  const posts = [];
  // Playwright tries the routes registered last first: the API route must come after the files
  await page.route(BASE + '/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = path === '/' ? 'index.html' : path.slice(1);
    try {
      return route.fulfill({ body: readFileSync(join(webroot, file)), contentType: TYPES[extname(file)] || 'text/plain' });
    } catch (e) {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  await page.route(BASE + '/api/**', async (route) => {
    const req = route.request();
    if (req.url().endsWith('/api/v1/session')) return route.fulfill({ json: session });
    const post = { url: req.url(), path: new URL(req.url()).pathname, csrf: req.headers()['x-zoneha-csrf'],
      body: req.postData() };
    posts.push(post);
    const a = answer ? await answer(post) : null;
    return route.fulfill(a ? { status: a.status, json: a.json }
      : { status: 202, json: { accepted: true, message: 'accepted' } });
  });
  let socket;
  let opened;
  const connected = new Promise((resolve) => { opened = resolve; });
  await page.routeWebSocket(BASE.replace('http', 'ws') + '/api/v1/stream', (ws) => {
    socket = ws;
    ws.send(JSON.stringify({ type: 'snapshot', status: snapshot }));
    opened();
  });
  await page.goto(BASE + '/');
  await connected;
  return { page, posts, send: (status) => socket.send(JSON.stringify({ type: 'status', status })) };
}

export function check(cond, what) {
  if (!cond) throw new Error(what);
}
