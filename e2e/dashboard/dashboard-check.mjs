// The KPI dashboard in a real browser: opens it for a tenant, checks that the headline cards show the numbers the
// REST API gives, changes the window, checks again, and saves a screenshot.
//
//   LEDGERLINE_TOKEN=$(./ledgerline token --tenant demo --role viewer) node dashboard-check.mjs [kpi-service URL] [tenant] [screenshot path]
//
// Defaults: http://localhost:8084, demo, dashboard.png. The token (a viewer's or more of the tenant) goes to the page
// once as #token=…, as ./ledgerline up's dashboard link passes it. Chromium from Debian's package (/usr/bin/chromium, or
// CHROMIUM=path); playwright-core drives it and downloads no browser of its own.
import { chromium } from 'playwright-core';

const [base = 'http://localhost:8084', tenant = 'demo', screenshot = 'dashboard.png'] = process.argv.slice(2);
const KPIS = ['DEALS_WON_COUNT', 'OPEN_DEALS_COUNT', 'WIN_RATE'];
const token = process.env.LEDGERLINE_TOKEN;
if (!token) {
  throw new Error('LEDGERLINE_TOKEN must hold a bearer token of the tenant (./ledgerline token --tenant ... --role viewer)');
}

async function restValues(window) {
  const response = await fetch(`${base}/api/tenants/${encodeURIComponent(tenant)}/kpis?window=${window}&dimension=ALL`,
    { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) {
    throw new Error(`GET kpis ${window}: ${response.status} ${await response.text()}`);
  }
  return Object.fromEntries((await response.json()).map((value) => [value.kpi, value]));
}

/** The digits a card shows, as a number (grouping and unit removed); null for "—". */
function shownNumber(text) {
  const digits = text.replace(/[^0-9.\-]/g, '');
  return digits === '' ? null : Number(digits);
}

/** The cards' differences from the API's values of the window; empty when they agree. */
async function mismatches(page, window) {
  const expected = await restValues(window);
  const found = [];
  for (const kpi of KPIS) {
    const value = page.locator(`#cards .card[data-kpi="${kpi}"] .value`);
    await value.waitFor({ state: 'visible', timeout: 30_000 });
    const want = expected[kpi]?.value;
    const shown = shownNumber(await value.innerText());
    if (want == null) {
      if (shown !== null) found.push(`${kpi} ${window}: shows ${shown}, the API has no value`);
      continue;
    }
    // Ratios are shown as percentages with one decimal, counts as integers.
    const tolerance = kpi === 'WIN_RATE' ? 0.051 : 0;
    const wantShown = kpi === 'WIN_RATE' ? Number(want) * 100 : Number(want);
    if (shown === null || Math.abs(shown - wantShown) > tolerance) {
      found.push(`${kpi} ${window}: the card shows ${shown}, the API says ${wantShown}`);
    } else {
      console.log(`${window} ${kpi}: ${shown} (API ${want})`);
    }
  }
  return found;
}

/**
 * Waits for the cards of the window to render, then compares them with the API. The simulator keeps winning and
 * moving deals, so a value may change between the two reads: a mismatch is read again after the dashboard's next
 * refresh (every 5 s), and fails only when it persists.
 */
async function checkCards(page, window) {
  await page.locator(`#cards[data-window="${window}"] .card`).first().waitFor({ timeout: 30_000 });
  let found = [];
  for (let attempt = 1; attempt <= 4; attempt++) {
    found = await mismatches(page, window);
    if (found.length === 0) return;
    console.log(`attempt ${attempt}: ${found.join('; ')}`);
    await page.waitForTimeout(5_500);
  }
  throw new Error(found.join('; '));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (error) => { throw error; });
  await page.goto(`${base}/?tenant=${encodeURIComponent(tenant)}&window=P365D#token=${encodeURIComponent(token)}`);
  await page.locator('#cards .card').first().waitFor({ timeout: 30_000 });
  if (page.url().includes('token=')) throw new Error(`the token stays in the address: ${page.url()}`);
  await checkCards(page, 'P365D');

  await page.selectOption('#window', 'MONTH');
  await page.click('#controls button[type=submit]');
  await page.waitForURL(/window=MONTH/, { timeout: 10_000 });
  await checkCards(page, 'MONTH');
  const owners = await page.locator('#owners tbody tr').count();
  if (owners === 0) throw new Error('the sales-by-owner table is empty');
  console.log(`owners listed: ${owners}`);

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
}
