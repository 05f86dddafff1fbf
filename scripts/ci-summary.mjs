#!/usr/bin/env node
// `npm run ci:summary -- e2e <artifact url>`: the Markdown a CI job appends to
// $GITHUB_STEP_SUMMARY so QA finds the Playwright report from the run page.
const [kind, url] = process.argv.slice(2);
const titles = { e2e: 'Playwright report', load: 'k6 results' };
const hints = {
  e2e: 'unzip it and open `index.html`, or run `npx playwright show-report <folder>`; traces open at trace.playwright.dev',
  load: 'the JSON and HTML summaries of the smoke run, as written to load/results',
};
if (kind === undefined || !(kind in titles)) {
  console.error(`usage: npm run ci:summary -- <${Object.keys(titles).join('|')}> [artifact url]`);
  process.exit(2);
}
const key = /** @type {keyof typeof titles} */ (kind);
const title = titles[key];
const lines = [`### ${title}`, ''];
if (url) {
  lines.push(`[Download the ${title}](${url}): ${hints[key]}.`);
} else {
  lines.push(`No ${title} artifact was uploaded (the run stopped before producing one).`);
}
console.log(lines.join('\n'));
