// The web app in a real browser: headless Chromium (Debian's), driven over
// the DevTools protocol with Node's own WebSocket (no npm package). Uploads
// the example release and report through the page's form, waits for the
// audit report and checks its claims, verdicts, evidence and filters, and
// follows an evidence link to the passage; checks that a PDF report's link
// opens Chromium's viewer at the passage's page; then pastes a hostile release, and
// gives a hostile web page as the report, and checks that none of their
// script runs.
// Everything is on 127.0.0.1.
//
// Usage: node --experimental-websocket serve_browser_test.mjs BINARY CHROMIUM DATA_DIR
//        [SCREENSHOT_DIR]   (writes serve-form.png, serve-report.png and
//        serve-passage.png there)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [binary, chromium, data, shots] = process.argv.slice(2);
const release = path.join(data, 'releases', 'tower-hamlets-2025-01-outstanding.txt');
const report = path.join(data, 'reports', 'ofsted-tower-hamlets-ilacs-2024.txt');
const pdfReport = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'report.pdf');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-browser-'));
const children = [];
let failures = 0;
let passes = 0;
function check(name, ok, detail = '') {
  if (ok) passes++;
  else { failures++; console.log(`FAIL: ${name}`, String(detail).slice(0, 400)); }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startServer() {
  const server = spawn(binary, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(server);
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    server.on('exit', () => reject(new Error(`server exited: ${out}`)));
  });
}

let debuggingPort = 0;
let browserGroup = 0;
async function startBrowser() {
  const profile = path.join(tmp, 'profile');
  const browser = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu',
    '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
    '--window-size=1100,900', 'about:blank'], { stdio: 'ignore', detached: true });
  browserGroup = browser.pid;  // its own process group, helpers included
  children.push(browser);
  const portFile = path.join(profile, 'DevToolsActivePort');
  for (let i = 0; i < 600 && !fs.existsSync(portFile); i++) await sleep(100);
  const port = fs.readFileSync(portFile, 'utf8').split('\n')[0];
  let targets = [];
  for (let i = 0; i < 100 && !targets.length; i++) {
    targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json())
      .filter((t) => t.type === 'page');
    if (!targets.length) await sleep(100);
  }
  debuggingPort = port;
  return targets[0].webSocketDebuggerUrl;
}

// A minimal DevTools protocol client: commands by id, events by name.
async function connect(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let nextId = 0;
  const pending = new Map();
  const waiters = [];
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    if (msg.id !== undefined && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error))); else resolve(msg.result);
    } else if (msg.method) {
      for (const w of waiters.filter((w) => w.method === msg.method)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg.params);
      }
    }
  };
  return {
    send(method, params = {}, sessionId = undefined) {
      const id = ++nextId;
      ws.send(JSON.stringify({ id, method, params, sessionId }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    once(method) { return new Promise((resolve) => waiters.push({ method, resolve })); },
    close() { ws.close(); },
  };
}

// The page Chromium's PDF viewer shows (1-based), read from the viewer's
// own frame (a built-in extension of a fixed id): its viewport's most visible
// page once the document has loaded; null when the viewer never loads.
const kPdfViewer = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';
async function pdfViewerPage() {
  const { webSocketDebuggerUrl } =
    await (await fetch(`http://127.0.0.1:${debuggingPort}/json/version`)).json();
  const browser = await connect(webSocketDebuggerUrl);
  try {
    for (let i = 0; i < 200; i++) {
      const { targetInfos } = await browser.send('Target.getTargets');
      const viewer = targetInfos.find((t) => t.url.startsWith(kPdfViewer));
      if (viewer) {
        const { sessionId } = await browser.send('Target.attachToTarget',
          { targetId: viewer.targetId, flatten: true });
        for (let j = 0; j < 200; j++) {
          const { result } = await browser.send('Runtime.evaluate', {
            expression: `(() => { const v = document.querySelector('pdf-viewer');
              return v && v.initialLoadComplete_ && v.viewport_ ?
                v.viewport_.getMostVisiblePage() + 1 : 0;
            })()`, returnByValue: true }, sessionId);
          if (result.value > 0) return result.value;
          await sleep(50);
        }
        return null;
      }
      await sleep(50);
    }
    return null;
  } finally {
    browser.close();
  }
}

async function evaluate(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate',
    { expression, returnByValue: true, awaitPromise: true });
  if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
  return result.value;
}

async function setFile(cdp, selector, file) {
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  await cdp.send('DOM.setFileInputFiles', { nodeId, files: [path.resolve(file)] });
}

async function navigate(cdp, url) {
  const loaded = cdp.once('Page.loadEventFired');
  await cdp.send('Page.navigate', { url });
  await loaded;
}

async function submit(cdp) {
  const loaded = cdp.once('Page.loadEventFired');
  await evaluate(cdp, "document.querySelector('button[type=submit]').click()");
  await loaded;
}

async function screenshot(cdp, name) {
  if (!shots) return;
  const { data: png } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  fs.writeFileSync(path.join(shots, name), Buffer.from(png, 'base64'));
}

try {
  const base = await startServer();
  const cdp = await connect(await startBrowser());
  await cdp.send('Page.enable');
  await cdp.send('Runtime.enable');
  const consoleErrors = [];
  const requests = [];
  await cdp.send('Network.enable');
  // Every request the page makes must go to the app itself.
  const onRequest = () => cdp.once('Network.requestWillBeSent').then((p) => {
    requests.push(p.request.url); onRequest();
  });
  onRequest();

  // 1. The example, uploaded through the form.
  await navigate(cdp, `${base}/`);
  check('the page has the form', await evaluate(cdp, "!!document.querySelector('form')"));
  await setFile(cdp, '#release', release);
  await setFile(cdp, '#report', report);
  await screenshot(cdp, 'serve-form.png');
  await submit(cdp);
  const text = await evaluate(cdp, 'document.body.innerText');
  check('the summary is shown',
    text.includes('35 claims: 16 verbatim, 3 altered, 10 untraced, 6 attributed'), text.slice(0, 300));
  const verdicts = await evaluate(cdp,
    "[...document.querySelectorAll('section.card')].map(c => c.className.replace('card c-', ''))");
  const count = (v) => verdicts.filter((x) => x === v).length;
  check('35 claim cards', verdicts.length === 35, verdicts.length);
  check('3 altered, 10 untraced, 16 verbatim',
    count('altered') === 3 && count('untraced') === 10 && count('verbatim') === 16, verdicts);
  check('the evidence passage is shown beside the claim',
    text.includes('Social workers are appropriately aspirational for children'));
  check('the download links are there', await evaluate(cdp,
    "['json','md','html'].every(e => document.querySelector(`a[download=\"claimtrace-report.${e}\"]`))"));
  await screenshot(cdp, 'serve-report.png');
  const passageLinks = await evaluate(cdp,
    "[...document.querySelectorAll('p.where a')].map(a => a.href)");
  check('each of the 19 pieces of evidence links to its passage in the report kept by the app',
    passageLinks.length === 19 && passageLinks.every((u) =>
      /^http:\/\/127\.0\.0\.1:\d+\/checks\/[0-9a-f]{32}\/sources\/0\/text\?from=\d+&to=\d+#passage$/.test(u)),
    passageLinks.slice(0, 3));
  // The report's own filter script runs (allowed by its hash).
  await evaluate(cdp, "document.querySelector('.filters input[value=verbatim]').click()");
  const hidden = await evaluate(cdp,
    "[...document.querySelectorAll('section.c-verbatim')].every(c => getComputedStyle(c).display === 'none')");
  check('unticking verbatim hides the verbatim claims (the report script runs)', hidden);

  // The altered quotation's evidence link: the report's text, scrolled to
  // the passage, marked.
  const opened = cdp.once('Page.loadEventFired');
  await evaluate(cdp, `[...document.querySelectorAll('section.c-altered')]
    .find(c => c.innerText.includes('appropriately aspirational'))
    .querySelector('p.where a').click()`);
  await opened;
  await sleep(200);  // the scroll to #passage follows the load event
  const marked = await evaluate(cdp, `(() => {
    const m = document.getElementById('passage');
    if (!m) return null;
    const r = m.getBoundingClientRect();
    return { text: m.innerText, top: r.top, bottom: r.bottom, height: innerHeight,
             scrolled: scrollY };
  })()`);
  check('the link opens the report at the passage, marked and scrolled into view',
    marked && marked.text.includes('encouraging them to achieve their full potential') &&
      marked.top >= 0 && marked.bottom <= marked.height && marked.scrolled > 0, marked);
  await screenshot(cdp, 'serve-passage.png');

  // A PDF report: its evidence opens the PDF, kept by the app, in the
  // browser's viewer at the passage's page.
  await navigate(cdp, `${base}/`);
  await setFile(cdp, '#release', release);
  await setFile(cdp, '#report', pdfReport);
  await submit(cdp);
  // The evidence furthest into the PDF: its page is not the first.
  const pdfLink = await evaluate(cdp, `[...document.querySelectorAll('p.where a')]
    .map(a => a.href).filter(u => /#page=/.test(u))
    .sort((a, b) => Number(b.match(/#page=(\\d+)/)[1]) - Number(a.match(/#page=(\\d+)/)[1]))[0]`);
  check('PDF evidence links to the kept PDF at its page and words',
    /\/checks\/[0-9a-f]{32}\/sources\/0#page=\d+&search=%22[^"]+%22$/.test(pdfLink), pdfLink);
  await navigate(cdp, pdfLink);
  check('the PDF opens in the browser, not as a download',
    await evaluate(cdp, 'document.contentType') === 'application/pdf',
    await evaluate(cdp, 'document.contentType'));
  const wantPage = Number(pdfLink.match(/#page=(\d+)/)[1]);
  const shownPage = await pdfViewerPage();
  check(`Chromium's viewer shows the passage's page (${wantPage}), the search words ignored`,
    wantPage > 1 && shownPage === wantPage, [wantPage, shownPage]);

  // 2. A hostile release, pasted.
  await navigate(cdp, `${base}/`);
  const hostile = 'Hi <script>window.pwned=1</script> and <img src=x onerror="window.pwned=2"> ' +
    'said \u201c<script>window.pwned=3</script> words quoted from nowhere at all\u201d.\n';
  await evaluate(cdp, `document.querySelector('#release_text').value = ${JSON.stringify(hostile)}`);
  await setFile(cdp, '#report', report);
  await submit(cdp);
  check('no script of the release ran', await evaluate(cdp, 'window.pwned === undefined'));
  check('the release has no element in the page',
    await evaluate(cdp, "document.querySelectorAll('img').length === 0 && document.scripts.length === 1"));
  check('the hostile quotation is shown as text',
    (await evaluate(cdp, 'document.body.innerText')).includes('<script>window.pwned=3</script>'));
  // 3. A hostile web page as the report: its link opens it sandboxed, so
  // none of its script runs, in the app's origin or at all.
  await navigate(cdp, `${base}/`);
  const trap = path.join(tmp, 'trap.html');
  fs.writeFileSync(trap, '<html><body><p>Young people receive high-quality support and ' +
    'access a wealth of services.</p><script>window.pwned=4;document.title="pwned"</script>' +
    '<img src=x onerror="window.pwned=5"></body></html>');
  await evaluate(cdp, `document.querySelector('#release_text').value =
    'They \u201creceive high-quality support\u201d.\\n'`);
  await setFile(cdp, '#report', trap);
  await submit(cdp);
  const trapLink = await evaluate(cdp, "document.querySelector('p.where a').href");
  check('the web page is linked at its words', /\/sources\/0#:~:text=receive/.test(trapLink), trapLink);
  await navigate(cdp, trapLink);
  check('the hostile page is shown', (await evaluate(cdp, 'document.body.innerText'))
    .includes('Young people receive high-quality support'));
  check('no script of the hostile page ran', await evaluate(cdp,
    "window.pwned === undefined && document.title !== 'pwned'"));
  check('the hostile page has an origin of its own, not the app\'s',
    await evaluate(cdp, 'self.origin') === 'null');
  // (Chromium's PDF viewer is a built-in extension of a fixed id.)
  const local = (u) => u.startsWith(base) || u.startsWith('data:') ||
    u.startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/');
  check('every request went to the app (or the browser\'s PDF viewer) only',
    requests.length > 0 && requests.every(local), requests.filter((u) => !local(u)));
  cdp.close();
} catch (error) {
  failures++;
  console.log('FAIL:', error.stack || error);
} finally {
  await Promise.all(children.map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on('exit', resolve);
    child.kill('SIGTERM');
  })));
  // Chromium's helper processes may outlive the browser and still write to
  // the profile: end the whole group and wait until none is left. A folder
  // left behind all the same is reported, not a failure of what was tested.
  const alive = () => { try { process.kill(-browserGroup, 0); return true; } catch { return false; } };
  if (browserGroup) {
    if (alive()) process.kill(-browserGroup, 'SIGKILL');
    while (alive()) await sleep(50);
  }
  try {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
  } catch (error) {
    console.log(`note: ${tmp} not removed: ${error.message}`);
  }
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
