// Two people chat in real browsers against the real server, which is restarted in the middle.
// Run by ctest (make test) with CHITCHAT_SERVER, CHITCHAT_WWW and CHITCHAT_SHOTS set.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer, launchBrowser, Person, sleep } from './harness.mjs';

const binary = process.env.CHITCHAT_SERVER;
const www = process.env.CHITCHAT_WWW;
const shots = process.env.CHITCHAT_SHOTS || join(tmpdir(), 'chitchat-shots');
const dir = mkdtempSync(join(tmpdir(), 'chitchat-e2e-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// A real 2×2 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

const bodies = (s) => s.messages.map((m) => m.body);
const once = (s, body) => s.messages.filter((m) => m.body === body).length === 1;

test('two people chat, upload, reload and survive a server restart', { timeout: 240000 }, async () => {
  assert.ok(binary && www, 'CHITCHAT_SERVER and CHITCHAT_WWW must be set');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let server = await startServer({ binary, www, dir, port });
  const browser = await launchBrowser();
  try {
    // Zoë arrives first, names herself with the keyboard.
    const a = await Person.open(browser, 'A', url, shots);
    await a.until((s) => s.needs_name, 'the name prompt');
    await a.shot('01-a-name-prompt');
    await a.click('name_input');
    await a.type('Zoë');
    await a.press('Enter');
    await a.until((s) => s.user === 'Zoë' && s.channel === 'General Talk', 'Zoë in General Talk');

    // Иван names himself with the button.
    const b = await Person.open(browser, 'B', url, shots);
    await b.until((s) => s.needs_name, 'the name prompt');
    await b.click('name_input');
    await b.type('Иван');
    await b.click('name_submit');
    await b.until((s) => s.user === 'Иван', 'Иван named');
    await a.until((s) => s.online === 2, 'two online');
    await a.shot('02-a-general-talk');

    // Zoë creates "café" and is moved into it; Иван sees it and joins.
    await a.click('new_channel');
    await a.click('new_channel_input');
    await a.type('café');
    await a.press('Enter');
    await a.until((s) => s.channel === 'café', 'Zoë in café');
    await b.until((s) => s.channels.some((c) => c.name === 'café'), 'café listed for Иван');
    await b.click('channel:café');
    await b.until((s) => s.channel === 'café', 'Иван in café');

    // Zoë writes; Иван sees it with her name and a timestamp.
    await a.click('composer');
    await a.type('Bonjour à tous,');
    await a.page.keyboard.down('Shift');
    await a.press('Enter');  // Shift+Enter: a new line, not a send
    await a.page.keyboard.up('Shift');
    await a.type('привет!');
    await a.press('Enter');
    const first = 'Bonjour à tous,\nпривет!';
    const seen = await b.until((s) => s.messages.some((m) => m.body === first), 'the two-line message at Иван');
    assert.equal(seen.messages.length, 1, 'sent once');
    const m = seen.messages.find((x) => x.body === first);
    assert.equal(m.sender, 'Zoë');
    assert.ok(Math.abs(m.ts - Date.now()) < 60000, 'a server timestamp of now');
    assert.equal(m.pending, false);
    await b.shot('03-b-sees-message');

    // Иван uploads a picture; Zoë sees it with a preview.
    const file = join(dir, 'dot.png');
    writeFileSync(file, png);
    const [chooser] = await Promise.all([b.page.waitForEvent('filechooser'), b.click('attach')]);
    await chooser.setFiles(file);
    await b.until((s) => s.messages.some((x) => x.attachment && !x.pending), 'the upload posted');
    const withFile = await a.until((s) => s.messages.some((x) => x.attachment && x.attachment.mime === 'image/png'), 'the picture at Zoë');
    assert.equal(withFile.messages.find((x) => x.attachment).attachment.name, 'dot.png');
    await sleep(500);
    await a.shot('04-a-sees-preview');

    // Zoë reloads: back in café, no prompt.
    await a.page.reload();
    const back = await a.until((s) => s.status === 'connected' && s.channel === 'café' && s.messages.length >= 2, 'Zoë back in café');
    assert.equal(back.user, 'Zoë');
    assert.equal(back.needs_name, false);
    await a.shot('05-a-after-reload');

    // The server restarts; a message typed meanwhile waits in the outbox and goes out once.
    assert.equal(await server.stop(), 0);
    await a.until((s) => s.status !== 'connected', 'Zoë noticing the drop');
    await a.click('composer');
    await a.type('typed while the server was down');
    await a.press('Enter');
    await a.until((s) => s.messages.some((x) => x.pending), 'a pending message');
    await a.shot('06-a-offline-pending');
    server = await startServer({ binary, www, dir, port });
    await a.until((s) => s.status === 'connected' && s.outbox === 0, 'Zoë reconnected, outbox sent', 30000);
    await b.until((s) => s.status === 'connected', 'Иван reconnected', 30000);
    await b.click('composer');
    await b.type('still here');
    await b.press('Enter');
    const expected = [first, 'typed while the server was down', 'still here'];
    for (const p of [a, b]) {
      const s = await p.until((st) => expected.every((e) => bodies(st).includes(e)), `${p.name} seeing every message`);
      for (const e of expected) assert.ok(once(s, e), `${p.name} shows "${e}" once`);
      const ids = s.messages.map((x) => x.id);
      assert.equal(new Set(ids).size, ids.length, `${p.name} shows no message twice`);
      assert.ok(s.messages.every((x) => !x.pending), `${p.name} has nothing pending`);
    }
    await b.shot('07-b-after-restart');

    // Иван scrolls up to read; new messages then wait behind "N new messages ↓".
    for (let i = 1; i <= 25; i++) {
      await a.type(`line ${i}`);
      await a.press('Enter');
    }
    await b.until((s) => s.messages.some((x) => x.body === 'line 25'), 'the 25 lines at Иван');
    const view = await b.widget('composer');
    await b.page.mouse.move(view.x + view.w / 2, view.y - 200);
    for (let i = 0; i < 5; i++) { await b.page.mouse.wheel(0, -240); await sleep(80); }
    await a.type('while you were reading');
    await a.press('Enter');
    await b.until((s) => s.messages.some((x) => x.body === 'while you were reading'), 'the new message at Иван');
    await b.widget('jump_to_new');
    await b.shot('08-b-new-messages-below');
    await b.click('jump_to_new');
    await sleep(300);
    assert.equal(await b.page.evaluate(() => window.chitchat.widgets().jump_to_new), undefined);

    // Иван leaves: one online.
    await b.page.context().close();
    await a.until((s) => s.online === 1, 'one online');
    await a.shot('09-a-alone');
    assert.deepEqual(a.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
