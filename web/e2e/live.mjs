// What the browser tests against real nodes share: their environment, step lines for the JUnit
// driver, screenshots and the login form.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The value of a required environment variable; exits 2 naming it when missing. */
export function need(name) {
  const v = process.env[name];
  if (!v) {
    console.error('missing environment variable ' + name);
    process.exit(2);
  }
  return v;
}

export const base = need('ZONEHA_URL');
export const [opUser, opPass] = need('ZONEHA_OPERATOR').split(':');
export const [viewUser, viewPass] = need('ZONEHA_VIEWER').split(':');
export const shots = process.env.ZONEHA_SCREENSHOTS || 'e2e-screenshots';
mkdirSync(shots, { recursive: true });

export function step(text) {
  console.log('STEP ' + text);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
}

/** Logs in through the form and waits until the live stream is on. */
export async function login(page, user, password, timeout) {
  await page.goto(base + '/');
  await page.fill('#login-user', user);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.waitForSelector('#operation-view:not([hidden])');
  await page.waitForSelector('#live.on', { timeout });
}
