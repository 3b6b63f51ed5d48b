// The Mirrors panel in Debian's chromium against a real two-node cluster with one md resource
// (node's MirrorUiE2eTest starts it): an operator sees both copies up to date, pauses (the card
// shows paused and the link down), resumes (streaming, up to date again) and verifies (in sync);
// a viewer sees the card without buttons. Prints "MIRROR E2E PASS".
// Environment: ZONEHA_URL, ZONEHA_OPERATOR and ZONEHA_VIEWER (user:password), ZONEHA_MIRROR (the md
// resource), ZONEHA_SCREENSHOTS.
import { chromium } from 'playwright-core';
import { need, step, shot, login as logInto, opUser, opPass, viewUser, viewPass } from './live.mjs';

const mirror = need('ZONEHA_MIRROR');
const WAIT_MS = 15_000;

const card = '[data-testid="mirror-' + mirror + '"]';
const link = '[data-testid="mirror-' + mirror + '-link"]';
const message = '[data-testid="mirror-' + mirror + '-message"]';

async function login(browser, user, password) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (e) => console.log('PAGE ERROR ' + e.message));
  await logInto(page, user, password, WAIT_MS);
  return page;
}

/** What the card shows, for failure messages. */
async function describe(page) {
  return page.evaluate(([c, l, m]) => {
    const el = document.querySelector(c);
    if (!el) return 'no card';
    const copies = [...el.querySelectorAll('[data-testid*="-copy-"]')].map((x) => x.dataset.testid + ' role='
      + x.dataset.role + ' disk=' + x.dataset.disk + ' peer=' + x.dataset.peer + ' paused=' + x.dataset.paused);
    return 'state=' + el.dataset.state + ' link=' + document.querySelector(l)?.dataset.link + '/'
      + document.querySelector(l)?.dataset.peer + ' ' + copies.join('; ') + ' message='
      + (document.querySelector(m)?.innerText || '');
  }, [card, link, message]);
}

/** Waits until the card is in `state` with the link `linkState` (and, if given, `peer`). */
async function waitCard(page, state, linkState, peer, what) {
  await page.waitForFunction(([c, l, st, ls, p]) => {
    const el = document.querySelector(c);
    const ln = document.querySelector(l);
    return el && ln && el.dataset.state === st && ln.dataset.link === ls && (!p || ln.dataset.peer === p);
  }, [card, link, state, linkState, peer], { timeout: WAIT_MS }).catch(async (e) => {
    throw new Error(what + ': ' + await describe(page) + ' (' + e.message.split('\n')[0] + ')');
  });
}

async function bothUpToDate(page, what) {
  await waitCard(page, 'up-to-date', 'up', 'streaming', what);
  const roles = await page.$$eval(card + ' [data-testid*="-copy-"]', (els) => els.map((e) => e.dataset.role + '/'
    + e.dataset.disk).sort());
  if (roles.join() !== 'primary/up-to-date,secondary/up-to-date') throw new Error(what + ': copies ' + roles);
}

/** Presses an action (confirming it when asked) and waits for its answer next to the card. */
async function act(page, op, kind) {
  await page.click('[data-testid="mirror-' + mirror + '-' + op + '"]');
  if (op !== 'verify') {
    await page.waitForSelector('#confirm[open]');
    await page.click('#confirm-ok');
  }
  // verify reads the whole disk on both sides: the API allows it two minutes
  await page.waitForSelector(message + '[data-op="' + op + '"]:not([data-kind="busy"])', { timeout: 130_000 });
  const got = await page.getAttribute(message, 'data-kind');
  if (got !== kind) throw new Error(op + ' answered ' + got + ': ' + await page.innerText(message));
}

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  let page = null;
  try {
    step('operator sees both copies up to date');
    page = await login(browser, opUser, opPass);
    await bothUpToDate(page, 'at start');

    step('pause: the card shows paused and the link down');
    await act(page, 'pause', 'done');
    await waitCard(page, 'paused', 'down', 'paused', 'after pause');
    await shot(page, 'mirror-paused');

    step('resume: streaming and up to date again');
    await act(page, 'resume', 'done');
    await bothUpToDate(page, 'after resume');

    step('verify: in sync');
    await act(page, 'verify', 'in-sync');
    await shot(page, 'mirror-verified');
    await page.context().close();

    step('a viewer sees the card and no buttons');
    page = await login(browser, viewUser, viewPass);
    await bothUpToDate(page, 'viewer');
    const buttons = await page.locator('#mirrors button').count();
    if (buttons !== 0) throw new Error('a viewer sees ' + buttons + ' mirror buttons');
    await shot(page, 'mirror-viewer');
    console.log('MIRROR E2E PASS');
  } catch (e) {
    if (page) await shot(page, 'mirror-failure').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error('MIRROR E2E FAIL ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
