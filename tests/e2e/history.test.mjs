// The whole history in the browser: scrolling back past the 100 posts held in memory, and
// finding an old post by search and jumping to it. Run by ctest like chat.test.mjs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer, launchBrowser, postAsBot, Person, sleep } from './harness.mjs';

const binary = process.env.CHITCHAT_SERVER;
const www = process.env.CHITCHAT_WWW;
const shots = process.env.CHITCHAT_SHOTS || join(tmpdir(), 'chitchat-shots');
const dir = mkdtempSync(join(tmpdir(), 'chitchat-e2e-history-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const TOTAL = 230;
const NEEDLE = 7;

// A bot posts TOTAL messages, one of them the needle to search for.
const seed = (browser, url) => postAsBot(browser, url, 'Archivist', Array.from({ length: TOTAL }, (_, k) =>
  (k + 1 === NEEDLE ? 'the needle: une crème brûlée au Café' : `history line ${k + 1}`)));

test('scroll back past the 100, and find an old message by search', { timeout: 180000 }, async () => {
  assert.ok(binary && www, 'CHITCHAT_SERVER and CHITCHAT_WWW must be set');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await startServer({ binary, www, dir, port, extra: ['--rate-limit', '0'] });
  const browser = await launchBrowser();
  try {
    await seed(browser, url);

    // Zoë searches with Ctrl+K, without the accents, and jumps to the old post.
    const a = await Person.open(browser, 'A', url, shots);
    await a.until((s) => s.needs_name, 'the name prompt');
    await a.click('name_input');
    await a.type('Zoë');
    await a.press('Enter');
    const start = await a.until((s) => s.user === 'Zoë' && s.messages.length === 100, 'the newest 100');
    assert.equal(start.messages[0].id, TOTAL - 99);
    assert.equal(start.has_older, true);
    await sleep(600);  // indexed for search every quarter second
    await a.page.keyboard.press('Control+k');
    await a.widget('search_input');
    await a.type('creme cafe');
    await a.press('Enter');
    const found = await a.until((s) => s.search && s.search.results.length === 1, 'one result');
    assert.equal(found.search.results[0].id, NEEDLE);
    assert.equal(found.search.results[0].sender, 'Archivist');
    await a.shot('10-a-search-results');
    await a.click('search_result:0');
    const jumped = await a.until((s) => s.messages.some((m) => m.id === NEEDLE), 'the old post loaded');
    const ids = jumped.messages.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length, 'no post twice');
    assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'in order');
    assert.equal(ids[ids.length - 1], TOTAL);
    await sleep(300);
    await a.shot('11-a-jumped-to-result');

    // Иван scrolls back with the wheel, page after page, to the very first post.
    const b = await Person.open(browser, 'B', url, shots);
    await b.until((s) => s.needs_name, 'the name prompt');
    await b.click('name_input');
    await b.type('Иван');
    await b.press('Enter');
    await b.until((s) => s.messages.length === 100, 'the newest 100 at Иван');
    const view = await b.widget('composer');
    await b.page.mouse.move(view.x + view.w / 2, view.y - 200);
    let s = await b.state();
    for (let i = 0; i < 400 && s.has_older; i++) {
      await b.page.mouse.wheel(0, -600);
      await sleep(40);
      if (i % 10 === 9) s = await b.state();
    }
    s = await b.until((st) => !st.has_older && st.messages.length === TOTAL, 'every post, back to the first');
    assert.equal(s.messages[0].id, 1);
    assert.equal(s.messages[0].body, 'history line 1');
    assert.deepEqual(s.messages.map((m) => m.id), Array.from({ length: TOTAL }, (_, i) => i + 1));
    await b.shot('12-b-beginning-of-channel');
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
