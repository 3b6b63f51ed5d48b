// The operation mode: login, live status over the WebSocket, operations with confirmation.
import { h, pill, $ } from './dom.js';
import { api, setCsrf } from './api.js';
import { startWizard, setOperator } from './wizard.js';
import { initMirrors, renderMirrors, resetMirrors } from './mirrors.js';

const ERROR_MEANINGS = {
  1: 'script ran past its timeout and was killed',
  11: 'start script failed',
  12: 'stop script failed',
  13: 'script could not be run at all',
  21: 'pid file missing or unreadable',
  22: 'check script reported a failure',
  23: 'HTTP check failed',
  24: 'watched process is not running',
};

const SPLIT_BRAIN_BANNER_MS = 15 * 60 * 1000;

let session = null;
let socket = null;
let retryMs = 500;
let lastStatus = null;
let wizardStarted = false;
setOperator(() => !!(session && session.canOperate));
initMirrors({ confirm: confirmDialog, canOperate: () => !!(session && session.canOperate), unauthorized: showLogin });

function show(view) {
  for (const v of ['login', 'operation', 'config']) $(v + '-view').hidden = v !== view;
  for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t.dataset.view === view);
  if (view === 'config' && !wizardStarted) {
    wizardStarted = true;
    startWizard(lastStatus);
  }
}

async function boot() {
  const r = await api('GET', '/api/v1/session');
  if (r.status === 200) enter(r.data);
  else showLogin();
}

function showLogin() {
  session = null;
  if (socket) socket.close();
  resetMirrors();
  $('tabs').hidden = true;
  $('who').hidden = true;
  show('login');
  $('login-user').focus();
}

function enter(s) {
  session = s;
  setCsrf(s.csrf);
  $('tabs').hidden = false;
  $('who').hidden = false;
  $('user').textContent = s.user + ' (' + s.role + ')';
  document.body.classList.toggle('viewer', !s.canOperate);
  show('operation');
  connect();
}

function connect() {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(proto + '//' + location.host + '/api/v1/stream');
  socket = ws;
  ws.onopen = () => { retryMs = 500; };
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.type === 'snapshot' || msg.type === 'status') {
      live(true);
      render(msg.status);
    }
  };
  ws.onclose = async () => {
    if (socket !== ws || !session) return;
    live(false);
    // a closed stream may mean the session ended (logout, node restarted): ask before reconnecting
    let status = 0;
    try {
      status = (await api('GET', '/api/v1/session')).status;
    } catch (e) {
      status = 0; // the node is not answering: keep trying
    }
    if (status === 401) {
      showLogin();
      return;
    }
    setTimeout(() => { if (session && socket === ws) connect(); }, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };
}

function live(on) {
  const el = $('live');
  el.textContent = on ? 'live' : 'reconnecting';
  el.className = 'live ' + (on ? 'on' : 'off');
}

function render(status) {
  lastStatus = status;
  $('cluster-name').textContent = status.cluster || '';
  renderBanners(status);
  renderServers(status);
  renderGroups(status);
  renderMirrors(status.mirrors || []);
  renderMonitors(status);
  renderAlerts(status.alerts || []);
}

function renderBanners(status) {
  const out = [];
  for (const s of status.servers || []) {
    if (s.state === 'isolated') out.push(h('div', { class: 'banner', 'data-testid': 'banner-isolated' },
      'Server ' + s.name + ' is isolated from the network: its groups are stopped there.'));
    if (s.state === 'unreachable') out.push(h('div', { class: 'banner', 'data-testid': 'banner-unreachable' },
      'No heartbeats from server ' + s.name + ' on any interconnect, but the witness still hears it: the interconnect '
      + 'is cut. Nothing fails over while the witness hears it.'));
  }
  // alerts stay in the log after the split is resolved: only a recent one raises the banner
  const split = (status.alerts || []).find((a) => /split brain/i.test(a.message || '')
    && Date.now() - a.time < SPLIT_BRAIN_BANNER_MS);
  if (split) out.push(h('div', { class: 'banner', 'data-testid': 'banner-split-brain' },
    'Split brain detected at ' + new Date(split.time).toLocaleTimeString() + ': '
    + split.message.replace(/^split brain detected:\s*/i, '')));
  for (const m of mirrorProblems(status)) out.push(h('div', { class: 'banner warn', 'data-testid': 'banner-mirror' }, m));
  $('banners').replaceChildren(...out);
}

/** Mirror health from the optional "mirrors" list or the mirror monitors (mdw, mdnw). */
function mirrorProblems(status) {
  const out = [];
  for (const m of status.mirrors || []) {
    const fine = m.upToDate === true || /^(up-?to-?date|normal|synced)$/i.test(m.state || '');
    if (!fine) out.push('Mirror ' + m.name + (m.server ? ' on ' + m.server : '') + ' is not up to date'
      + (m.state ? ' (' + mirrorDetail(m) + ')' : '') + '.'
      + (m.splitBrain ? ' Split brain: choose the copy to keep with "zoneha mirror recover ' + m.name
        + ' --source SERVER".' : ''));
  }
  for (const m of status.monitors || []) {
    if ((m.type === 'mdw' || m.type === 'mdnw') && (m.state === 'error' || m.state === 'warning')) {
      out.push('Mirror monitor ' + m.name + ' on ' + m.server + ': ' + (m.message || m.state));
    }
  }
  return out;
}

/** "resync 42.5%", "disconnected, 1048576 bytes to resync", or just the state. */
function mirrorDetail(m) {
  // the target of a resync cannot know how far it is (it reports 100): only the source's figure counts
  if ((m.state === 'resync' || m.state === 'full-sync') && typeof m.syncPercent === 'number' && m.syncDirection !== 'target') {
    return m.state + ' ' + m.syncPercent + '%';
  }
  if (m.dirtyBytes > 0) return m.state + ', ' + m.dirtyBytes + ' bytes to resync';
  return m.state;
}

function renderServers(status) {
  const cards = (status.servers || []).map((s) => h('div', { class: 'card server', 'data-testid': 'server-' + s.name,
    'data-state': s.state },
  h('div', { class: 'row spread' }, h('span', { class: 'name' }, s.name), pill(s.state)),
  h('div', { class: 'muted small' }, s.az ? 'AZ ' + s.az : 'no AZ set',
    s.name === status.reportedBy ? ' · this view comes from here' : ''),
  s.interconnects ? h('ul', { class: 'links' }, s.interconnects.map((l) => h('li', {},
    h('span', { class: 'dot ' + l.state }), 'link ' + l.link + ' to ' + l.peer, h('span', { class: 'muted' }, l.address || ''),
    h('span', { class: 'muted' }, l.state)))) : null));
  $('servers').replaceChildren(...cards);
}

function renderGroups(status) {
  const servers = (status.servers || []).map((s) => s.name);
  const online = new Set((status.servers || []).filter((s) => s.state === 'online').map((s) => s.name));
  const cards = (status.groups || []).map((g) => {
    const resources = (status.resources || []).filter((r) => r.group === g.name);
    const canAct = session && session.canOperate;
    const why = canAct ? null : 'viewers may not operate';
    const moves = servers.filter((s) => s !== g.server).map((s) => h('button', { type: 'button',
      disabled: !canAct || !online.has(s), title: why || (online.has(s) ? null : s + ' is not online'),
      'data-testid': 'move-' + g.name + '-' + s,
      onclick: () => act('Move group ' + g.name + ' to ' + s + '?', '/api/v1/groups/' + g.name + '/move', { server: s }) },
    'Move to ' + s));
    return h('div', { class: 'card group', 'data-testid': 'group-' + g.name, 'data-state': g.state, 'data-server': g.server || '' },
      h('div', { class: 'row' }, h('span', { class: 'name' }, g.name), pill(g.state),
        h('span', { class: 'muted', 'data-testid': 'group-server-' + g.name }, g.server ? 'on ' + g.server : 'not running'),
        h('div', { class: 'actions' },
          h('button', { type: 'button', disabled: !canAct, title: why, 'data-testid': 'start-' + g.name,
            onclick: () => act('Start group ' + g.name + '?', '/api/v1/groups/' + g.name + '/start') }, 'Start'),
          h('button', { type: 'button', class: 'danger', disabled: !canAct, title: why, 'data-testid': 'stop-' + g.name,
            onclick: () => act('Stop group ' + g.name + '? Its services will go down.', '/api/v1/groups/' + g.name + '/stop') }, 'Stop'),
          moves)),
      g.lastError ? h('div', { class: 'err small' }, 'Last error: ' + g.lastError) : null,
      h('table', {}, h('thead', {}, h('tr', {}, ['Resource', 'Type', 'Server', 'State', 'Last error'].map((t) => h('th', {}, t)))),
        h('tbody', {}, resources.map((r) => h('tr', { 'data-testid': 'resource-' + r.name + '-' + r.server },
          h('td', {}, r.name), h('td', { class: 'muted' }, r.type), h('td', {}, r.server), h('td', {}, pill(r.state)),
          h('td', { class: r.code ? 'err' : 'muted' }, errorText(r)))))));
  });
  $('groups').replaceChildren(...cards);
}

function errorText(x) {
  if (!x.code) return x.message || '';
  const meaning = ERROR_MEANINGS[x.code];
  return 'code ' + x.code + (meaning ? ' (' + meaning + ')' : '') + (x.message ? ': ' + x.message : '');
}

function renderMonitors(status) {
  const mons = status.monitors || [];
  if (!mons.length) {
    $('monitors').replaceChildren(h('span', { class: 'muted' }, 'No monitors configured.'));
    return;
  }
  const canAct = session && session.canOperate;
  const names = [...new Set(mons.map((m) => m.name))];
  const rows = names.map((n) => {
    const per = mons.filter((m) => m.name === n);
    return h('tr', { 'data-testid': 'monitor-' + n },
      h('td', {}, n), h('td', { class: 'muted' }, per[0].type),
      h('td', {}, per.map((m) => h('div', { class: 'row' }, h('span', { class: 'muted small' }, m.server), pill(m.state),
        m.code || m.message ? h('span', { class: m.code ? 'err small' : 'muted small' }, errorText(m)) : null))),
      h('td', {}, h('div', { class: 'row' },
        h('button', { type: 'button', disabled: !canAct, title: canAct ? null : 'viewers may not operate',
          onclick: () => act('Suspend monitor ' + n + ' on every server?', '/api/v1/monitors/' + n + '/suspend') }, 'Suspend'),
        h('button', { type: 'button', disabled: !canAct, title: canAct ? null : 'viewers may not operate',
          onclick: () => act('Resume monitor ' + n + ' on every server?', '/api/v1/monitors/' + n + '/resume') }, 'Resume'))));
  });
  $('monitors').replaceChildren(h('table', {}, h('thead', {}, h('tr', {}, ['Monitor', 'Type', 'State per server', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows)));
}

function renderAlerts(alerts) {
  if (!alerts.length) {
    $('alerts').replaceChildren(h('span', { class: 'muted' }, 'Nothing has happened yet.'));
    return;
  }
  $('alerts').replaceChildren(h('table', { 'data-testid': 'alert-log' },
    h('thead', {}, h('tr', {}, ['Time', 'Severity', 'Server', 'Group', 'Message'].map((t) => h('th', {}, t)))),
    h('tbody', {}, alerts.slice(0, 200).map((a) => h('tr', {},
      h('td', { class: 'muted small' }, new Date(a.time).toLocaleString()),
      h('td', { class: 'sev-' + a.severity }, a.severity), h('td', {}, a.server || ''), h('td', {}, a.group || ''),
      h('td', {}, a.message))))));
}

function confirmDialog(text) {
  return new Promise((resolve) => {
    const d = $('confirm');
    $('confirm-text').textContent = text;
    d.onclose = () => resolve(d.returnValue === 'ok');
    d.returnValue = '';
    d.showModal();
  });
}

async function act(question, path, body) {
  if (!(await confirmDialog(question))) return;
  const r = await api('POST', path, body === undefined ? {} : body);
  toast(r.data.message || r.data.error || ('HTTP ' + r.status), !r.ok);
  if (r.status === 401) showLogin();
}

let toastTimer = null;
function toast(text, bad) {
  const t = $('toast');
  t.textContent = text;
  t.className = 'toast' + (bad ? ' bad' : '');
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 4000);
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await api('POST', '/api/v1/login', { user: $('login-user').value, password: $('login-password').value });
  if (r.ok) {
    $('login-error').hidden = true;
    $('login-password').value = '';
    enter(r.data);
  } else {
    $('login-error').textContent = r.data.error || 'login failed';
    $('login-error').hidden = false;
  }
});

$('logout').addEventListener('click', async () => {
  await api('POST', '/api/v1/logout', {});
  showLogin();
});

for (const t of document.querySelectorAll('.tab')) t.addEventListener('click', () => show(t.dataset.view));

boot();
