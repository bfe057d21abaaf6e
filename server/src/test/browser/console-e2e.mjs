// The console end to end in headless Chromium, as a newcomer uses it: sign in, submit a FastStyle task
// with two images, watch it finish live, see the result, look at the queue, the face groups and the
// API docs, with a screenshot of each page. Run by ConsoleBrowserTest (which starts the node), or by hand:
//   AIPS_URL=http://127.0.0.1:8080 AIPS_TOKEN=$(./aips token alice) CONTENT_IMAGE=a.jpg STYLE_IMAGE=b.png \
//   SCREENSHOTS=/tmp/shots CHROMIUM=/usr/bin/chromium node console-e2e.mjs
// Prints one line "RESULT {json}" for the test to check against the API; exits non-zero on any failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const base = env('AIPS_URL');
const shots = env('SCREENSHOTS');
const STEP_MS = 30_000;
const TASK_MS = Number(process.env.TASK_TIMEOUT_MS ?? 240_000);
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({ executablePath: env('CHROMIUM'), args: ['--no-sandbox'] });
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(STEP_MS);
  page.on('pageerror', e => problems.push(`uncaught in the page: ${e.message}`));
  page.on('console', m => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(`blocked: ${m.text()}`);
    if (m.type() === 'error') console.log(`page console: ${m.text()}`);
  });
  const shot = async (name, fullPage = true) => {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
    console.log(`screenshot ${name}.png`);
  };

  // 1. The root leads to the console, which asks for a token.
  await page.goto(`${base}/`);
  await page.waitForSelector('#token');
  if (!page.url().startsWith(`${base}/console/`)) throw new Error(`/ led to ${page.url()}`);
  await page.fill('#token', env('AIPS_TOKEN').slice(0, 20));
  await page.click('#sign-in');
  await page.waitForSelector('text=That is not a JWT with a uid claim.');
  await page.fill('#token', env('AIPS_TOKEN'));
  await shot('sign-in');
  await page.click('#sign-in');

  // 2. Submit FastStyle with two images.
  await page.waitForSelector('#submit-form');
  await page.waitForSelector('#taskType option[value="FastStyle"]', { state: 'attached' });
  await page.selectOption('#taskType', 'FastStyle');
  await page.setInputFiles('#contentImage', env('CONTENT_IMAGE'));
  await page.setInputFiles('#styleImage', env('STYLE_IMAGE'));
  await page.$eval('#quality', el => { el.value = '25'; el.dispatchEvent(new Event('input')); });
  await page.fill('#vip', '2');
  await page.fill('#keepSeconds', '3600');
  await page.fill('#demandVisitTimes', '3');
  await page.waitForFunction(() => [...document.querySelectorAll('.preview')].every(i => i.complete && i.naturalWidth > 0));
  await shot('submit');
  await page.click('#submit-task');

  // 3. Watch it live: the status badge follows the stream until done, without reloading.
  await page.waitForURL(/#\/task\//);
  const queryCode = page.url().split('#/task/')[1];
  await page.waitForSelector('[data-field="connection"][data-state="live"]');
  const statuses = [];
  const progress = [];
  let shotWhileRunning = false;
  const deadline = Date.now() + TASK_MS;
  for (;;) {
    const status = await page.textContent('[data-field="status"]');
    if (statuses.at(-1) !== status) statuses.push(status);
    const value = await page.$eval('[data-field="progress-bar"]', el => el.value);
    if (progress.at(-1) !== value) progress.push(value);
    if (status === 'running' && value > 0 && !shotWhileRunning) {
      shotWhileRunning = true;
      await shot('task-running');
    }
    if (['done', 'failed', 'cancelled'].includes(status)) break;
    if (Date.now() > deadline) throw new Error(`the task is still ${status} after ${TASK_MS} ms`);
    await page.waitForTimeout(100);
  }
  if (statuses.at(-1) !== 'done') throw new Error(`the task ended ${statuses.at(-1)}: ${await page.textContent('[data-field="error"]')}`);
  await page.waitForSelector('[data-field="connection"][data-state="ended"]');
  const events = await page.$$eval('[data-event]', items => items.map(i => i.dataset.event));

  // 4. The result: one download used of the three allowed.
  await page.click('#show-result');
  await page.waitForFunction(() => document.querySelector('[data-field="result-image"]')?.naturalWidth > 0);
  await page.waitForFunction(() => document.querySelector('[data-field="visits-left"]')?.textContent === '2');
  const resultSize = await page.$eval('[data-field="result-image"]', i => [i.naturalWidth, i.naturalHeight]);
  await shot('task-done');

  // 5. A long DeepPaint, cancelled from its page while it waits or runs.
  await page.click('#nav a[data-view="submit"]');
  await page.waitForSelector('#taskType option[value="DeepPaint"]', { state: 'attached' });
  await page.selectOption('#taskType', 'DeepPaint');
  await page.setInputFiles('#contentImage', env('CONTENT_IMAGE'));
  await page.setInputFiles('#styleImage', env('STYLE_IMAGE'));
  await page.$eval('#quality', el => { el.value = '100'; el.dispatchEvent(new Event('input')); });
  await page.click('#submit-task');
  await page.waitForURL(/#\/task\//);
  const cancelledCode = page.url().split('#/task/')[1];
  await page.waitForSelector('#cancel-task:not([hidden])');
  await page.click('#cancel-task');
  await page.waitForSelector('[data-field="status"][data-status="cancelled"]');
  await page.waitForSelector('[data-event="cancelled"]');

  // 6. My tasks, and the queue at a glance.
  await page.click('#nav a[data-view="tasks"]');
  await page.waitForSelector(`a[href="#/task/${queryCode}"]`);
  await page.click('#nav a[data-view="queue"]');
  await page.waitForSelector('#queue-types tr[data-type="FastStyle"]');
  await page.waitForSelector('#queue-nodes');
  // the nodes' counts are as of their last heartbeat: wait until they too show the task finished
  await page.waitForSelector('#queue-nodes .chip.busy', { state: 'detached' });
  await shot('queue');

  // 7. Face groups: shown because the faceingest plugin is installed; its tasks and a log.
  await page.click('#nav a[data-view="faces"]');
  await page.fill('#face-group', 'team');
  await page.click('#show-group');
  await page.waitForSelector('#face-tasks [data-field="handled"]');
  const faceRows = await page.$$eval('#face-tasks [data-field="handled"]', cells => cells.map(c => c.textContent));
  const logButton = page.locator('#face-tasks button', { hasText: 'Log' }).first();
  await logButton.click();
  await page.waitForSelector('h2:has-text("Log of")');
  await shot('faces');

  // 8. Video analysis and render tasks: shown because their plugins are installed (no tasks of theirs here).
  await page.click('#nav a[data-view="vcs"]');
  await page.waitForSelector('h1:has-text("Video analysis")');
  await page.click('#nav a[data-view="render"]');
  await page.waitForSelector('h1:has-text("Render tasks")');

  // 9. The API docs: Swagger UI over the core contract, with the plugins' contracts to choose from.
  await page.click('#nav a[href="/docs/"]');
  await page.waitForSelector('.swagger-ui .info .title');
  const title = await page.textContent('.swagger-ui .info .title');
  await page.waitForSelector('#operations-tasks-watchTask');
  await page.waitForSelector('#operations-queue-getQueue');
  const contracts = await page.$$eval('.topbar select option', options => options.map(o => o.textContent));
  await shot('api-docs', false);

  if (problems.length) throw new Error(problems.join('\n'));
  console.log(`RESULT ${JSON.stringify({ queryCode, cancelledCode, statuses, progress, events, resultSize, faceRows, title, contracts })}`);
} finally {
  await browser.close();
}
