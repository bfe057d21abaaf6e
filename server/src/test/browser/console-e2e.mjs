// The console end to end in headless Chromium, as a newcomer uses it: sign in, submit a FastStyle task
// with two images, watch it finish live, see the result, look at the queue; start a face ingestion and
// search its group by dropping a photo; see a video analysis's events; submit a Render and follow its
// frames; open the API docs; with a screenshot of each page. Run by ConsoleBrowserTest (which starts the node), or by hand:
//   AIPS_URL=http://127.0.0.1:8080 AIPS_TOKEN=$(./aips token alice) CONTENT_IMAGE=a.jpg STYLE_IMAGE=b.png \
//   SEARCH_IMAGE=face.jpg FACE_TASK=<created ingestion task id, group team> VCS_TASK=<finished compute task id> \
//   RENDER_PARAMS='{"taskJson": …, "frames": "1-12"}' SCREENSHOTS=/tmp/shots CHROMIUM=/usr/bin/chromium node console-e2e.mjs
// Prints one line "RESULT {json}" for the test to check against the API; exits non-zero on any failure.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
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

  const shownNav = async () => {
    await page.waitForSelector('#nav[data-discovered="signed-in"]', { state: 'attached' });
    return page.$$eval('#nav a', links => links.filter(a => !a.hidden).map(a => a.textContent));
  };
  const nav = await shownNav();

  // 7. Face groups: shown because the faceingest plugin is installed. The finished task's rows and log;
  // a created task started from its row, followed live until its 4 rows are handled.
  await page.click('#nav a[data-view="faces"]');
  await page.fill('#face-group', 'team');
  await page.click('#show-group');
  const faceTask = `#face-tasks tr[data-task="${env('FACE_TASK')}"]`;
  await page.waitForSelector(faceTask);
  // each row fills in when its own detail arrives
  await page.waitForFunction(() => [...document.querySelectorAll('#face-tasks tr[data-task]')].every(r => r.querySelector('[data-field="handled"]')));
  const taskRows = await page.$$eval('#face-tasks [data-field="handled"]', cells => cells.map(c => c.textContent));
  await page.locator('#face-tasks tr', { hasText: '3 / 3' }).locator('button', { hasText: 'Log' }).click();
  await page.waitForSelector('h2:has-text("Log of")');
  const rowNow = async () => page.$eval(faceTask, row => [row.querySelector('.badge').textContent, row.querySelector('[data-field="handled"]').textContent]);
  const states = [];
  const handled = [];
  const record = ([state, rows]) => {
    if (states.at(-1) !== state) states.push(state);
    if (handled.at(-1) !== rows) handled.push(rows);
  };
  record(await rowNow());
  await page.locator(faceTask).locator('button', { hasText: 'Start' }).click();
  for (const until = Date.now() + TASK_MS; ;) {
    record(await rowNow());
    if (states.at(-1) === 'finished') break;
    if (Date.now() > until) throw new Error(`the ingestion task is still ${states.at(-1)} after ${TASK_MS} ms`);
    await page.waitForTimeout(100);
  }
  // the groups are read again once the run ended: the group's faces, then a search by dropping a photo
  await page.waitForSelector('#face-groups li:has-text("6 faces")');
  const groupListed = await page.textContent('#face-groups li:has-text("team")');
  await page.click('#face-groups button[data-group="team"]');
  await page.waitForSelector('#face-list .face-card');
  const faceIds = await page.$$eval('#face-list .face-card', cards => cards.map(c => c.dataset.faceId));
  // a real drop: a File of the photo's bytes in a DataTransfer, through dragenter, dragover and drop
  const photo = readFileSync(env('SEARCH_IMAGE')).toString('base64');
  await page.$eval('#face-drop', (zone, base64) => {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'visitor.jpg', { type: 'image/jpeg' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const event = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer });
      zone.dispatchEvent(event);
      if (type !== 'dragenter' && !event.defaultPrevented) throw new Error(`${type} was not handled by the drop zone`);
    }
  }, photo);
  await page.waitForSelector('#face-search-results .query-face');
  const queryFaces = await page.$$eval('#face-search-results .query-face', faces => faces.length);
  const best = page.locator('#face-search-results .query-face').first().locator('.face-card').first();
  const firstMatch = await best.getAttribute('data-face-id');
  const firstSimilarity = await best.locator('[data-field="similarity"]').textContent();
  await shot('faces');
  const faces = { taskRows, states, handled, groupListed, faceIds, queryFaces, firstMatch, firstSimilarity };

  // 8. Video analysis: the finished compute task by its id, its events on the timeline, thumbnails and boxes.
  await page.click('#nav a[data-view="vcs"]');
  await page.fill('#vcs-task-ids', env('VCS_TASK'));
  await page.click('#vcs-show');
  const vcsRow = `#vcs-tasks tr[data-task="${env('VCS_TASK')}"]`;
  await page.waitForSelector(vcsRow);
  const vcsStatus = await page.textContent(`${vcsRow} .badge`);
  const vcsProgress = await page.textContent(`${vcsRow} [data-field="progress"]`);
  await page.locator(vcsRow).locator('button', { hasText: 'Events' }).click();
  await page.waitForSelector('#vcs-events svg.timeline rect.event');
  await page.waitForFunction(() => [...document.querySelectorAll('#vcs-events img.thumb')].every(i => i.complete && i.naturalWidth > 0));
  const vcs = await page.$eval('#vcs-events', el => ({
    total: Number(el.querySelector('h2').dataset.total),
    rects: el.querySelectorAll('svg.timeline rect.event').length,
    boxes: [...el.querySelectorAll('svg.frame rect.box')].filter(r => r.getBBox().width > 0).length,
    thumbnails: [...el.querySelectorAll('img.thumb')].filter(i => i.naturalWidth > 0).length,
  }));
  Object.assign(vcs, { status: vcsStatus, progress: vcsProgress });
  await shot('vcs');

  // 9. A Render task submitted from the submit page with its params; the Render page follows its frames.
  await page.click('#nav a[data-view="render"]');
  await page.waitForSelector('h1:has-text("Render tasks")');
  await page.click('a[href="#/submit/Render"]');
  await page.waitForSelector('#taskType option[value="Render"]:checked', { state: 'attached' });
  await page.click('#submit-form summary');
  await page.fill('#params', env('RENDER_PARAMS'));
  await page.click('#submit-task');
  await page.waitForURL(/#\/task\//);
  const renderCode = page.url().split('#/task/')[1];
  await page.click('#nav a[data-view="render"]');
  const renderRow = `#render-tasks tr[data-task="${renderCode}"]`;
  await page.waitForSelector(renderRow);
  const render = { queryCode: renderCode, statuses: [], frames: [] };
  let renderShot = false;
  for (const until = Date.now() + TASK_MS; ;) {
    const [status, frames] = await page.$eval(renderRow, row => [row.querySelector('[data-field="status"]').textContent,
      row.querySelector('[data-field="frames"]').textContent]);
    if (render.statuses.at(-1) !== status) render.statuses.push(status);
    if (render.frames.at(-1) !== frames) render.frames.push(frames);
    if (!renderShot && status === 'running' && !['', '0 %'].includes(frames)) {
      renderShot = true;
      await shot('render');
    }
    if (['done', 'failed', 'cancelled'].includes(status)) break;
    if (Date.now() > until) throw new Error(`the render is still ${status} after ${TASK_MS} ms`);
    await page.waitForTimeout(100);
  }
  if (!renderShot) await shot('render');

  // 10. The API docs: Swagger UI over the core contract, with the plugins' contracts to choose from.
  await page.click('#nav a[href="/docs/"]');
  await page.waitForSelector('.swagger-ui .info .title');
  const title = await page.textContent('.swagger-ui .info .title');
  await page.waitForSelector('#operations-tasks-watchTask');
  await page.waitForSelector('#operations-queue-getQueue');
  const contracts = await page.$$eval('.topbar select option', options => options.map(o => o.textContent));
  await shot('api-docs', false);

  // 11. A node without the plugins: their sections are hidden, and the others still work.
  await page.goto(`${env('BARE_URL')}/`);
  await page.fill('#token', env('AIPS_TOKEN'));
  await page.click('#sign-in');
  await page.waitForSelector('#submit-form');
  const bareNav = await shownNav();
  await page.click('#nav a[data-view="queue"]');
  await page.waitForFunction(() => !document.querySelector('#view').textContent.includes('Loading…'));
  const bareQueue = await page.textContent('#view');
  if (await page.$('#view .error')) throw new Error(`the queue of the node without plugins: ${bareQueue}`);

  if (problems.length) throw new Error(problems.join('\n'));
  console.log(`RESULT ${JSON.stringify({ queryCode, cancelledCode, statuses, progress, events, resultSize, faces, vcs, render, title, contracts, nav, bareNav })}`);
} finally {
  await browser.close();
}
