// Browser test of the web UI alone: the static files are served from the source tree and the
// API and WebSocket are mocked with Playwright routes, so states that are hard to cause on a real
// cluster (isolation, split brain, a stale mirror, error codes) can be shown and checked.
// Environment: ZONEHA_WEBROOT (the webroot directory), ZONEHA_SCREENSHOTS. Prints "UI PASS".
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openMocked, check } from './mock.mjs';

const webroot = process.env.ZONEHA_WEBROOT || '../src/main/resources/webroot';
const shots = process.env.ZONEHA_SCREENSHOTS || 'e2e-screenshots';
mkdirSync(shots, { recursive: true });

function status(troubled) {
  return {
    cluster: 'mock', reportedBy: 'node1', fingerprint: 'abc',
    servers: [{ name: 'node1', state: 'online', az: 'us-east-1a' },
      { name: 'node2', state: troubled ? 'isolated' : 'online', az: 'us-east-1b' }],
    groups: [{ name: 'failover1', state: troubled ? 'error' : 'online', server: 'node1', lastError: troubled ? 'app1 failed' : '' }],
    resources: [{ name: 'app1', group: 'failover1', type: 'exec', server: 'node1', state: troubled ? 'error' : 'online',
      code: troubled ? 11 : 0, message: troubled ? 'start script exited with 3: no config' : '' }],
    monitors: [{ name: 'mdw1', type: 'mdw', server: 'node1', state: troubled ? 'error' : 'normal', code: 0,
      message: troubled ? 'mirror md1 is behind' : '' }],
    mirrors: [{ name: 'md1', server: 'node2', state: troubled ? 'resync' : 'up-to-date', upToDate: !troubled,
      role: 'secondary', peerState: troubled ? 'resync' : 'streaming', syncPercent: troubled ? 42.5 : 100 }],
    alerts: troubled ? [{ time: Date.now() - 1000, server: 'node1', severity: 'error', group: 'failover1',
      message: 'split brain detected: failover1 active on node1 and node2; node2 yields' }] : [],
  };
}

async function main() {
  const browser = await launch();
  try {
    const { page, posts, send } = await openMocked(browser, { webroot, snapshot: status(true),
      session: { user: 'op', role: 'operator', canOperate: true, auth: 'session', csrf: 'tok' },
      answer: () => ({ status: 202, json: { accepted: true, message: 'moved to node2 by op' } }) });

    await page.waitForSelector('[data-testid="banner-isolated"]');
    for (const b of ['banner-split-brain', 'banner-mirror']) {
      check(await page.locator('[data-testid="' + b + '"]').count() > 0, 'missing ' + b);
    }
    const mirrorBanner = await page.locator('[data-testid="banner-mirror"]').first().innerText();
    check(mirrorBanner.includes('md1 on node2') && mirrorBanner.includes('resync 42.5%'),
      'mirror banner names the copy and its progress: ' + mirrorBanner);
    const errorCell = await page.locator('[data-testid="resource-app1-node1"]').innerText();
    check(errorCell.includes('code 11') && errorCell.includes('start script failed') && errorCell.includes('no config'),
      'error code, meaning and message shown: ' + errorCell);
    await page.screenshot({ path: join(shots, 'ui-banners.png'), fullPage: true });

    send(status(false));
    await page.waitForSelector('[data-testid="banner-isolated"]', { state: 'detached' });
    check(await page.locator('#banners > *').count() === 0, 'banners gone when healthy');

    // interconnect cut, peer alive per the witness
    const cut = status(false);
    cut.servers[1] = { name: 'node2', state: 'unreachable', az: 'us-east-1b',
      note: 'no heartbeats on any interconnect, but the witness hears it' };
    send(cut);
    await page.waitForSelector('[data-testid="banner-unreachable"]');
    const cutBanner = await page.locator('[data-testid="banner-unreachable"]').innerText();
    check(cutBanner.includes('node2') && cutBanner.includes('witness') && cutBanner.includes('Nothing fails over'),
      'unreachable banner explains the cut: ' + cutBanner);
    send(status(false));
    await page.waitForSelector('[data-testid="banner-unreachable"]', { state: 'detached' });

    await page.click('[data-testid="move-failover1-node2"]');
    await page.click('#confirm-cancel');
    check(posts.length === 0, 'cancel sends nothing');
    await page.click('[data-testid="move-failover1-node2"]');
    await page.click('#confirm-ok');
    await page.waitForSelector('#toast:not([hidden])');
    check(posts.length === 1 && posts[0].csrf === 'tok' && JSON.parse(posts[0].body).server === 'node2'
      && posts[0].url.endsWith('/api/v1/groups/failover1/move'), 'move request: ' + JSON.stringify(posts));
    console.log('UI PASS');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error('UI FAIL ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
