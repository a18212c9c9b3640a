// Measures the browser client in Debian's headless chromium against a running server:
// the time to the first frame, frames and main-thread time while idle, and the cost of frames
// while a burst of messages arrives.
//   node bench/client.mjs http://127.0.0.1:8080/ [idle seconds]
// The burst sends 200 messages quickly: run the server with `--rate-limit 0`. Then a corpus of
// every script and emoji sequence: how long until its text has arrived in the atlas, the longest
// frame meanwhile, and what the atlas holds. The first load is measured in gzip bytes.
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
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

// A burst: 100 messages in view, then 100 more arriving at once from another user.
const wsUrl = new URL('/ws', url).href.replace(/^http/, 'ws');
// The page's user gets a name through its own session (a second tab of it learns it too).
await page.evaluate((wsUrl) => new Promise((resolve, reject) => {
  const ws = new WebSocket(wsUrl);
  ws.onerror = reject;
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'welcome' && !m.user) ws.send(JSON.stringify({ type: 'set_name', name: 'Bench reader' }));
    else if (m.type === 'welcome' || m.type === 'session') { ws.close(); resolve(); }
  };
}), wsUrl);
await page.waitForFunction(() => window.chitchat.state().user !== null && window.chitchat.state().channel === 'General Talk');
const bot = await (await browser.newContext()).newPage();
await bot.goto(new URL('/healthz', url).href);  // same origin, its own session
await bot.evaluate((wsUrl) => new Promise((resolve, reject) => {
  const ws = new WebSocket(wsUrl);
  ws.onerror = reject;
  window.acked = 0;
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'welcome') ws.send(JSON.stringify({ type: 'set_name', name: 'Burst bot' }));
    else if (m.type === 'session') ws.send(JSON.stringify({ type: 'join', channel: 'General Talk' }));
    else if (m.type === 'joined') { window.bot = ws; resolve(); }
    else if (m.type === 'message' && m.message.client_id) window.acked += 1;
    else if (m.type === 'error') reject(new Error(m.message));
  };
}), wsUrl);
const burst = async (prefix, count) => {
  await bot.evaluate(({ prefix, count }) => {
    for (let i = 1; i <= count; i += 1) {
      window.bot.send(JSON.stringify({ type: 'send', channel: 'General Talk', body: `${prefix} ${i}: the quick brown fox jumps over the lazy dog`, client_id: `${prefix}-${i}` }));
    }
  }, { prefix, count });
  await page.waitForFunction((last) => window.chitchat.state().messages.some((m) => m.body.startsWith(last)), `${prefix} ${count}:`, { timeout: 30000 });
};
await burst('fill', 100);
await sleep(1500);  // drawn, and the activity animation over
await page.evaluate(() => { window.chitchat.longestFrameMs(true); window.chitchat.longestMessageMs(true); });
const burstFramesBefore = await page.evaluate(() => window.chitchat.frames());
const burstStart = Date.now();
await burst('burst', 100);
const burstArrivedMs = Date.now() - burstStart;
await sleep(1500);
const burstStats = await page.evaluate(() => ({
  frame: window.chitchat.longestFrameMs(false),
  message: window.chitchat.longestMessageMs(false),
  frames: window.chitchat.frames(),
  inView: window.chitchat.state().messages.length,
}));

// Every script at once: the text atlas's cost.
const corpus = ['Tiếng Việt Người Việt', 'Καλημέρα Ευχαριστώ', 'Привет мир', 'Բարև ձեզ', 'გამარჯობა', 'שלום עולם',
  'مرحبا بكم شكرا جزيلا', 'नमस्ते दुनिया', 'স্বাগতম', 'வணக்கம்', 'สวัสดีครับ', '你好，世界 谢谢你们', '繁體中文字',
  'こんにちは ありがとう', '안녕하세요 감사합니다', '∑ ∫ √ ≤ ≥ → € ┌─┐', '👍 😀 🎉 ❤️ 👨‍👩‍👧‍👦 👩🏽‍💻 🇫🇷 🇯🇵 1️⃣'];
await page.evaluate(() => { window.chitchat.longestFrameMs(true); });
const corpusStart = Date.now();
await bot.evaluate((bodies) => bodies.forEach((body, i) =>
  window.bot.send(JSON.stringify({ type: 'send', channel: 'General Talk', body, client_id: `corpus-${i}` }))), corpus);
await page.waitForFunction((last) => window.chitchat.state().messages.some((m) => m.body === last), corpus[corpus.length - 1], { timeout: 30000 });
// Drawn: a frame after the posts arrived left nothing pending.
const arrivedAt = await page.evaluate(() => window.chitchat.frames());
await page.waitForFunction((f) => window.chitchat.frames() > f && window.chitchat.glyphs().pending === 0, arrivedAt,
  { timeout: 30000, polling: 'raf' });
const corpusMs = Date.now() - corpusStart;
const corpusFrame = await page.evaluate(() => window.chitchat.longestFrameMs(false));
const glyphs = await page.evaluate(() => window.chitchat.glyphs());
await sleep(1500);
const settled = await page.evaluate(() => window.chitchat.frames());
await sleep(3000);
const idleAfterGlyphs = (await page.evaluate(() => window.chitchat.frames())) - settled;

// The first load: what the page fetches before its first frame, as gzip would send it.
const assets = ['', 'glue.js', 'chitchat.js', 'chitchat.wasm'];
let raw = 0, gzip = 0;
for (const a of assets) {
  const body = Buffer.from(await (await fetch(new URL(a, url))).arrayBuffer());
  raw += body.length;
  gzip += gzipSync(body, { level: 9 }).length;
}

const result = {
  first_load_bytes: raw,
  first_load_gzip_bytes: gzip,
  first_frame_ms: Math.round(firstFrame),
  load_event_ms: Math.round(nav),
  idle_seconds: idleSeconds,
  idle_frames: framesAfter - framesBefore,
  idle_main_thread_busy_percent: Number((busy * 100).toFixed(2)),
  burst_messages_in_view: burstStats.inView,
  burst_arrived_ms: burstArrivedMs,
  burst_frames: burstStats.frames - burstFramesBefore,
  burst_longest_frame_ms: Number(burstStats.frame.toFixed(2)),
  burst_longest_message_ms: Number(burstStats.message.toFixed(2)),
  corpus_posts: corpus.length,
  corpus_text_arrived_ms: corpusMs,
  corpus_longest_frame_ms: Number(corpusFrame.toFixed(2)),
  atlas: glyphs,
  idle_frames_after_glyphs_3s: idleAfterGlyphs,
};
console.log(JSON.stringify(result));
console.log(`first load ${(gzip / 1024).toFixed(1)} KB gzip (${(raw / 1024).toFixed(1)} KB raw): page, glue, chitchat.js, chitchat.wasm; no font data`);
console.log(`first frame ${result.first_frame_ms} ms after navigation start (load event ${result.load_event_ms} ms)`);
console.log(`idle ${idleSeconds} s: ${result.idle_frames} frames drawn, main thread busy ${result.idle_main_thread_busy_percent} %`);
console.log(`burst of 100 onto 100 in view: ${result.burst_frames} frames, longest ${result.burst_longest_frame_ms} ms to draw, ` +
  `longest incoming frame ${result.burst_longest_message_ms} ms to handle`);
console.log(`every script (${corpus.length} posts): text in the atlas ${corpusMs} ms after sending, longest frame ` +
  `${result.corpus_longest_frame_ms} ms; atlas ${glyphs.glyphs} pieces on ${glyphs.pages}/${glyphs.max_pages} pages of ` +
  `${glyphs.width}x${glyphs.height}; then ${idleAfterGlyphs} frames in 3 s`);
await browser.close();
