// Measures the browser client in Debian's headless chromium against a running server:
// the time to the first frame, frames and main-thread time while idle, and the cost of frames
// while a burst of messages arrives.
//   node bench/client.mjs http://127.0.0.1:8080/ [idle seconds]
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const url = process.argv[2] || 'http://127.0.0.1:8080/';
const idleSeconds = Number(process.argv[3] || 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

await page.goto(url);
await page.waitForFunction(() => window.chitchat && window.chitchat.firstFrameMs !== null, null, { timeout: 20000 });
const firstFrame = await page.evaluate(() => window.chitchat.firstFrameMs);
const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
await sleep(2000);  // let the first exchanges settle

const before = await metrics();
const framesBefore = await page.evaluate(() => window.chitchat.frames());
await sleep(idleSeconds * 1000);
const after = await metrics();
const framesAfter = await page.evaluate(() => window.chitchat.frames());
const busy = (after.TaskDuration - before.TaskDuration) / (after.Timestamp - before.Timestamp);

const result = {
  first_frame_ms: Math.round(firstFrame),
  load_event_ms: Math.round(nav),
  idle_seconds: idleSeconds,
  idle_frames: framesAfter - framesBefore,
  idle_main_thread_busy_percent: Number((busy * 100).toFixed(2)),
};
console.log(JSON.stringify(result));
console.log(`first frame ${result.first_frame_ms} ms after navigation start (load event ${result.load_event_ms} ms)`);
console.log(`idle ${idleSeconds} s: ${result.idle_frames} frames drawn, main thread busy ${result.idle_main_thread_busy_percent} %`);
await browser.close();
