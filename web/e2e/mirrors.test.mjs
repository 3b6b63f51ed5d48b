// Browser test of the Mirrors panel alone, with the API and the stream mocked (mock.mjs): a full
// sync with progress, a split brain, async lag, verify verdicts, an error naming the server and
// its code, the recover dialog, live updates that keep the focus, and a viewer without buttons.
// Environment: ZONEHA_WEBROOT, ZONEHA_SCREENSHOTS. Prints "MIRRORS PASS".
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openMocked, check } from './mock.mjs';

const webroot = process.env.ZONEHA_WEBROOT || '../src/main/resources/webroot';
const shots = process.env.ZONEHA_SCREENSHOTS || 'e2e-screenshots';
mkdirSync(shots, { recursive: true });
const MIB = 1024 * 1024;

const copy = (name, server, o) => ({ name, group: 'failover1', server, mode: 'sync', upToDate: false, paused: false,
  splitBrain: false, dirtyBytes: 0, lagBytes: 0, syncPercent: 100, ...o });
const upToDate = (name, server, role, o) => copy(name, server, { state: 'up-to-date', upToDate: true, role,
  diskState: 'up-to-date', peerState: 'streaming', ...o });

function status(md1Synced) {
  return {
    cluster: 'mock', reportedBy: 'node1', fingerprint: 'abc',
    servers: [{ name: 'node1', state: 'online' }, { name: 'node2', state: 'online' }],
    groups: [{ name: 'failover1', state: 'online', server: 'node1' }], resources: [], monitors: [], alerts: [],
    mirrors: [
      md1Synced ? upToDate('md1', 'node1', 'primary') : copy('md1', 'node1', { state: 'full-sync', role: 'primary',
        diskState: 'up-to-date', peerState: 'full-sync', syncPercent: 42.5, syncDirection: 'source', dirtyBytes: 9 * MIB }),
      md1Synced ? upToDate('md1', 'node2', 'secondary') : copy('md1', 'node2', { state: 'full-sync', role: 'secondary',
        diskState: 'inconsistent', peerState: 'full-sync', syncDirection: 'target' }),
      copy('md2', 'node1', { state: 'split-brain', role: 'primary', diskState: 'up-to-date', peerState: 'split-brain',
        splitBrain: true, dirtyBytes: 3 * MIB, lastProblem: 'split brain: both copies were primary while apart' }),
      copy('md2', 'node2', { state: 'split-brain', role: 'secondary', diskState: 'up-to-date', peerState: 'split-brain',
        splitBrain: true, dirtyBytes: MIB }),
      upToDate('md3', 'node1', 'primary', { mode: 'async', lagBytes: 64 * 1024 }),
      upToDate('md3', 'node2', 'secondary', { mode: 'async' }),
    ],
  };
}

const answers = [];
function answer(post) {
  return answers.shift() || { status: 200, json: { accepted: true, message: 'done', results: [] } };
}

const sel = (id) => '[data-testid="' + id + '"]';

async function operator(browser) {
  const { page, posts, send } = await openMocked(browser, { webroot, snapshot: status(false), answer,
    session: { user: 'op', role: 'operator', canOperate: true, csrf: 'tok' } });
  await page.waitForSelector(sel('mirror-md1'));
  const md1 = page.locator(sel('mirror-md1'));
  check(await md1.getAttribute('data-state') === 'syncing', 'md1 syncing');
  const bar = page.locator(sel('mirror-md1') + ' [role="progressbar"]');
  check(await bar.getAttribute('aria-valuenow') === '42.5', 'progress value');
  const progress = await page.locator(sel('mirror-md1-progress')).innerText();
  check(progress.includes('42.5%') && progress.includes('9.0 MiB left') && progress.includes('from node1 to node2'),
    'progress text: ' + progress);
  check(await page.locator(sel('mirror-md1-link')).getAttribute('data-link') === 'up', 'md1 link up while syncing');
  check(await page.locator(sel('mirror-md1-copy-node2')).getAttribute('data-disk') === 'inconsistent', 'md1 target disk');
  const split = await page.locator(sel('mirror-md2-split-brain')).innerText();
  check(split.includes('zoneha mirror recover md2 --source SERVER') && split.includes('Press Recover'), 'split: ' + split);
  check(await page.locator(sel('mirror-md2-link')).getAttribute('data-link') === 'down', 'md2 link down');
  check((await page.locator(sel('mirror-md3-lag')).innerText()).includes('64 KiB'), 'md3 async lag');
  check(await page.locator(sel('banner-mirror')).count() > 0, 'banners kept');
  await page.screenshot({ path: join(shots, 'ui-mirrors.png'), fullPage: true });

  // verify: the ranges that differ, then in sync
  answers.push({ status: 200, json: { accepted: true, message: 'verify of md3 found 2 differing range(s), 12288 bytes',
    results: [{ server: 'node1', ok: true, code: 0, message: '', data: { differingBytes: 12288,
      differingRanges: [{ offset: 0, length: 4096 }, { offset: 1048576, length: 8192 }] } },
    { server: 'node2', ok: true, code: 0, message: '', data: { skipped: true } }] } });
  await page.click(sel('mirror-md3-verify'));
  await page.waitForSelector(sel('mirror-md3-message') + '[data-kind="differ"]');
  const differ = await page.locator(sel('mirror-md3-message')).innerText();
  check(differ.includes('2 range(s)') && differ.includes('1048576') && differ.includes('8192'), 'differ: ' + differ);
  answers.push({ status: 200, json: { accepted: true, message: 'verify of md3 found both copies identical',
    results: [{ server: 'node1', ok: true, code: 0, message: '', data: { differingBytes: 0, differingRanges: [] } }] } });
  await page.click(sel('mirror-md3-verify'));
  await page.waitForSelector(sel('mirror-md3-message') + '[data-kind="in-sync"]');
  check((await page.locator(sel('mirror-md3-message')).innerText()).includes('In sync'), 'in sync shown');

  // pause: cancel sends nothing; a refusal names the server and its code next to the card
  const before = posts.length;
  await page.click(sel('mirror-md3-pause'));
  await page.click('#confirm-cancel');
  check(posts.length === before, 'cancel sends nothing');
  answers.push({ status: 409, json: { accepted: false, message: 'node2: no answer from node2: timeout',
    results: [{ server: 'node1', ok: true, code: 0, message: 'paused on node1', data: {} },
      { server: 'node2', ok: false, code: 1308, message: 'no answer from node2: timeout', data: {} }] } });
  await page.click(sel('mirror-md3-pause'));
  await page.click('#confirm-ok');
  await page.waitForSelector(sel('mirror-md3-message') + '[data-kind="error"][role="alert"]');
  const err = await page.locator(sel('mirror-md3-message')).innerText();
  check(err.includes('node2') && err.includes('1308') && err.includes('pause failed'), 'error: ' + err);
  check(posts.at(-1).path === '/api/v1/mirrors/md3/pause' && posts.at(-1).csrf === 'tok', 'pause request');

  // recover: nothing can be confirmed before a source is chosen; the effect names the other copy
  await page.click(sel('mirror-md2-recover'));
  await page.waitForSelector('#mirror-recover[open]');
  check(await page.locator('#recover-ok').isDisabled(), 'recover needs a source');
  await page.check(sel('recover-source-node2'));
  const effect = await page.locator('#recover-effect').innerText();
  await page.screenshot({ path: join(shots, 'ui-mirror-recover.png') });
  check(effect.includes('node2') && effect.includes('node1 discards') && effect.includes('full copy')
    && effect.includes('error 1303'), 'effect: ' + effect);
  answers.push({ status: 200, json: { accepted: true, message: 'node1 discarded its changes to md2; node2 keeps its copy',
    results: [] } });
  await page.click('#recover-ok');
  await page.waitForSelector(sel('mirror-md2-message') + '[data-kind="done"]');
  check(posts.at(-1).path === '/api/v1/mirrors/md2/recover' && JSON.parse(posts.at(-1).body).source === 'node2',
    'recover request: ' + JSON.stringify(posts.at(-1)));

  // a live update rebuilds only the card that changed: the focused button stays focused
  await page.focus(sel('mirror-md3-verify'));
  send(status(true));
  await page.waitForSelector(sel('mirror-md1') + '[data-state="up-to-date"]');
  check(await page.locator(sel('mirror-md1-progress')).count() === 0, 'progress gone when synced');
  check(await page.evaluate(() => document.activeElement?.dataset.testid) === 'mirror-md3-verify', 'focus kept');
  // ...and a rebuilt card gives the focus back to the same button
  await page.focus(sel('mirror-md1-pause'));
  send(status(false));
  await page.waitForSelector(sel('mirror-md1') + '[data-state="syncing"]');
  check(await page.evaluate(() => document.activeElement?.dataset.testid) === 'mirror-md1-pause', 'focus restored');

  // a running action shows what it does and holds the buttons until its answer
  let release;
  answers.push(new Promise((resolve) => { release = resolve; }));
  await page.click(sel('mirror-md1-verify'));
  await page.waitForSelector(sel('mirror-md1-message') + '[data-kind="busy"][data-op="verify"]');
  check(await page.locator(sel('mirror-md1-pause')).isDisabled(), 'buttons held while an action runs');
  check(await page.getAttribute(sel('mirror-md1'), 'aria-busy') === 'true', 'card marked busy');
  release({ status: 200, json: { accepted: true, message: 'verify of md1 found both copies identical',
    results: [{ server: 'node1', ok: true, code: 0, message: '', data: { differingBytes: 0, differingRanges: [] } }] } });
  await page.waitForSelector(sel('mirror-md1-message') + '[data-kind="in-sync"]');
  check(!(await page.locator(sel('mirror-md1-pause')).isDisabled()), 'buttons back after the answer');
  check(await page.evaluate(() => document.activeElement?.dataset.testid) === 'mirror-md1-verify', 'focus back on verify');
  send({ ...status(true), mirrors: [] });
  await page.waitForSelector('#mirrors-section', { state: 'hidden' });
}

async function viewer(browser) {
  const { page } = await openMocked(browser, { webroot, snapshot: status(false), answer,
    session: { user: 'eve', role: 'viewer', canOperate: false, csrf: 'tok' } });
  await page.waitForSelector(sel('mirror-md2-split-brain'));
  check(await page.locator('#mirrors button').count() === 0, 'a viewer sees no mirror buttons');
  check((await page.locator(sel('mirror-md2-split-brain')).innerText()).includes('An operator can press Recover'),
    'viewer split-brain text');
}

async function main() {
  const browser = await launch();
  try {
    await operator(browser);
    await viewer(browser);
    console.log('MIRRORS PASS');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error('MIRRORS FAIL ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
