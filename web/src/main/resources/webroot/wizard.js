// Config mode: the cluster generation wizard. Steps follow the seed product's order; every
// change rebuilds cluster.yaml and validates it through the same validator as `zoneha validate`.
import { h, $ } from './dom.js';
import { api } from './api.js';
import { toYaml } from './yaml.js';

const STEPS = ['Cluster', 'Servers & priority', 'Interconnects', 'NP resolution', 'Groups', 'Group resources',
  'Monitors', 'Review & download'];

/** Type-specific fields; perServer marks fields usually set up individually per server. */
const RESOURCE_TYPES = {
  exec: [{ key: 'start', label: 'Start command', required: true }, { key: 'stop', label: 'Stop command' },
    { key: 'timeout', label: 'Timeout', placeholder: '30s' }],
  awsvip: [{ key: 'vip', label: 'Virtual IP', required: true }, { key: 'vpcId', label: 'VPC ID', placeholder: 'vpc-...', required: true },
    { key: 'eniId', label: 'ENI ID', placeholder: 'eni-...', perServer: true, required: true },
    { key: 'interface', label: 'Interface', placeholder: 'eth0' }],
  awseip: [{ key: 'allocationId', label: 'Allocation ID', placeholder: 'eipalloc-...', required: true },
    { key: 'eniId', label: 'ENI ID', placeholder: 'eni-...', perServer: true, required: true }],
  awsdns: [{ key: 'hostedZoneId', label: 'Hosted zone ID', required: true },
    { key: 'recordName', label: 'Record name', placeholder: 'app.example.com.', required: true },
    { key: 'ip', label: 'IP address', perServer: true, required: true }, { key: 'ttl', label: 'TTL', number: true, placeholder: '300' }],
  md: [{ key: 'dataPath', label: 'Data partition', required: true }, { key: 'clusterPath', label: 'Cluster partition', required: true },
    { key: 'size', label: 'Size', placeholder: '1G', required: true }, { key: 'mode', label: 'Mode', options: ['sync', 'async'] },
    { key: 'mirrorPort', label: 'Mirror port', number: true }, { key: 'nbdPort', label: 'NBD port', number: true }],
};

const MONITOR_TYPES = {
  pidw: [{ key: 'pidFile', label: 'PID file', required: true }],
  customw: [{ key: 'script', label: 'Check script', required: true }],
  httpw: [{ key: 'url', label: 'URL', placeholder: 'http://127.0.0.1:8080/health', required: true },
    { key: 'expectStatus', label: 'Expected status', number: true, placeholder: '200' }],
  awsvipw: [{ key: 'resource', label: 'Watched awsvip resource', resourceOf: 'awsvip', required: true }],
  awseipw: [{ key: 'resource', label: 'Watched awseip resource', resourceOf: 'awseip', required: true }],
  awsdnsw: [{ key: 'resource', label: 'Watched awsdns resource', resourceOf: 'awsdns', required: true }],
  awsazw: [{ key: 'availabilityZone', label: 'Availability zone', perServer: true, required: true },
    { key: 'onNoResponse', label: 'When AWS does not answer', options: ['warn', 'none', 'recover'] }],
  mdw: [{ key: 'mirror', label: 'Mirror (md resource)', resourceOf: 'md', required: true }],
  mdnw: [{ key: 'mirror', label: 'Mirror (md resource)', resourceOf: 'md', required: true }],
};

let model;
let step = 0;
let validateTimer = null;
let validation = 0;

export function startWizard(status) {
  model = initialModel(status);
  $('wizard-back').addEventListener('click', () => go(step - 1));
  $('wizard-next').addEventListener('click', () => go(step + 1));
  go(0);
}

function initialModel(status) {
  const known = (status && status.servers) || [];
  const names = known.length >= 2 ? known.map((s) => s.name) : ['node1', 'node2'];
  return {
    name: (status && status.cluster) || 'cluster1',
    keepSecret: !!(status && status.cluster),
    secret: randomSecret(),
    users: [],
    base: status ? status.fingerprint : null,
    servers: names.map((n, i) => ({ name: n, az: (known[i] && known[i].az) || '', ics: ['10.0.' + (110 + i * 10) + '.10'] })),
    heartbeat: { interval: '500ms', timeout: '3s' },
    np: [],
    groups: [{ name: 'failover1', startupServers: names.slice(), autoStart: true, autoFailback: false, resources: [] }],
    monitors: [],
  };
}

function randomSecret() {
  const b = new Uint8Array(24);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function go(n) {
  step = Math.max(0, Math.min(STEPS.length - 1, n));
  $('wizard-steps').replaceChildren(...STEPS.map((s, i) => h('li', { class: i === step ? 'current' : '',
    'data-testid': 'wizard-step-' + i, onclick: () => go(i) }, (i + 1) + '. ' + s)));
  $('wizard-back').disabled = step === 0;
  $('wizard-next').hidden = step === STEPS.length - 1;
  redraw();
}

function redraw() {
  const body = [h('h3', {}, STEPS[step]), VIEWS[step]()].flat(Infinity).filter((x) => x);
  $('wizard-body').replaceChildren(...body);
  changed();
}

/** A labelled input bound to obj[key]. */
function field(label, obj, key, opts = {}) {
  const id = opts.id || null;
  let input;
  if (opts.options) {
    input = h('select', { 'data-testid': id }, opts.options.map((o) => h('option', { value: o }, o === '' ? '(default)' : o)));
    input.value = obj[key] === undefined ? opts.options[0] : obj[key];
    if (obj[key] === undefined && !opts.optional) obj[key] = input.value;
  } else if (opts.checkbox) {
    input = h('input', { type: 'checkbox', checked: !!obj[key], 'data-testid': id });
  } else {
    input = h('input', { value: obj[key] === undefined ? '' : obj[key], placeholder: opts.placeholder || '', 'data-testid': id });
  }
  input.addEventListener(opts.checkbox || opts.options ? 'change' : 'input', () => {
    let v = opts.checkbox ? input.checked : input.value;
    if (opts.number && v !== '') v = Number(v);
    if (opts.list) v = String(v).split(',').map((x) => x.trim()).filter((x) => x);
    obj[key] = v;
    if (opts.redraw) redraw();
    else changed();
  });
  if (opts.list && Array.isArray(obj[key])) input.value = obj[key].join(', ');
  return h('label', {}, label + (opts.required ? ' *' : ''), input);
}

function button(text, onclick, attrs = {}) {
  return h('button', Object.assign({ type: 'button', onclick: () => { onclick(); redraw(); } }, attrs), text);
}

const VIEWS = [
  () => [h('p', { class: 'hint' }, 'Name the cluster. The secret signs every message between servers and derives the CLI token: keep it private.'),
    h('div', { class: 'form-grid' }, field('Cluster name', model, 'name', { required: true, id: 'wiz-cluster-name' }),
      model.base ? field('Keep the running cluster\'s secret', model, 'keepSecret', { checkbox: true, redraw: true, id: 'wiz-keep-secret' }) : null,
      model.keepSecret && model.base ? null : field('Secret (16+ characters)', model, 'secret', { required: true, id: 'wiz-secret' })),
    h('p', { class: 'hint' }, 'Web UI users. Passwords are hashed here in the browser (PBKDF2-SHA256); only the hash goes into the file.'),
    model.users.map((u, i) => h('div', { class: 'row' }, field('User', u, 'name', { id: 'wiz-user-name-' + i }),
      field('Role', u, 'role', { options: ['operator', 'viewer'], id: 'wiz-user-role-' + i }), passwordInput(u, i),
      button('Remove', () => model.users.splice(i, 1)))),
    button('Add user', () => model.users.push({ name: 'user' + (model.users.length + 1), role: 'operator', hash: '' }),
      { 'data-testid': 'wiz-add-user' })],

  () => [h('p', { class: 'hint' }, 'Servers in priority order: the first one runs groups when it can.'),
    model.servers.map((s, i) => h('div', { class: 'item' },
      h('div', { class: 'row' }, h('h3', {}, 'Priority ' + (i + 1)),
        button('↑', () => swap(model.servers, i, i - 1), { disabled: i === 0, title: 'higher priority' }),
        button('↓', () => swap(model.servers, i, i + 1), { disabled: i === model.servers.length - 1, title: 'lower priority' }),
        button('Remove', () => removeServer(i), { disabled: model.servers.length <= 2 })),
      h('div', { class: 'form-grid' }, field('Server name', s, 'name', { required: true, id: 'wiz-server-name-' + i }),
        field('Availability zone', s, 'az', { placeholder: 'us-east-1a', id: 'wiz-server-az-' + i })))),
    button('Add server', () => addServer(), { 'data-testid': 'wiz-add-server' })],

  () => [h('p', { class: 'hint' }, 'Heartbeats travel on every interconnect; a server is declared down only when all of them go silent.'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Interconnect'), model.servers.map((s) => h('th', {}, s.name)), h('th', {}))),
      h('tbody', {}, model.servers[0].ics.map((_, i) => h('tr', {}, h('td', {}, String(i + 1)),
        model.servers.map((s, j) => h('td', {}, addressInput(s, i, j))),
        h('td', {}, button('Remove', () => model.servers.forEach((s) => s.ics.splice(i, 1)),
          { disabled: model.servers[0].ics.length <= 1 })))))),
    button('Add interconnect', () => model.servers.forEach((s) => s.ics.push(''))),
    h('div', { class: 'form-grid' }, field('Heartbeat interval', model.heartbeat, 'interval', { placeholder: '500ms' }),
      field('Heartbeat timeout', model.heartbeat, 'timeout', { placeholder: '3s' }))],

  () => [h('p', { class: 'hint' }, 'When a server stops hearing its peer, it checks these targets: a server that reaches none of them isolates itself instead of taking over. Without any target a network split can start a group twice. A witness (zoneha witness, in a third AZ) also settles a cut interconnect: then only the witness decides.'),
    model.np.map((t, i) => h('div', { class: 'item' }, h('div', { class: 'row spread' }, h('h3', {}, 'Target ' + (i + 1)),
      button('Remove', () => model.np.splice(i, 1))),
    h('div', { class: 'form-grid' }, field('Type', t, 'type', { options: ['http', 'ping', 'witness'], redraw: true }),
      field('Target host or IP', t, 'target', { required: true }),
      t.type !== 'ping' ? field('Port', t, 'port', { number: true,
        placeholder: t.type === 'witness' ? '29020' : (t.ssl ? '443' : '80') }) : null,
      t.type !== 'ping' ? field('HTTPS', t, 'ssl', { checkbox: true }) : null,
      field('Timeout', t, 'timeout', { placeholder: '3s' })))),
    button('Add NP target', () => model.np.push({ type: 'http', target: '' }), { 'data-testid': 'wiz-add-np' })],

  () => [h('p', { class: 'hint' }, 'A failover group is the unit that starts, stops and moves between servers.'),
    model.groups.map((g, i) => h('div', { class: 'item' }, h('div', { class: 'row spread' }, h('h3', {}, 'Group ' + (i + 1)),
      button('Remove', () => model.groups.splice(i, 1))),
    h('div', { class: 'form-grid' }, field('Group name', g, 'name', { required: true, id: 'wiz-group-name-' + i }),
      field('Start automatically', g, 'autoStart', { checkbox: true }),
      field('Fail back automatically', g, 'autoFailback', { checkbox: true })),
    h('div', { class: 'hint' }, 'Servers that may run it, in failover order:'),
    h('div', { class: 'row' }, model.servers.map((s) => h('label', { class: 'row' }, serverToggle(g, s.name), s.name))))),
    button('Add group', () => model.groups.push({ name: 'failover' + (model.groups.length + 1),
      startupServers: model.servers.map((s) => s.name), autoStart: true, autoFailback: false, resources: [] }))],

  () => model.groups.map((g, gi) => h('div', { class: 'item' }, h('h3', {}, 'Group ' + g.name),
    g.resources.map((r, ri) => resourceEditor(g, r, ri, gi)),
    h('div', { class: 'row' }, Object.keys(RESOURCE_TYPES).map((t) => button('Add ' + t,
      () => g.resources.push({ name: t + (countType(t) + 1), type: t, dependsOn: [], params: {}, perServer: {}, tab: 'common' }),
      { 'data-testid': 'wiz-add-' + t + '-' + gi }))))),

  () => [h('p', { class: 'hint' }, 'Monitors check health periodically and recover on error: reactivate, then fail over, then the final action.'),
    model.monitors.map((m, i) => monitorEditor(m, i)),
    h('div', { class: 'row' }, Object.keys(MONITOR_TYPES).map((t) => button('Add ' + t, () => model.monitors.push({ name: t + (model.monitors.filter((x) => x.type === t).length + 1),
      type: t, interval: '5s', timeout: '60s', retries: 1, when: 'always', target: '',
      recovery: { target: '', reactivations: 3, failovers: 1, finalAction: 'none' }, params: {}, perServer: {}, tab: 'common' }),
    { 'data-testid': 'wiz-add-monitor-' + t })))],

  () => [h('p', { class: 'hint' }, 'Save this file as /etc/zoneha/cluster.yaml on every server, then start (or restart) the nodes.'),
    h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', 'data-testid': 'wiz-download', onclick: download }, 'Download cluster.yaml'),
      model.base ? h('button', { type: 'button', 'data-testid': 'wiz-apply', disabled: !canOperate(), onclick: applyToCluster,
        title: canOperate() ? 'install on every server; the confirmation says what restarts' : 'viewers may not apply' }, 'Apply to the running cluster') : null),
    h('div', { id: 'wiz-apply-result', 'data-testid': 'wiz-apply-result' }),
    h('pre', { class: 'yaml', id: 'wiz-yaml', 'data-testid': 'wiz-yaml' }, buildYaml())],
];

let canOperate = () => false;

/** Lets the operation mode tell whether the signed-in user may apply. */
export function setOperator(fn) {
  canOperate = fn;
}

function passwordInput(u, i) {
  const input = h('input', { type: 'password', placeholder: u.hash ? '(set; type to change)' : 'password',
    autocomplete: 'new-password', 'data-testid': 'wiz-user-password-' + i });
  input.addEventListener('input', async () => {
    const pw = input.value;
    u.hash = pw ? await pbkdf2Hash(pw) : '';
    changed();
  });
  return h('label', {}, 'Password', input);
}

const ITERATIONS = 210000;

/** The same format as `zoneha hash-password`: pbkdf2-sha256$iterations$saltB64$hashB64. */
async function pbkdf2Hash(password) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ITERATIONS }, key, 256);
  const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
  return 'pbkdf2-sha256$' + ITERATIONS + '$' + b64(salt) + '$' + b64(bits);
}

/** What the server says an apply of this file does (GET-free: the validate endpoint computes it). */
async function previewPlan(yaml) {
  const v = await api('POST', '/api/v1/config/validate', yaml, 'application/yaml');
  return v.data && v.data.valid ? v.data.plan : null;
}

const IMPACT_WORDS = {
  none: 'Nothing changes.',
  live: 'Taken live: no resource stops, no cluster service restarts.',
  monitors: 'Only the listed monitors restart; every resource keeps running.',
  groups: 'Only the listed groups restart, in place, on the server where they run; the others keep running.',
  rolling: 'The cluster service restarts one server at a time: standby servers first, then the active one. '
    + 'Groups on the active server move once, to a server that already runs the new configuration.',
  'all-at-once': 'Every server restarts its cluster service at the same time: a short outage of every group.',
};

function planView(plan) {
  if (!plan) return [h('p', {}, 'The server could not say what this apply restarts; assume every server restarts.')];
  return [h('p', { 'data-testid': 'apply-impact', 'data-impact': plan.impact }, h('strong', {}, plan.impact + ': '),
    IMPACT_WORDS[plan.impact] || plan.summary),
  // the summary names the groups and monitors; for a cluster restart it only repeats the impact
  plan.restartsClusterService ? null : h('p', { class: 'muted', 'data-testid': 'apply-summary' }, plan.summary),
  plan.changes.length ? h('ul', { 'data-testid': 'apply-changes' }, plan.changes.map((c) =>
    h('li', { 'data-impact': c.impact }, c.path + ': ' + c.what))) : null].filter((x) => x);
}

async function applyToCluster() {
  const out = $('wiz-apply-result');
  const yaml = buildYaml();
  const plan = await previewPlan(yaml);
  const d = $('confirm');
  $('confirm-text').replaceChildren(h('p', {}, 'Install this configuration on every server?'), ...planView(plan));
  d.returnValue = '';
  const ok = await new Promise((resolve) => { d.onclose = () => resolve(d.returnValue === 'ok'); d.showModal(); });
  if (!ok) return;
  out.replaceChildren(h('p', { class: 'muted' }, 'Applying...'));
  const r = await api('POST', '/api/v1/config/apply?base=' + encodeURIComponent(model.base), yaml, 'application/yaml');
  const servers = r.data.servers || {};
  out.replaceChildren(...[h('p', { class: r.data.applied ? 'validity ok' : 'validity bad', 'data-applied': String(!!r.data.applied),
    'data-impact': r.data.plan ? r.data.plan.impact : '' }, r.data.message || r.data.error || ('HTTP ' + r.status)),
  h('ul', {}, Object.entries(servers).map(([s, a]) => h('li', { class: a.ok ? '' : 'err' }, a.message))),
  r.data.problems ? h('ul', {}, r.data.problems.map((p) => h('li', { class: 'err' }, p.path + ': ' + p.message))) : null]
    .filter((x) => x));
  if (r.data.applied) model.base = r.data.version;
}

function addressInput(s, i, j) {
  const input = h('input', { value: s.ics[i] || '', placeholder: '10.0.0.' + (j + 1), 'data-testid': 'wiz-ic-' + i + '-' + j });
  input.addEventListener('input', () => { s.ics[i] = input.value.trim(); changed(); });
  return input;
}

function serverToggle(g, name) {
  const box = h('input', { type: 'checkbox', checked: g.startupServers.includes(name) });
  box.addEventListener('change', () => {
    const set = new Set(g.startupServers);
    if (box.checked) set.add(name); else set.delete(name);
    g.startupServers = model.servers.map((s) => s.name).filter((n) => set.has(n));
    changed();
  });
  return box;
}

function swap(list, a, b) {
  [list[a], list[b]] = [list[b], list[a]];
}

function addServer() {
  const n = model.servers.length;
  model.servers.push({ name: 'node' + (n + 1), az: '', ics: model.servers[0].ics.map(() => '') });
}

function removeServer(i) {
  const name = model.servers[i].name;
  model.servers.splice(i, 1);
  for (const g of model.groups) g.startupServers = g.startupServers.filter((s) => s !== name);
}

function countType(t) {
  return model.groups.flatMap((g) => g.resources).filter((r) => r.type === t).length;
}

function allResources() {
  return model.groups.flatMap((g) => g.resources);
}

/** Common fields, plus one tab per server for the fields set up individually. */
function tabbedParams(item, specs, servers, idPrefix) {
  const tabs = ['common'].concat(servers);
  const bar = h('div', { class: 'subtabs' }, tabs.map((t) => h('button', { type: 'button', class: item.tab === t ? 'active' : '',
    'data-testid': idPrefix + '-tab-' + t, onclick: () => { item.tab = t; redraw(); } }, t === 'common' ? 'Common' : t)));
  let fields;
  if (item.tab === 'common') {
    fields = specs.filter((f) => !f.perServer).map((f) => paramField(item.params, f, idPrefix + '-' + f.key));
    const individual = specs.filter((f) => f.perServer).map((f) => f.label);
    if (individual.length) fields.push(h('div', { class: 'hint' }, 'Set up individually in each server tab: ' + individual.join(', ')));
  } else {
    const own = item.perServer[item.tab] || (item.perServer[item.tab] = {});
    fields = specs.map((f) => h('div', {}, paramField(own, f, idPrefix + '-' + item.tab + '-' + f.key),
      f.perServer ? null : h('div', { class: 'hint' }, 'leave empty to use the common value')));
  }
  return [bar, h('div', { class: 'form-grid' }, fields)];
}

function paramField(obj, f, id) {
  if (f.resourceOf) {
    const names = allResources().filter((r) => r.type === f.resourceOf).map((r) => r.name);
    return field(f.label, obj, f.key, { options: names.length ? names : [''], required: f.required, id });
  }
  return field(f.label, obj, f.key, { placeholder: f.placeholder, number: f.number, options: f.options, required: f.required, id });
}

function resourceEditor(g, r, ri, gi) {
  const others = g.resources.filter((x) => x !== r).map((x) => x.name);
  return h('div', { class: 'item' }, h('div', { class: 'row spread' }, h('h3', {}, r.type + ' resource'),
    button('Remove', () => g.resources.splice(ri, 1))),
  h('div', { class: 'form-grid' }, field('Resource name', r, 'name', { required: true, id: 'wiz-res-name-' + gi + '-' + ri }),
    others.length ? field('Depends on (comma separated)', r, 'dependsOn', { list: true, placeholder: others.join(', ') }) : null),
  tabbedParams(r, RESOURCE_TYPES[r.type], g.startupServers, 'wiz-res-' + gi + '-' + ri));
}

function monitorEditor(m, i) {
  const resources = allResources().map((r) => r.name);
  const targets = [''].concat(model.groups.map((g) => g.name), resources, ['LocalServer']);
  return h('div', { class: 'item' }, h('div', { class: 'row spread' }, h('h3', {}, m.type + ' monitor'),
    button('Remove', () => model.monitors.splice(i, 1))),
  h('div', { class: 'form-grid' }, field('Monitor name', m, 'name', { required: true, id: 'wiz-mon-name-' + i }),
    field('Interval', m, 'interval'), field('Timeout', m, 'timeout'), field('Retries', m, 'retries', { number: true }),
    field('Monitor when', m, 'when', { options: ['always', 'active'], redraw: true }),
    m.when === 'active' ? field('Target resource', m, 'target', { options: resources.length ? resources : [''] }) : null),
  h('div', { class: 'hint' }, 'Recovery'),
  h('div', { class: 'form-grid' }, field('Recovery target (empty = default)', m.recovery, 'target', { options: targets }),
    field('Reactivations', m.recovery, 'reactivations', { number: true }),
    field('Failovers', m.recovery, 'failovers', { number: true }),
    field('Final action', m.recovery, 'finalAction', { options: ['none', 'stopGroup', 'stopClusterService'] })),
  tabbedParams(m, MONITOR_TYPES[m.type], model.servers.map((s) => s.name), 'wiz-mon-' + i));
}

function clean(params) {
  const out = {};
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== undefined) out[k] = v;
  return out;
}

function perServer(map) {
  const out = {};
  for (const [s, p] of Object.entries(map || {})) {
    const c = clean(p);
    if (Object.keys(c).length) out[s] = c;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The model as cluster.yaml (see docs: cluster.yaml schema); empty optional values are left out. */
export function buildYaml() {
  const doc = { cluster: { name: model.name, secret: model.keepSecret && model.base ? '***' : model.secret } };
  doc.servers = model.servers.map((s) => Object.assign({ name: s.name }, s.az ? { az: s.az } : {}, { interconnects: s.ics.slice() }));
  doc.heartbeat = clean(model.heartbeat);
  const users = model.users.filter((u) => u.name);
  if (users.length) doc.management = { users: users.map((u) => ({ name: u.name, role: u.role, passwordHash: u.hash || '' })) };
  if (model.np.length) doc.np = model.np.map((t) => clean(t));
  if (model.groups.length) {
    doc.groups = model.groups.map((g) => {
      const o = { name: g.name, startupServers: g.startupServers.slice(), autoStart: !!g.autoStart, autoFailback: !!g.autoFailback };
      if (g.resources.length) {
        o.resources = g.resources.map((r) => Object.assign({ name: r.name, type: r.type },
          r.dependsOn && r.dependsOn.length ? { dependsOn: r.dependsOn.slice() } : {},
          { params: clean(r.params) }, perServer(r.perServer) ? { servers: perServer(r.perServer) } : {}));
      }
      return o;
    });
  }
  if (model.monitors.length) {
    doc.monitors = model.monitors.map((m) => {
      const o = { name: m.name, type: m.type, interval: m.interval, timeout: m.timeout, retries: m.retries, when: m.when };
      if (m.when === 'active' && m.target) o.target = m.target;
      o.recovery = clean(m.recovery);
      o.params = clean(m.params);
      if (perServer(m.perServer)) o.servers = perServer(m.perServer);
      return o;
    });
  }
  return toYaml(doc);
}

function changed() {
  const pre = $('wiz-yaml');
  if (pre) pre.textContent = buildYaml();
  clearTimeout(validateTimer);
  validateTimer = setTimeout(validate, 300);
}

async function validate() {
  const mine = ++validation;
  const r = await api('POST', '/api/v1/config/validate', buildYaml(), 'application/yaml');
  if (mine !== validation) return; // a newer edit is being validated
  const v = $('wizard-valid');
  if (r.status !== 200) {
    v.textContent = 'validation unavailable: ' + (r.data.error || r.status);
    v.className = 'validity bad';
    return;
  }
  v.textContent = r.data.valid ? '✓ valid configuration' : r.data.problems.length + ' problem(s)';
  v.className = 'validity ' + (r.data.valid ? 'ok' : 'bad');
  v.dataset.valid = String(r.data.valid);
  $('wizard-problems').replaceChildren(...(r.data.valid ? [] : [h('ul', { 'data-testid': 'wiz-problems' },
    r.data.problems.map((p) => h('li', {}, p.path + ': ' + p.message)))]));
}

function download() {
  const blob = new Blob([buildYaml()], { type: 'application/yaml' });
  const a = h('a', { href: URL.createObjectURL(blob), download: 'cluster.yaml' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
