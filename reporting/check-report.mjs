// Opens a rendered Allure report from disk in headless Chromium and checks what a person sees in it: the tree
// config > host > disk with each scenario in its place, the status counts, a failed scenario's category and its
// amrecover transcript attachment, the estate page among the global attachments, and that the page asks nothing of the
// network; then the estate page itself (results/estate.html) the same way. Used by the report's browser test and to
// take the screenshots of docs/report.md.
//
// usage: node check-report.mjs SPEC.json
// SPEC: { "report": "/abs/index.html", "groups": ["group title", ...] (collapsed groups to open first),
//         "tree": [["ba-daily", "localhost", "/srv/fixtures/hollow", "scenario name"], ...] (each scenario's place),
//         "scenarios": ["name", ...], "counts": ["3 failed", "1 passed"],
//         "open": { "scenario": "name", "category": "Hollow backup", "transcriptContains": "amrecover> ls" },
//         "globalAttachment": { "name": "estate: ...", "contains": "ba-daily" },
//         "estate": { "page": "/abs/estate.html", "contains": ["/srv/fixtures/hollow", "hollow"], "cells": {"failed hollow": 1} },
//         "screenshots": { "overview": "/abs/a.png", "tree": "/abs/t.png", "scenario": "/abs/b.png", "estate": "/abs/e.png" } }
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
  // Opens each group of the path in turn (a collapsed group holds no children in the page), then reads the
  // scenario's place back from the page: the titles of the groups around it, outermost first.
  for (const path of spec.tree ?? []) {
    const scenario = path[path.length - 1];
    let scope = page.getByTestId('tree-content').first();
    for (const [i, title] of path.slice(0, -1).entries()) {
      const section = scope.getByTestId('tree-section').filter({ has: page.getByTestId('tree-section-title').getByText(title, { exact: true }) }).first();
      if (await section.count() === 0) break;
      scope = section.locator('xpath=..');
      const next = path[i + 1];
      const shown = i + 1 === path.length - 1 ? scope.getByTestId('tree-leaf-title').getByText(next, { exact: true })
        : scope.getByTestId('tree-section-title').getByText(next, { exact: true });
      if (await shown.count() === 0) { await section.click(); await shown.first().waitFor({ timeout: 5000 }).catch(() => {}); }
    }
    const place = await page.evaluate(name => {
      const leaf = [...document.querySelectorAll('[data-testid=tree-leaf-title]')].find(e => e.innerText.trim() === name);
      if (!leaf) return null;
      const titles = [];
      for (let e = leaf.parentElement; e && e !== document.body; e = e.parentElement) {
        const section = [...e.children].find(c => c.getAttribute('data-testid') === 'tree-section');
        if (section) titles.unshift(section.querySelector('[data-testid=tree-section-title]').innerText.trim());
      }
      return [...titles, name];
    }, scenario);
    check(JSON.stringify(place) === JSON.stringify(path), `in the tree as ${path.join(' > ')}${place ? '' : ' (not found)'}${place && JSON.stringify(place) !== JSON.stringify(path) ? ': found ' + place.join(' > ') : ''}`);
  }
  if (spec.screenshots?.tree) {
    // The tree scrolls inside the app, not the page: a tall window shows all of it.
    await page.setViewportSize({ width: 1400, height: 1900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: spec.screenshots.tree });
    await page.setViewportSize({ width: 1400, height: 1000 });
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
  if (spec.globalAttachment) {
    // The tabs are on the report's front page, not on an opened scenario's: a page of its own.
    const front = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    front.on('request', request => { if (/^https?:/.test(request.url())) outside.push(request.url()); });
    await front.goto('file://' + spec.report);
    await front.getByTestId('nav-tab-globalAttachments').click({ timeout: 30000 });
    const row = front.getByText(spec.globalAttachment.name, { exact: true });
    await row.first().waitFor({ timeout: 15000 }).catch(() => {});
    check(await row.count() > 0, `global attachment listed: ${spec.globalAttachment.name}`);
    if (await row.count() > 0) {
      await row.first().click();
      let found = false;
      for (let tries = 0; tries < 30 && !found; tries++) {
        for (const frame of front.frames())
          found ||= await frame.evaluate(text => document.body?.innerText?.includes(text) ?? false, spec.globalAttachment.contains).catch(() => false);
        if (!found) await front.waitForTimeout(300);
      }
      check(found, `global attachment opens and shows "${spec.globalAttachment.contains}"`);
    }
  }
  check(outside.length === 0, `no request left the machine${outside.length ? ': ' + outside.join(', ') : ''}`);

  if (spec.estate) {
    const estate = await browser.newPage({ viewport: { width: 1400, height: 700 } });
    const asked = [];
    estate.on('request', request => { if (!request.url().startsWith('file:')) asked.push(request.url()); });
    await estate.goto('file://' + spec.estate.page);
    const text = await estate.evaluate(() => document.body.innerText);
    for (const wanted of spec.estate.contains ?? []) check(text.includes(wanted), `estate page shows "${wanted}"`);
    for (const [kind, count] of Object.entries(spec.estate.cells ?? {})) {
      const found = await estate.locator(`td[class="${kind}"]`).count();
      check(found >= count, `estate page marks at least ${count} cell(s) "${kind}" (found ${found})`);
    }
    check(asked.length === 0, `estate page asks nothing of anyone${asked.length ? ': ' + asked.join(', ') : ''}`);
    if (spec.screenshots?.estate) await estate.screenshot({ path: spec.screenshots.estate, fullPage: true });
  }
} finally {
  await browser.close();
}
console.log(problems.length === 0 ? 'report check passed' : `report check failed: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
