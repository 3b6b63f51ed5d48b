// What a mirror card shows, worked out from the status's `mirrors` entries alone. No DOM here, so
// node can test it directly (web/e2e/mirrorview.test.mjs).

/** Worst first: the link between two copies is as healthy as the worse of the two reports. */
const PEER_ORDER = ['split-brain', 'refused', 'paused', 'disconnected', 'connecting', 'full-sync', 'resync', 'streaming'];

/** peer state -> [link up or down, colour tone] */
const LINK = {
  streaming: ['up', 'ok'],
  'full-sync': ['up', 'sync'],
  resync: ['up', 'sync'],
  connecting: ['down', 'warn'],
  paused: ['down', 'warn'],
  disconnected: ['down', 'bad'],
  refused: ['down', 'bad'],
  'split-brain': ['down', 'bad'],
};

/** Copy states that mean the server said nothing about the copy's replication yet. */
const NOT_REPORTING = new Set(['unknown', 'opening', 'error']);

/** The status's entries grouped per md resource, in the order they first appear. */
export function groupMirrors(entries) {
  const byName = new Map();
  for (const e of entries || []) {
    if (!e || !e.name) continue;
    if (!byName.has(e.name)) byName.set(e.name, []);
    byName.get(e.name).push(e);
  }
  return [...byName].map(([name, copies]) => mirrorView(name, copies));
}

export function mirrorView(name, entries) {
  const copies = entries.map(copyView);
  const reporting = copies.filter((c) => c.reporting);
  const link = linkView(reporting);
  const progress = progressView(entries, link.peerState);
  const splitBrain = copies.some((c) => c.splitBrain);
  const pausedCount = copies.filter((c) => c.paused).length;
  const primary = entries.find((e) => e.role === 'primary');
  const mode = (entries.find((e) => e.mode) || {}).mode || null;
  const view = {
    name,
    group: (entries.find((e) => e.group) || {}).group || '',
    mode,
    copies,
    link,
    progress,
    splitBrain,
    paused: pausedCount > 0,
    allPaused: pausedCount > 0 && pausedCount === reporting.length,
    lagBytes: mode === 'async' && primary && typeof primary.lagBytes === 'number' ? primary.lagBytes : null,
    servers: copies.map((c) => c.server),
  };
  Object.assign(view, overall(view));
  return view;
}

function copyView(e) {
  const state = e.state || 'unknown';
  return {
    server: e.server || '?',
    state,
    reporting: !NOT_REPORTING.has(state) && !!e.peerState,
    role: e.role || null,
    diskState: e.diskState || null,
    peerState: e.peerState || null,
    upToDate: e.upToDate === true,
    paused: e.paused === true,
    splitBrain: e.splitBrain === true || state === 'split-brain',
    dirtyBytes: typeof e.dirtyBytes === 'number' ? e.dirtyBytes : 0,
    lagBytes: typeof e.lagBytes === 'number' ? e.lagBytes : 0,
    lastProblem: e.lastProblem || '',
    tone: copyTone(e, state),
  };
}

function copyTone(e, state) {
  if (state === 'unknown') return 'off';
  if (state === 'error' || e.splitBrain || e.diskState === 'outdated') return 'bad';
  if (e.diskState === 'up-to-date') return 'ok';
  return 'warn'; // inconsistent (receiving a resync) or still opening
}

function linkView(reporting) {
  const states = reporting.map((c) => c.peerState).filter((p) => PEER_ORDER.includes(p));
  if (!states.length) {
    return { peerState: null, state: 'down', tone: 'off', label: 'no copy reports' };
  }
  const worst = PEER_ORDER.find((p) => states.includes(p));
  const [state, tone] = LINK[worst];
  return { peerState: worst, state, tone, label: worst.replace('-', ' ') };
}

/** Progress of a running full sync or resync: the source knows how far it is and what is left. */
function progressView(entries, peerState) {
  const running = entries.filter((e) => e.peerState === 'full-sync' || e.peerState === 'resync');
  if (!running.length && peerState !== 'full-sync' && peerState !== 'resync') return null;
  const source = running.find((e) => e.syncDirection === 'source');
  const target = running.find((e) => e.syncDirection === 'target')
    || entries.find((e) => source && e.server !== source.server);
  const kind = (source || running[0] || {}).peerState || peerState;
  return {
    kind,
    percent: source && typeof source.syncPercent === 'number' ? clampPercent(source.syncPercent) : null,
    leftBytes: source && typeof source.dirtyBytes === 'number' ? source.dirtyBytes : null,
    from: source ? source.server : null,
    to: target ? target.server : null,
  };
}

function clampPercent(p) {
  return Math.max(0, Math.min(100, p));
}

/** One word for the whole mirror (data-state) and the sentence that goes with it. */
function overall(v) {
  if (v.splitBrain) return { state: 'split-brain', stateText: 'split brain' };
  if (v.progress) {
    const pct = v.progress.percent === null ? '' : ' ' + v.progress.percent + '%';
    return { state: 'syncing', stateText: v.progress.kind.replace('-', ' ') + pct };
  }
  if (v.paused) return { state: 'paused', stateText: 'paused' };
  if (v.copies.length > 1 && v.copies.every((c) => c.upToDate)) return { state: 'up-to-date', stateText: 'up to date' };
  const silent = v.copies.filter((c) => c.state === 'unknown').map((c) => c.server);
  if (silent.length === v.copies.length) return { state: 'unknown', stateText: 'no copy reports' };
  if (silent.length) return { state: 'degraded', stateText: 'degraded: ' + silent.join(', ') + ' not heard' };
  return { state: 'degraded', stateText: 'degraded: ' + (v.link.peerState ? v.link.label : 'copies not ready') };
}

/**
 * What recovering from `source` does, in words: the kept copy, the copies that discard their
 * changes, and the refusal ahead when a copy to discard is primary (error 1303).
 */
export function recoverEffect(name, copies, source) {
  if (!source) return 'Choose the server whose copy of ' + name + ' is kept.';
  const others = copies.filter((c) => c.server !== source);
  const names = others.map((c) => c.server).join(', ');
  let text = 'The copy on ' + source + ' is kept as it is.';
  if (others.length) {
    text += ' ' + names + (others.length > 1 ? ' discard' : ' discards') + ' every change made to ' + name
      + ' there that ' + source + ' does not have, and then takes a full copy from ' + source
      + '. This cannot be undone.';
  }
  const primary = others.find((c) => c.role === 'primary');
  if (primary) {
    text += ' ' + primary.server + ' is primary now and will refuse (error 1303): move the group to ' + source
      + ' or stop it first.';
  }
  return text;
}

/** The verify answer as a verdict: in sync, or the ranges that differ. */
export function verifyVerdict(body) {
  const results = (body && body.results) || [];
  const checked = results.find((r) => r.ok && r.data && Array.isArray(r.data.differingRanges));
  if (!checked) return null;
  const ranges = checked.data.differingRanges;
  const bytes = typeof checked.data.differingBytes === 'number' ? checked.data.differingBytes
    : ranges.reduce((n, r) => n + (r.length || 0), 0);
  return { inSync: ranges.length === 0, server: checked.server, ranges, bytes };
}

/** The servers that refused or did not answer, each with its error code. */
export function failures(body) {
  return ((body && body.results) || []).filter((r) => !r.ok)
    .map((r) => ({ server: r.server, code: r.code || 0, message: r.message || '' }));
}

export function formatBytes(n) {
  if (typeof n !== 'number' || !isFinite(n)) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (u === 0 ? String(v) : v.toFixed(v < 10 ? 1 : 0)) + ' ' + units[u];
}
