// render-1000.mjs RESULTS_DIR [COUNT]: how long the pinned Allure 3 takes to render a night of COUNT results (default
// 1,000). Clones the suite's own results (steps, attachments, categories) under new ids until there are COUNT, renders
// them with reporting/render.sh into a scratch folder, and prints one Markdown line for docs/bench/results.md.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync, statSync, rmSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { tmpdir } from "node:os";
import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [source, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 1000);
if (!source) { console.error("usage: render-1000.mjs RESULTS_DIR [COUNT]"); process.exit(2); }
const here = dirname(fileURLToPath(import.meta.url));
const render = resolve(here, "../../reporting/render.sh");

const files = readdirSync(source);
const results = files.filter(f => f.endsWith("-result.json")).map(f => JSON.parse(readFileSync(join(source, f), "utf8")));
if (results.length === 0) { console.error(`render-1000: no results in ${source}; run ./run.sh demo first`); process.exit(2); }

const scratch = mkdtempSync(join(tmpdir(), "render-1000-"));
const out = join(scratch, "allure-results");
execFileSync("mkdir", ["-p", out]);
for (const f of files.filter(f => !f.endsWith("-result.json"))) copyFileSync(join(source, f), join(out, f));
const rc = JSON.parse(readFileSync(join(source, "..", "allurerc.json"), "utf8"));
rc.historyPath = join(scratch, "history.jsonl"); // never the real report's history
writeFileSync(join(scratch, "allurerc.json"), JSON.stringify(rc, null, 2));

for (let i = 0; i < count; i++) {
  const result = structuredClone(results[i % results.length]);
  const copy = Math.floor(i / results.length);
  result.uuid = randomUUID();
  result.historyId = `${result.historyId}-${copy}`;
  result.testCaseId = `${result.testCaseId}-${copy}`;
  result.name = `${result.name} #${copy}`;
  result.fullName = `${result.fullName} #${copy}`;
  writeFileSync(join(out, `${result.uuid}-result.json`), JSON.stringify(result));
}

const started = process.hrtime.bigint();
execFileSync(render, [out, join(scratch, "allure-report")], { stdio: ["ignore", "ignore", "inherit"] });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const size = statSync(join(scratch, "allure-report", "index.html")).size;
console.log(`Allure report of ${count} results (clones of the demo's ${results.length}, with their steps and transcripts): ` +
  `rendered in ${seconds.toFixed(1)} s by the pinned Allure 3, one ${(size / 1048576).toFixed(1)} MiB index.html.`);
rmSync(scratch, { recursive: true, force: true });
