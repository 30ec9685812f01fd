// Opens a rendered Allure report from disk in headless Chromium and checks what a person sees in it: every
// scenario by name, the status counts, a failed scenario's category and its amrecover transcript attachment, and
// that the page asks nothing of the network. Used by the report's browser test and to take the README screenshots.
//
// usage: node check-report.mjs SPEC.json
// SPEC: { "report": "/abs/index.html", "groups": ["feature title", ...] (collapsed groups to open first),
//         "scenarios": ["name", ...], "counts": ["3 failed", "1 passed"],
//         "open": { "scenario": "name", "category": "Hollow backup", "transcriptContains": "amrecover> ls" },
//         "screenshots": { "overview": "/abs/a.png", "scenario": "/abs/b.png" } }
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const problems = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) problems.push(what); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const outside = [];
  page.on('request', request => { if (/^https?:/.test(request.url())) outside.push(request.url()); });
  await page.goto('file://' + spec.report);
  await page.getByText('Sort by').first().waitFor({ timeout: 30000 });

  for (const group of spec.groups ?? []) {
    await page.getByText(group, { exact: true }).first().click();
    await page.waitForLoadState('networkidle');
  }
  for (const name of spec.scenarios ?? [])
    check(await page.getByText(name, { exact: true }).count() > 0, `scenario shown: ${name}`);
  const body = await page.evaluate(() => document.body.innerText);
  for (const count of spec.counts ?? []) check(body.includes(count), `status count shown: ${count}`);
  if (spec.screenshots?.overview) await page.screenshot({ path: spec.screenshots.overview });

  if (spec.open) {
    await page.getByText(spec.open.scenario, { exact: true }).first().click();
    await page.getByText(`Category: ${spec.open.category}`).first().waitFor({ timeout: 15000 })
      .then(() => check(true, `category shown: ${spec.open.category}`), () => check(false, `category shown: ${spec.open.category}`));
    const attachment = page.getByText('amrecover transcript', { exact: true });
    check(await attachment.count() > 0, 'transcript attachment listed on the step');
    if (await attachment.count() > 0) {
      await attachment.first().click();
      await page.getByText(spec.open.transcriptContains).first().waitFor({ timeout: 15000 })
        .then(() => check(true, `transcript opens and shows "${spec.open.transcriptContains}"`),
              () => check(false, `transcript opens and shows "${spec.open.transcriptContains}"`));
    }
    if (spec.screenshots?.scenario) await page.screenshot({ path: spec.screenshots.scenario });
  }
  check(outside.length === 0, `no request left the machine${outside.length ? ': ' + outside.join(', ') : ''}`);
} finally {
  await browser.close();
}
console.log(problems.length === 0 ? 'report check passed' : `report check failed: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
