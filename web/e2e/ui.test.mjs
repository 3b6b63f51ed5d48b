// Browser end-to-end test of the ZoneHA web UI in Debian's chromium, driven by playwright-core.
// Environment:
//   ZONEHA_URL          base URL of the node whose UI the browser opens (it must survive the kill)
//   ZONEHA_OPERATOR     user:password of an operator      ZONEHA_VIEWER   user:password of a viewer
//   ZONEHA_SCREENSHOTS  directory for screenshots
//   ZONEHA_GROUP        group to move (default failover1)
//   ZONEHA_INTERCONNECTS the servers' interconnect addresses, comma separated, in priority order
// Protocol with the harness: the script prints "KILL <server>" and waits for the line
// "KILLED <server>" on stdin; "START <server>" is answered by "STARTED <server>". It prints "E2E PASS" at the end and exits 0, or exits 1 on failure.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { need, step, shot, login as logInto, opUser, opPass, viewUser, viewPass } from './live.mjs';

const group = process.env.ZONEHA_GROUP || 'failover1';
const interconnects = need('ZONEHA_INTERCONNECTS').split(',');
const LIVE_MS = 30_000;

const stdinLines = createInterface({ input: process.stdin });
const waiting = [];
stdinLines.on('line', (l) => { const w = waiting.shift(); if (w) w(l.trim()); });
function ask(line) {
  return new Promise((resolve) => { waiting.push(resolve); console.log(line); });
}

function login(page, user, password) {
  return logInto(page, user, password, LIVE_MS);
}

async function groupState(page) {
  const card = page.locator('[data-testid="group-' + group + '"]');
  return { state: await card.getAttribute('data-state'), server: await card.getAttribute('data-server') };
}

async function waitGroup(page, state, server, what) {
  await page.waitForFunction(([g, st, sv]) => {
    const el = document.querySelector('[data-testid="group-' + g + '"]');
    return el && el.dataset.state === st && el.dataset.server === sv;
  }, [group, state, server], { timeout: LIVE_MS }).catch(async (e) => {
    throw new Error(what + ': group is ' + JSON.stringify(await groupState(page)) + ' (' + e.message + ')');
  });
}

async function runWizard(page) {
  await page.click('#tab-config');
  await page.waitForSelector('#config-view:not([hidden])');
  // 1. cluster: name and secret kept from the running cluster; the two web users
  for (const [i, [user, pass, role]] of [[opUser, opPass, 'operator'], [viewUser, viewPass, 'viewer']].entries()) {
    await page.click('[data-testid="wiz-add-user"]');
    await page.fill('[data-testid="wiz-user-name-' + i + '"]', user);
    await page.selectOption('[data-testid="wiz-user-role-' + i + '"]', role);
    await page.fill('[data-testid="wiz-user-password-' + i + '"]', pass);
  }
  await page.click('#wizard-next');
  // 2. servers, 3. interconnects
  await page.fill('[data-testid="wiz-server-az-0"]', 'us-east-1a');
  await page.fill('[data-testid="wiz-server-az-1"]', 'us-east-1b');
  await page.click('#wizard-next');
  await page.fill('[data-testid="wiz-ic-0-0"]', interconnects[0]);
  await page.fill('[data-testid="wiz-ic-0-1"]', interconnects[1]);
  await page.click('#wizard-next'); // 4. NP resolution: none on loopback
  await page.click('#wizard-next'); // 5. groups: failover1 as proposed
  await page.click('#wizard-next'); // 6. resources
  await page.click('[data-testid="wiz-add-exec-0"]');
  await page.fill('[data-testid="wiz-res-0-0-start"]', 'true');
  await page.fill('[data-testid="wiz-res-0-0-stop"]', 'true');
  await page.click('#wizard-next'); // 7. monitors
  await page.click('[data-testid="wiz-add-monitor-customw"]');
  await page.fill('[data-testid="wiz-mon-0-script"]', 'true');
  await page.click('#wizard-next'); // 8. review
  await page.waitForFunction(() => document.querySelector('#wizard-valid')?.dataset.valid === 'true', null,
    { timeout: 10_000 }).catch(async () => {
    throw new Error('wizard config not valid: ' + await page.locator('#wizard-problems').innerText()
      + '\n' + await page.locator('[data-testid="wiz-yaml"]').innerText());
  });
  const yaml = await page.locator('[data-testid="wiz-yaml"]').innerText();
  // the same check the CLI does, asked directly
  const verdict = await page.evaluate(async (text) => {
    const s = await (await fetch('/api/v1/session')).json();
    const r = await fetch('/api/v1/config/validate', { method: 'POST', body: text,
      headers: { 'Content-Type': 'application/yaml', 'X-ZoneHA-CSRF': s.csrf } });
    return r.json();
  }, yaml);
  if (!verdict.valid) throw new Error('validate endpoint refused the wizard config: ' + JSON.stringify(verdict));
  if (!yaml.includes('type: exec') || !yaml.includes('passwordHash: "pbkdf2-sha256$')) throw new Error('unexpected yaml:\n' + yaml);
  await shot(page, '04-wizard-valid');
  const download = page.waitForEvent('download');
  await page.click('[data-testid="wiz-download"]');
  if ((await download).suggestedFilename() !== 'cluster.yaml') throw new Error('download is not cluster.yaml');

  step('apply the wizard\'s configuration to both nodes');
  await page.click('[data-testid="wiz-apply"]');
  await page.waitForSelector('#confirm[open] [data-testid="apply-impact"]');
  // the dialog says what the apply restarts before the operator confirms
  const impact = await page.locator('#confirm [data-testid="apply-impact"]').getAttribute('data-impact');
  if (!impact) throw new Error('the apply dialog does not say what restarts');
  await shot(page, '05-apply-plan');
  await page.click('#confirm-ok');
  await page.waitForSelector('[data-testid="wiz-apply-result"] [data-applied]', { state: 'attached', timeout: LIVE_MS });
  const applied = await page.locator('[data-testid="wiz-apply-result"]').innerText();
  await shot(page, '05-applied');
  if (!(await page.locator('[data-testid="wiz-apply-result"] [data-applied="true"]').count())) {
    throw new Error('apply failed: ' + applied);
  }
  // a cluster service restart (or changed logins) ends the session: the UI then asks to log in again
  const relogin = impact === 'rolling' || impact === 'all-at-once' || applied.includes('web sessions end');
  if (relogin) {
    await page.waitForSelector('#login-view:not([hidden])', { timeout: 60_000 });
    await login(page, opUser, opPass);
  }
  await page.waitForSelector('[data-testid="resource-exec1-node1"]', { timeout: 60_000 });
  await page.waitForFunction((g) => document.querySelector('[data-testid="group-' + g + '"]')?.dataset.state === 'online',
    group, { timeout: 60_000 });
  await shot(page, '06-after-apply');
}

async function viewerCannotAct(browser) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await login(page, viewUser, viewPass);
  for (const id of ['start-' + group, 'stop-' + group]) {
    if (!(await page.locator('[data-testid="' + id + '"]').isDisabled())) throw new Error(id + ' is enabled for a viewer');
  }
  const moves = page.locator('[data-testid^="move-' + group + '-"]');
  for (let i = 0; i < await moves.count(); i++) {
    if (!(await moves.nth(i).isDisabled())) throw new Error('a move button is enabled for a viewer');
  }
  const status = await page.evaluate(async (g) => {
    const s = await (await fetch('/api/v1/session')).json();
    const r = await fetch('/api/v1/groups/' + g + '/stop', { method: 'POST', headers: { 'X-ZoneHA-CSRF': s.csrf } });
    return r.status;
  }, group);
  if (status !== 403) throw new Error('viewer stop request answered ' + status);
  await shot(page, '07-viewer');
  await ctx.close();
}

let current = null; // the page to photograph when a step fails

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    current = page;
    page.on('pageerror', (e) => console.log('PAGE ERROR ' + e.message));

    step('log in as operator and see both servers online');
    await login(page, opUser, opPass);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="server-"][data-state="online"]').length === 2,
      null, { timeout: LIVE_MS });
    const first = await groupState(page);
    if (first.state !== 'online') await waitGroup(page, 'online', first.server || 'node1', 'group online at start');
    const from = (await groupState(page)).server;
    const servers = await page.$$eval('[data-testid^="server-"]', (els) => els.map((e) => e.dataset.testid.slice(7)));
    const to = servers.find((s) => s !== from);
    await shot(page, '01-online');

    step('move ' + group + ' from ' + from + ' to ' + to + ' with the button');
    await page.evaluate(() => { window.__noReload = true; });
    await page.click('[data-testid="move-' + group + '-' + to + '"]');
    await page.waitForSelector('#confirm[open]');
    await shot(page, '02-confirm');
    await page.click('#confirm-ok');
    await waitGroup(page, 'online', to, 'after move');
    if (!(await page.evaluate(() => window.__noReload === true))) throw new Error('the page reloaded');
    await page.waitForFunction((g) => [...document.querySelectorAll('[data-testid="alert-log"] td')]
      .some((td) => td.textContent.includes('move group ' + g)), group, { timeout: LIVE_MS });
    await shot(page, '03-moved');

    step('kill ' + to + ' (now active) and watch the failover arrive');
    const ack = await ask('KILL ' + to);
    if (ack !== 'KILLED ' + to) throw new Error('harness answered ' + ack);
    await page.waitForSelector('[data-testid="server-' + to + '"][data-state="offline"]', { timeout: LIVE_MS });
    await waitGroup(page, 'online', from, 'after failover');
    if (!(await page.evaluate(() => window.__noReload === true))) throw new Error('the page reloaded');
    await shot(page, '03b-failover');

    step('start ' + to + ' again');
    const started = await ask('START ' + to);
    if (started !== 'STARTED ' + to) throw new Error('harness answered ' + started);
    await page.waitForSelector('[data-testid="server-' + to + '"][data-state="online"]', { timeout: 60_000 });

    step('build a configuration with the wizard, validate it');
    await runWizard(page);

    step('a viewer cannot act');
    await viewerCannotAct(browser);
    console.log('E2E PASS');
  } catch (e) {
    if (current) await shot(current, '99-failure').catch(() => {});
    throw e;
  } finally {
    await browser.close();
    stdinLines.close();
  }
}

main().catch((e) => {
  console.error('E2E FAIL ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
