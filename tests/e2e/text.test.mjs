// Text as people write it: a bot posts every script and emoji sequence, and each post's body is
// cropped from a screenshot (its message:<id> rectangle) and looked at: not blank, two strings
// of one script drawn differently (one replacement glyph would draw them alike), emoji in colour,
// Hebrew and Arabic from the right, Arabic letters joined. Then links and copying, with the mouse
// and the keyboard. Run by ctest like chat.test.mjs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer, launchBrowser, postAsBot, Person, sleep } from './harness.mjs';

const binary = process.env.CHITCHAT_SERVER;
const www = process.env.CHITCHAT_WWW;
const shots = process.env.CHITCHAT_SHOTS || join(tmpdir(), 'chitchat-shots');
const dir = mkdtempSync(join(tmpdir(), 'chitchat-e2e-text-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Pairs of one script, of (nearly) one length.
const SCRIPTS = {
  vietnamese: ['Tiếng Việt', 'Người Việt'], greek: ['Καλημέρα', 'Ευχαριστώ'], cyrillic: ['Привет мир', 'Жизнь игра'],
  armenian: ['Բարև ձեզ', 'Շնորհակալ'], georgian: ['გამარჯობა', 'მადლობა გ'], hebrew: ['שלום עולם', 'תודה רבה לך'],
  arabic: ['مرحبا بكم', 'شكرا جزيلا'], devanagari: ['नमस्ते दुनिया', 'धन्यवाद मित्र'], bengali: ['স্বাগতম', 'ধন্যবাদ'],
  tamil: ['வணக்கம்', 'நன்றி நண்'], thai: ['สวัสดีครับ', 'ขอบคุณมาก'], simplified: ['你好，世界', '谢谢你们！'],
  traditional: ['繁體中文字', '臺灣歡迎您'], japanese: ['こんにちは', 'ありがとう'], korean: ['안녕하세요', '감사합니다'],
  symbols: ['∑ ∫ √ ≤ ≥ → ⇒ € £ ¥', '┌─┬─┐ │ ∞ ≠ ± ← ↑ ₹'],
};
const EMOJI = {
  single: '👍 😀 🎉', face: '😀', heart: '❤️', zwj: '🏳️‍🌈 👩‍❤️‍👨', profession: '👩🏽‍💻 🧑‍🚀', skin: '👋🏿 👍🏽', flags: '🇫🇷 🇯🇵 🇧🇷', keycap: '1️⃣ #️⃣',
};
// The first word is one letter, the last a long one: read from the right, the short word is at
// the right.
const RTL = { hebrew_order: 'ב שלוםשלוםשלום', arabic_order: 'و مرحبامرحبامرحبا' };
const FAMILY = '👨‍👩‍👧‍👦';  // seven code points, one picture (grey in Noto Color Emoji 2.042)
// Sequences of several code points that are each one picture: drawn apart, they would be wider.
const ONE_PICTURE = { family: FAMILY, profession: '👩🏽‍💻', rainbow: '🏳️‍🌈', flag: '🇫🇷', keycap: '1️⃣', face: '😀' };
const JOINED = 'سسسسسسسس';  // seen, joined: one unbroken stroke along the baseline

// Statistics of a PNG, computed by the page itself: ink (pixels unlike the background), colour
// (saturated pixels), the ink of each column, and the crop's pixels for comparisons.
async function analyse(page, png) {
  return page.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const bg = [data[0], data[1], data[2]];
    let ink = 0, colour = 0, warm = 0;
    const columns = new Array(width).fill(0);
    const gray = [];
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x), r = data[i], g = data[i + 1], b = data[i + 2];
      const d = Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]);
      gray.push(d);
      if (d > 90) ink++;
      if (d > 30) columns[x]++;  // faint ink too: the thin stroke joining two letters
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60 && Math.max(r, g, b) > 100) colour++;
      if (r - g > 50 && r > 120) warm++;  // red to pink: no colour of the client's own text
    }
    return { width, height, ink, colour, warm, columns, gray };
  }, png.toString('base64'));
}

function difference(a, b) {
  const w = Math.min(a.width, b.width), h = Math.min(a.height, b.height);
  let d = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d += Math.abs(a.gray[y * a.width + x] - b.gray[y * b.width + x]) > 90 ? 1 : 0;
  return d + Math.abs(a.ink - b.ink);
}

// Runs of empty columns between the first and the last inked one.
function gaps(columns) {
  const first = columns.findIndex((c) => c > 0), last = columns.length - 1 - [...columns].reverse().findIndex((c) => c > 0);
  const out = [];
  for (let x = first, start = -1; x <= last; x++) {
    if (columns[x] === 0 && start < 0) start = x;
    if (columns[x] > 0 && start >= 0) { out.push({ start, end: x, mid: (start + x) / 2 }); start = -1; }
  }
  return { first, last, gaps: out };
}

test('every script and emoji renders, links open, text copies', { timeout: 240000 }, async () => {
  assert.ok(binary && www, 'CHITCHAT_SERVER and CHITCHAT_WWW must be set');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await startServer({ binary, www, dir, port, extra: ['--rate-limit', '0'] });
  const browser = await launchBrowser();
  const cropDir = join(shots, 'text');
  mkdirSync(cropDir, { recursive: true });
  try {
    const samples = [];
    for (const [script, [a, b]] of Object.entries(SCRIPTS)) samples.push([`${script}-a`, a], [`${script}-b`, b]);
    for (const [k, v] of Object.entries(EMOJI)) samples.push([`emoji-${k}`, v]);
    for (const [k, v] of Object.entries(RTL)) samples.push([k, v]);
    for (const [k, v] of Object.entries(ONE_PICTURE)) if (k !== 'face') samples.push([`picture-${k}`, v]);
    samples.push(['arabic-joined', JOINED]);
    const healthz = `http://127.0.0.1:${port}/healthz`;
    const extras = [`see ${healthz}.`, 'javascript:alert(1) and data:text/html,hi'];
    await postAsBot(browser, url, 'Ζωή 🌸', [...samples.map(([, body]) => body), ...extras]);

    const a = await Person.open(browser, 'A', url, shots);
    await a.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    await a.until((s) => s.needs_name, 'the name prompt');
    // A name in any script, typed into the page's own field, shows in the header as typed.
    const me = 'Zoë 🌸 佐伊';
    await a.click('name_input');
    await a.type(me);
    await a.press('Enter');
    await a.until((s) => s.user === me, 'the name set as typed');
    // A tall page, so that every sample is on screen at once.
    await a.page.setViewportSize({ width: 1280, height: 2400 });
    const state = await a.until((s) => s.messages.length >= samples.length + extras.length, 'every sample');
    const idOf = (body) => state.messages.find((m) => m.body === body).id;
    const deadline = Date.now() + 10000;
    while ((await a.page.evaluate(() => window.chitchat.glyphs().pending)) > 0 && Date.now() < deadline) await sleep(100);
    await sleep(300);
    const glyphs = await a.page.evaluate(() => window.chitchat.glyphs());
    assert.equal(glyphs.pending, 0, 'every glyph arrived');
    assert.ok(glyphs.bytes <= glyphs.max_pages * glyphs.width * glyphs.height * 4, 'the atlas stays in its bounds');
    await a.shot('20-a-every-script');

    const widgets = await a.page.evaluate(() => window.chitchat.widgets());
    const name = widgets.user_name;
    const nameStats = await analyse(a.page, await a.page.screenshot({ clip: { x: name.x, y: name.y, width: name.w, height: name.h } }));
    assert.ok(nameStats.warm > 20, `the name's 🌸 is in colour (${nameStats.warm} pink pixels)`);
    const stats = {};
    for (const [key, body] of samples) {
      const r = widgets[`message:${idOf(body)}`];
      assert.ok(r, `${key}: its body is on screen`);
      const png = await a.page.screenshot({ clip: { x: r.x - 2, y: r.y, width: r.w + 4, height: r.h } });
      writeFileSync(join(cropDir, `${key}.png`), png);
      stats[key] = await analyse(a.page, png);
      assert.ok(stats[key].ink > 30, `${key}: not blank (${stats[key].ink} pixels of ink)`);
    }
    for (const k of Object.keys(ONE_PICTURE)) {
      const p = stats[k === 'face' ? 'emoji-face' : `picture-${k}`];
      assert.ok(p.width < 2 * p.height, `${k}: one picture (${p.width}x${p.height})`);
    }
    for (const script of Object.keys(SCRIPTS)) {
      const d = difference(stats[`${script}-a`], stats[`${script}-b`]);
      assert.ok(d > 40, `${script}: two strings draw differently (${d})`);
    }
    for (const k of Object.keys(EMOJI))
      assert.ok(stats[`emoji-${k}`].colour > 20, `emoji ${k}: in colour (${stats[`emoji-${k}`].colour} saturated pixels)`);
    for (const k of Object.keys(RTL)) {
      const { first, last, gaps: g } = gaps(stats[k].columns);
      const widest = g.reduce((best, x) => (x.end - x.start > best.end - best.start ? x : best), { start: 0, end: 0 });
      assert.ok(widest.mid > (first + last) / 2 + (last - first) / 4, `${k}: the first word is at the right (gap at ${widest.mid} in ${first}..${last})`);
    }
    // Isolated forms would leave a gap between each of the eight letters; the final letter's tail
    // may curl away from its bowl at the far left, so the outer tenth does not count.
    const joined = gaps(stats['arabic-joined'].columns);
    const span = joined.last - joined.first;
    const breaks = joined.gaps.filter((x) => x.mid > joined.first + span / 10 && x.mid < joined.last - span / 10);
    assert.equal(breaks.length, 0, `the Arabic word is one stroke (breaks ${JSON.stringify(joined)})`);

    // A link: the hand cursor over it, and a click opens it in a new tab.
    const link = widgets[`link:${idOf(extras[0])}:0`];
    assert.ok(link, 'the link is drawn as one');
    await a.page.mouse.move(link.x + link.w / 2, link.y + link.h / 2);
    await sleep(200);
    assert.equal(await a.page.evaluate(() => document.getElementById('canvas').style.cursor), 'pointer');
    const [opened] = await Promise.all([a.page.context().waitForEvent('page'), a.page.mouse.down().then(() => sleep(60)).then(() => a.page.mouse.up())]);
    await opened.waitForLoadState();
    assert.equal(opened.url(), healthz);
    assert.equal(await opened.evaluate(() => window.opener), null, 'opened without an opener');
    await opened.close();
    // Nothing else is a link: a click on "javascript:" opens nothing.
    const js = widgets[`message:${idOf(extras[1])}`];
    let pages = 0;
    a.page.context().on('page', () => pages++);
    await a.page.mouse.click(js.x + 20, js.y + js.h / 2);
    await sleep(500);
    assert.equal(pages, 0, 'javascript: opened nothing');
    assert.ok(!widgets[`link:${idOf(extras[1])}:0`], 'javascript: and data: are not links');

    // Select across a post with a drag, then Ctrl+C.
    const copyDrag = async (body) => {
      const r = (await a.page.evaluate(() => window.chitchat.widgets()))[`message:${idOf(body)}`];
      await a.page.mouse.move(r.x - 1, r.y + r.h / 2);
      await a.page.mouse.down();
      for (let i = 1; i <= 5; i++) { await a.page.mouse.move(r.x + (r.w + 12) * i / 5, r.y + r.h / 2); await sleep(40); }
      await sleep(100);
      await a.page.mouse.up();
      await sleep(100);
      await a.page.keyboard.down('Control');
      await a.press('c');
      await a.page.keyboard.up('Control');
      return a.page.evaluate(() => navigator.clipboard.readText());
    };
    assert.equal(await copyDrag(SCRIPTS.cyrillic[0]), SCRIPTS.cyrillic[0]);
    assert.equal(await copyDrag(SCRIPTS.hebrew[0]), SCRIPTS.hebrew[0]);
    await a.shot('21-a-selected');
    // Copy text from the menu: emoji and right-to-left text, every character.
    for (const body of [FAMILY, EMOJI.zwj, SCRIPTS.arabic[1]]) {
      const r = (await a.page.evaluate(() => window.chitchat.widgets()))[`message:${idOf(body)}`];
      await a.page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
      await sleep(60);
      await a.page.mouse.down({ button: 'right' });
      await sleep(60);
      await a.page.mouse.up({ button: 'right' });
      await sleep(100);
      await a.click('menu_copy');
      assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), body);
    }

    // Pasted into the composer, text keeps every character, shows as sent posts do, and goes out
    // as it was.
    const pasted = 'שלום 👋🏽 and مرحبا 2024 🇯🇵';
    await a.page.evaluate((t) => navigator.clipboard.writeText(t), pasted);
    await a.click('composer');
    await a.page.keyboard.down('Control');
    await a.press('v');
    await a.page.keyboard.up('Control');
    const box = await a.widget('composer');
    const composed = await analyse(a.page, await a.page.screenshot({ clip: { x: box.x, y: box.y, width: box.w, height: box.h } }));
    assert.ok(composed.warm > 20 && composed.ink > 100, `the composer draws emoji in colour (${composed.warm} red pixels)`);
    await a.shot('22-a-composer-pasted');
    await a.press('Enter');
    await a.until((st) => st.messages.some((m) => m.body === pasted && !m.pending), 'the pasted post, sent as it was');

    // The search box is the page's field too: Hebrew typed right after Ctrl+K finds the post.
    await a.page.keyboard.down('Control');
    await a.press('k');
    await a.page.keyboard.up('Control');
    await a.page.keyboard.type('עולם');
    await a.press('Enter');
    const found = await a.until((st) => st.search && st.search.results.length > 0, 'a search result');
    assert.equal(found.search.q, 'עולם');
    assert.ok(found.search.results.some((m) => m.body === SCRIPTS.hebrew[0]), 'the Hebrew post found');
    await a.shot('23-a-search-hebrew');
    assert.deepEqual(a.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
