// Two people edit, delete, react and reply in real browsers, with the mouse and the keyboard;
// the server goes away in the middle, so that changes made meanwhile wait in the outbox and the
// other person catches up on rejoining. Both must end with the same view, also after a reload.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer, launchBrowser, Person, sleep } from './harness.mjs';

const binary = process.env.CHITCHAT_SERVER;
const www = process.env.CHITCHAT_WWW;
const shots = process.env.CHITCHAT_SHOTS || join(tmpdir(), 'chitchat-shots');
const dir = mkdtempSync(join(tmpdir(), 'chitchat-e2e-changes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// What both people must agree on: every post as the server has it now.
const view = (s) => s.messages.filter((m) => !m.pending).map((m) => ({
  id: m.id, sender: m.sender, body: m.body, deleted: m.deleted, edited: m.edited_ts !== null,
  reactions: m.reactions, reply_to: m.reply_to,
}));
const post = (s, body) => s.messages.find((m) => m.body === body && !m.pending);

async function named(browser, who, name, url) {
  const p = await Person.open(browser, who, url, shots);
  await p.until((s) => s.needs_name, 'the name prompt');
  await p.click('name_input');
  await p.type(name);
  await p.press('Enter');
  await p.until((s) => s.user === name && s.channel === 'General Talk', `${name} in General Talk`);
  return p;
}

// A key held with a modifier, each held long enough for a frame.
async function chord(p, modifier, key) {
  await p.page.keyboard.down(modifier);
  await sleep(60);
  await p.press(key);
  await p.page.keyboard.up(modifier);
  await sleep(100);
}

// Moves the mouse onto a post's header: its actions show.
async function hover(p, id) {
  const r = await p.widget(`sender:${id}`);
  await p.page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await sleep(150);
}

test('two people edit, delete, react and reply, one change made while the server was away', { timeout: 240000 }, async () => {
  assert.ok(binary && www, 'CHITCHAT_SERVER and CHITCHAT_WWW must be set');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let server = await startServer({ binary, www, dir, port });
  const browser = await launchBrowser();
  try {
    const a = await named(browser, 'A', 'Zoë', url);
    const b = await named(browser, 'B', 'Иван', url);
    for (const body of ['On se voit au café ?', 'Je suis en retrad']) {
      await a.click('composer');
      await a.type(body);
      await a.press('Enter');
      await a.until((s) => post(s, body), `"${body}" sent`);
    }
    const first = post(await b.until((s) => post(s, 'Je suis en retrad'), 'both posts at Иван'), 'On se voit au café ?');

    // Иван hovers Zoë's question: React and Reply, no Edit or Delete (not his).
    await hover(b, first.id);
    await b.widget(`react:${first.id}`);
    const widgets = await b.page.evaluate(() => window.chitchat.widgets());
    assert.ok(!(`edit:${first.id}` in widgets) && !(`delete:${first.id}` in widgets), 'no Edit or Delete on another\'s post');
    await b.shot('20-b-hover-actions');
    // He reacts from the picker, filtering with the keyboard.
    await b.click(`react:${first.id}`);
    await b.widget('emoji_filter');
    await b.shot('21-b-emoji-picker');
    await b.type('thumbs');
    await b.press('Enter');
    await b.until((s) => post(s, 'On se voit au café ?').reactions.length === 1, 'Иван\'s reaction');
    // He replies with the mouse.
    await hover(b, first.id);
    await b.click(`reply:${first.id}`);
    await b.until((s) => s.replying === first.id, 'replying');
    await b.type('Oui, à 10 h !');
    await b.press('Enter');
    const replied = await a.until((s) => post(s, 'Oui, à 10 h !'), 'the reply at Zoë');
    assert.equal(post(replied, 'Oui, à 10 h !').reply_to.id, first.id);
    assert.equal(post(replied, 'Oui, à 10 h !').reply_to.body, 'On se voit au café ?');
    assert.deepEqual(post(replied, 'On se voit au café ?').reactions[0].users, [(await b.state()).user_id]);

    // Zoë fixes her typo with the keyboard: Up in the empty composer edits her last post.
    await a.click('composer');
    await a.press('ArrowUp');
    await a.widget('edit_input');
    await a.page.keyboard.press('Control+a');
    await a.type('Je suis en retard');
    await a.press('Enter');
    await b.until((s) => post(s, 'Je suis en retard') && post(s, 'Je suis en retard').edited_ts, 'the edit at Иван');
    await b.shot('22-b-edited-and-replied');

    // Иван reacts with the keyboard alone: Alt+Up chooses the newest post, again the one before,
    // Alt+R opens the picker, a filter and Enter take the first match.
    await b.page.mouse.move(5, 5);
    await b.click('composer');
    await chord(b, 'Alt', 'ArrowUp');
    await chord(b, 'Alt', 'ArrowUp');
    await chord(b, 'Alt', 'r');
    await b.widget('emoji_filter');
    await b.type('heart');
    await b.press('Enter');
    await a.until((s) => post(s, 'Je suis en retard').reactions.some((r) => r.emoji === '❤️'), 'the keyboard reaction at Zoë');

    // Clicking the quote brings the original into view.
    await b.click(`quote:${post(await b.state(), 'Oui, à 10 h !').id}`);

    // The server goes away. Zoë deletes her question from the right-click menu meanwhile: it
    // shows as deleted at once and waits in her outbox.
    await server.stop();
    await a.until((s) => s.status !== 'connected', 'Zoë offline');
    await b.until((s) => s.status !== 'connected', 'Иван offline');
    const r = await a.widget(`sender:${first.id}`);
    await a.page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
    await sleep(100);
    await a.page.mouse.down({ button: 'right' });
    await sleep(80);
    await a.page.mouse.up({ button: 'right' });
    await a.click('menu_delete');
    await a.widget('confirm_delete');
    await a.shot('23-a-delete-confirm');
    await a.click('confirm_delete');
    await a.until((s) => post(s, '') && post(s, '').deleted && s.changes === 1, 'the deletion shown, waiting');

    server = await startServer({ binary, www, dir, port });
    await a.until((s) => s.status === 'connected' && s.changes === 0, 'Zoë\'s deletion confirmed');
    const bs = await b.until((s) => s.status === 'connected' && s.messages.some((m) => m.id === first.id && m.deleted),
      'Иван caught up with the deletion');
    await b.shot('24-b-deleted-after-catch-up');
    const as = await a.state();
    assert.deepEqual(view(bs), view(as));
    const tomb = view(as).find((m) => m.id === first.id);
    assert.equal(tomb.body, '');
    assert.deepEqual(tomb.reactions, []);
    assert.equal(view(as).find((m) => m.body === 'Oui, à 10 h !').reply_to.body, 'On se voit au café ?');

    // A reload shows the same: it all came from the server.
    await b.page.reload();
    const reloaded = await b.until((s) => s.status === 'connected' && s.messages.length === as.messages.length, 'Иван reloaded');
    assert.deepEqual(view(reloaded), view(as));
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
