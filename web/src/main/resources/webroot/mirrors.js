// The Mirrors panel of the operation mode: one card per md resource with both copies side by
// side, the link between them, resync progress, split brain, and the operator actions.
import { h, pill, $ } from './dom.js';
import { api } from './api.js';
import { groupMirrors, recoverEffect, verifyVerdict, failures, formatBytes } from './mirrorview.js';

const RANGES_SHOWN = 10;
const BUSY_TEXT = {
  verify: 'Verifying: the primary reads both copies and compares them; on a large disk this takes a while…',
  pause: 'Pausing replication on every server of the mirror…',
  resume: 'Resuming replication on every server of the mirror…',
  recover: 'Recovering: the other copy discards its changes…',
};

let hooks = { confirm: async () => false, canOperate: () => false, unauthorized: () => {} };
/** Per mirror, what the operator did here: the running action and the last answer. Survives live updates. */
const ui = new Map();
/** Per mirror, the card and what it was built from: unchanged cards are kept, so focus stays put. */
const built = new Map();
let lastEntries = [];

export function initMirrors(h0) {
  hooks = { ...hooks, ...h0 };
}

export function renderMirrors(entries) {
  lastEntries = entries || [];
  const views = groupMirrors(lastEntries);
  $('mirrors-section').hidden = views.length === 0;
  const box = $('mirrors');
  const canOperate = hooks.canOperate();
  const cards = views.map((v) => {
    const state = ui.get(v.name) || {};
    const sig = JSON.stringify([lastEntries.filter((e) => e.name === v.name), state, canOperate]);
    const old = built.get(v.name);
    if (old && old.sig === sig) return old.el;
    const el = card(v, state, canOperate);
    built.set(v.name, { sig, el });
    return el;
  });
  for (const name of [...built.keys()]) {
    if (!views.some((v) => v.name === name)) built.delete(name);
  }
  // move only what changed: replacing every card would drop the focus of a keyboard user
  const active = document.activeElement;
  const focused = active && box.contains(active) ? active.dataset.testid : null;
  cards.forEach((el, i) => {
    const at = box.children[i];
    if (at !== el) {
      if (at && !cards.includes(at)) at.replaceWith(el);
      else box.insertBefore(el, at || null);
    }
  });
  while (box.children.length > cards.length) box.lastElementChild.remove();
  // a rebuilt card (its mirror changed) gets the focus back on the same control
  if (focused && !box.contains(document.activeElement)) {
    const again = box.querySelector('[data-testid="' + focused + '"]');
    if (again && !again.disabled) again.focus();
  }
}

/** On logout: the next user starts without the previous one's answers on the cards. */
export function resetMirrors() {
  ui.clear();
  built.clear();
  lastEntries = [];
  $('mirrors').replaceChildren();
}

function rerender() {
  renderMirrors(lastEntries);
}

function card(v, state, canOperate) {
  const id = 'mirror-' + v.name;
  return h('article', { class: 'card mirror tone-' + toneOf(v.state), 'data-testid': id, 'data-state': v.state,
    'data-paused': String(v.paused), 'aria-labelledby': id + '-title', 'aria-busy': state.busy ? 'true' : null },
  h('header', { class: 'row' },
    h('h3', { id: id + '-title', class: 'name' }, v.name),
    h('span', { class: 'pill m-' + v.state, 'data-testid': id + '-state' }, v.stateText),
    h('span', { class: 'muted small' }, [v.group ? 'group ' + v.group : null, v.mode ? v.mode + ' mode' : null]
      .filter(Boolean).join(' · ')),
    canOperate ? actions(v, state) : null),
  h('div', { class: 'copies' },
    copyBox(v, v.copies[0]),
    linkBox(v),
    v.copies.length > 1 ? copyBox(v, v.copies[1]) : h('div', { class: 'copy missing' }, 'no second copy'),
    v.copies.slice(2).map((c) => copyBox(v, c))),
  v.progress ? progressBar(v) : null,
  v.lagBytes !== null ? h('div', { class: 'small', 'data-testid': id + '-lag' },
    v.lagBytes > 0 ? 'Async lag: ' + formatBytes(v.lagBytes) + ' written on the primary, not yet acknowledged by the peer'
      : 'Async lag: none, the peer has every write') : null,
  v.splitBrain ? splitBrainBox(v, canOperate) : null,
  outcome(v, state));
}

function toneOf(state) {
  return { 'up-to-date': 'ok', syncing: 'sync', paused: 'warn', 'split-brain': 'bad', degraded: 'bad' }[state] || 'off';
}

function copyBox(v, c) {
  const id = 'mirror-' + v.name + '-copy-' + c.server;
  return h('section', { class: 'copy tone-' + c.tone, 'data-testid': id, 'data-role': c.role || '',
    'data-disk': c.diskState || '', 'data-peer': c.peerState || '', 'data-paused': String(c.paused),
    'aria-label': 'copy of ' + v.name + ' on ' + c.server },
  h('div', { class: 'row spread' }, h('span', { class: 'server' }, c.server),
    h('span', { class: 'role role-' + (c.role || 'none') }, c.role || (c.state === 'unknown' ? 'not heard' : c.state))),
  h('dl', {},
    h('dt', {}, 'Disk'), h('dd', {}, c.diskState ? pill(c.diskState) : h('span', { class: 'muted' }, '—')),
    h('dt', {}, 'Peer'), h('dd', {}, c.peerState || h('span', { class: 'muted' }, '—')),
    c.dirtyBytes > 0 ? [h('dt', {}, 'To resync'), h('dd', { title: c.dirtyBytes + ' bytes' }, formatBytes(c.dirtyBytes))] : null,
    c.paused ? [h('dt', {}, 'Replication'), h('dd', { class: 'warn-text' }, 'paused')] : null),
  c.lastProblem ? h('p', { class: 'problem small', 'data-testid': id + '-problem' }, c.lastProblem) : null);
}

function linkBox(v) {
  return h('div', { class: 'link-box link-' + v.link.tone, 'data-testid': 'mirror-' + v.name + '-link',
    'data-link': v.link.state, 'data-peer': v.link.peerState || '' },
  h('span', { class: 'wire', 'aria-hidden': 'true' }),
  h('span', { class: 'link-label' }, h('span', { class: 'sr-only' }, 'link ' + v.link.state + ': '), v.link.label));
}

function progressBar(v) {
  const p = v.progress;
  const id = 'mirror-' + v.name + '-progress';
  const what = p.kind.replace('-', ' ') + (p.from && p.to ? ' from ' + p.from + ' to ' + p.to : '');
  return h('div', { class: 'progress-wrap', 'data-testid': id },
    h('div', { class: 'row spread small' }, h('span', {}, what),
      h('span', {}, (p.percent === null ? 'progress unknown' : p.percent + '%')
        + (p.leftBytes === null ? '' : ' · ' + formatBytes(p.leftBytes) + ' left'))),
    h('div', { class: 'progress', role: 'progressbar', 'aria-label': what, 'aria-valuemin': 0, 'aria-valuemax': 100,
      'aria-valuenow': p.percent === null ? null : p.percent },
    h('div', { class: 'bar' + (p.percent === null ? ' indeterminate' : ''),
      style: 'width: ' + (p.percent === null ? 100 : p.percent) + '%' })));
}

function splitBrainBox(v, canOperate) {
  return h('div', { class: 'split', role: 'alert', 'data-testid': 'mirror-' + v.name + '-split-brain' },
    h('strong', {}, 'Split brain: '), 'both copies changed while they were apart, and neither is taken '
    + 'over silently. Decide which server\'s data to keep; the other copy discards its changes and takes a full '
    + 'copy from it. ', canOperate ? 'Press Recover and choose the server, or run ' : 'An operator can press Recover, '
    + 'or run ', h('code', {}, 'zoneha mirror recover ' + v.name + ' --source SERVER'), '.');
}

function actions(v, state) {
  const busy = !!state.busy;
  const btn = (op, label, extra) => h('button', { type: 'button', 'data-testid': 'mirror-' + v.name + '-' + op,
    'aria-label': label + ' mirror ' + v.name, disabled: busy || !!extra.disabled, title: extra.title || null,
    class: extra.class || null, onclick: extra.onclick },
  state.busy === op ? extra.busyText : label);
  return h('div', { class: 'actions', role: 'group', 'aria-label': 'actions for ' + v.name },
    btn('verify', 'Verify', { busyText: 'Verifying…', title: 'compare both copies block by block',
      onclick: () => run(v, 'verify') }),
    btn('pause', 'Pause', { busyText: 'Pausing…', disabled: v.allPaused,
      title: v.allPaused ? 'replication is paused' : 'cut the link; writes are tracked for a resync',
      onclick: () => ask(v, 'pause', 'Pause replication of ' + v.name + '? The link is cut: writes go on on the '
        + 'primary and are tracked, but the other copy falls behind until you resume (also across restarts).') }),
    btn('resume', 'Resume', { busyText: 'Resuming…', disabled: !v.paused,
      title: v.paused ? 'reconnect and resync what changed' : 'replication is not paused',
      onclick: () => ask(v, 'resume', 'Resume replication of ' + v.name + '? The copies reconnect and the changes '
        + 'made meanwhile are copied to the other side.') }),
    btn('recover', 'Recover…', { busyText: 'Recovering…', class: v.splitBrain ? 'primary' : 'danger',
      title: 'keep one server\'s copy; the other copy discards its changes', onclick: () => recover(v) }));
}

async function ask(v, op, question) {
  if (await hooks.confirm(question)) run(v, op);
}

async function recover(v) {
  const source = await chooseSource(v);
  if (source) run(v, 'recover', { source });
}

/** The recover dialog: one radio per copy; the effect is spelled out for the chosen one. */
function chooseSource(v) {
  return new Promise((resolve) => {
    const d = $('mirror-recover');
    const ok = $('recover-ok');
    $('recover-title').textContent = 'Recover mirror ' + v.name;
    const effect = $('recover-effect');
    const pick = (server) => {
      effect.textContent = recoverEffect(v.name, v.copies, server);
      ok.disabled = !server;
      ok.textContent = server ? 'Keep ' + server + '\'s copy' : 'Recover';
    };
    const options = v.copies.map((c) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'recover-source', value: c.server, 'data-testid': 'recover-source-' + c.server,
        onchange: () => pick(c.server) }),
      h('span', {}, h('strong', {}, c.server), ' ', h('span', { class: 'muted small' }, [c.role, c.diskState && 'disk '
        + c.diskState, c.dirtyBytes > 0 && formatBytes(c.dirtyBytes) + ' changed since the copies last agreed']
        .filter(Boolean).join(' · ')))));
    $('recover-sources').replaceChildren(h('legend', {}, 'Keep the copy on'), ...options);
    pick(null);
    d.onclose = () => {
      const chosen = d.querySelector('input[name="recover-source"]:checked');
      resolve(d.returnValue === 'ok' && chosen ? chosen.value : null);
    };
    d.returnValue = '';
    d.showModal();
  });
}

async function run(v, op, body) {
  ui.set(v.name, { busy: op });
  rerender();
  let r;
  try {
    r = await api('POST', '/api/v1/mirrors/' + encodeURIComponent(v.name) + '/' + op, body || {});
  } catch (e) {
    r = { status: 0, ok: false, data: { error: 'no answer from the node: ' + e.message } };
  }
  ui.set(v.name, { outcome: outcomeOf(op, r) });
  rerender();
  if (r.status === 401) {
    hooks.unauthorized();
    return;
  }
  // the pressed button was disabled while the action ran, which dropped the focus: give it back
  if (!document.activeElement || document.activeElement === document.body) {
    const again = $('mirrors').querySelector('[data-testid="mirror-' + v.name + '-' + op + '"]');
    if (again && !again.disabled) again.focus();
  }
}

function outcomeOf(op, r) {
  const at = new Date().toLocaleTimeString();
  const text = r.data.message || r.data.error || ('HTTP ' + r.status);
  if (!r.ok) return { kind: 'error', op, at, text, failed: failures(r.data) };
  if (op === 'verify') {
    const verdict = verifyVerdict(r.data);
    if (verdict) return { kind: verdict.inSync ? 'in-sync' : 'differ', op, at, text, verdict };
  }
  return { kind: 'done', op, at, text };
}

function outcome(v, state) {
  const o = state.outcome;
  const id = 'mirror-' + v.name + '-message';
  if (state.busy) {
    return h('div', { 'data-testid': id, 'data-kind': 'busy', 'data-op': state.busy, role: 'status', class: 'outcome busy' },
      BUSY_TEXT[state.busy] || state.busy + '…');
  }
  if (!o) return h('div', { 'data-testid': id, role: 'status', class: 'outcome empty' });
  const dismiss = h('button', { type: 'button', class: 'link close', 'aria-label': 'dismiss',
    onclick: () => { ui.delete(v.name); rerender(); } }, '×');
  const head = h('div', { class: 'row spread' }, h('strong', {}, headline(v, o)), h('span', { class: 'row' },
    h('span', { class: 'muted small' }, o.op + ' at ' + o.at), dismiss));
  return h('div', { 'data-testid': id, 'data-kind': o.kind, 'data-op': o.op, role: o.kind === 'error' ? 'alert' : 'status',
    class: 'outcome ' + o.kind }, head, detail(o));
}

function headline(v, o) {
  if (o.kind === 'in-sync') return 'In sync: both copies of ' + v.name + ' are identical';
  if (o.kind === 'differ') {
    return 'Copies differ: ' + o.verdict.ranges.length + ' range(s), ' + formatBytes(o.verdict.bytes);
  }
  if (o.kind === 'error') return o.op + ' failed';
  return o.op + ' done';
}

function detail(o) {
  if (o.kind === 'differ') {
    const shown = o.verdict.ranges.slice(0, RANGES_SHOWN);
    return [h('table', { class: 'ranges', 'data-testid': 'verify-ranges' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Offset'), h('th', {}, 'Length'))),
      h('tbody', {}, shown.map((r) => h('tr', {}, h('td', {}, r.offset + ' (' + formatBytes(r.offset) + ')'),
        h('td', {}, r.length + ' (' + formatBytes(r.length) + ')'))))),
    o.verdict.ranges.length > RANGES_SHOWN ? h('div', { class: 'muted small' }, 'and '
      + (o.verdict.ranges.length - RANGES_SHOWN) + ' more') : null,
    h('div', { class: 'small' }, 'A resync only sends blocks it knows changed: to repair these, recover and keep '
      + 'the copy whose data is right; the other copy takes a full copy of it.')];
  }
  if (o.kind === 'error' && o.failed.length) {
    return h('ul', { class: 'small' }, o.failed.map((f) => h('li', {}, h('strong', {}, f.server), ': ' + f.message
      + (f.code ? ' (error code ' + f.code + ')' : ''))));
  }
  return h('div', { class: 'small' }, o.text);
}
