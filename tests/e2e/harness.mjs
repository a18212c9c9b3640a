// Helpers for driving Chit-Chat in Debian's chromium like a person: real mouse clicks and key
// presses at the rectangles the page reports (window.chitchat.widgets()), results read through
// window.chitchat.state() and screenshots.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// The real server binary, on a given port, with its data in `dir`.
export async function startServer({ binary, www, dir, port, extra = [] }) {
  const child = spawn(binary, ['--port', String(port), '--web-root', www, '--data-dir', join(dir, 'data'),
    '--uploads', join(dir, 'uploads'), '--threads', '2', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const deadline = Date.now() + 10000;
  while (!log.includes('listening on')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start: ${log}`);
    await sleep(50);
  }
  return { child, log: () => log, async stop() {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
    return child.exitCode;
  } };
}

// A bot in its own browser context posts `bodies` to General Talk over protocol 1, and returns
// once the server has acknowledged every one.
export async function postAsBot(browser, url, name, bodies) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(async ({ name, bodies }) => {
    const ws = new WebSocket(`ws://${location.host}/ws`);
    const acks = new Set();
    let joined = false;
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type === 'welcome') ws.send(JSON.stringify({ type: 'set_name', name }));
      if (m.type === 'session') ws.send(JSON.stringify({ type: 'join', channel: 'General Talk' }));
      if (m.type === 'joined') joined = true;
      if (m.type === 'message' && m.message.client_id) acks.add(m.message.client_id);
    };
    while (!joined) await new Promise((r) => setTimeout(r, 20));
    bodies.forEach((body, i) => ws.send(JSON.stringify({ type: 'send', channel: 'General Talk', body, client_id: `bot-${i}` })));
    while (acks.size < bodies.length) await new Promise((r) => setTimeout(r, 20));
    ws.close();
  }, { name, bodies });
  await context.close();
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export class Person {
  constructor(name, page, shots) { this.name = name; this.page = page; this.shots = shots; this.errors = []; }

  static async open(browser, name, url, shots) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const person = new Person(name, page, shots);
    page.on('pageerror', (e) => person.errors.push(String(e)));
    await page.goto(url);
    await person.until((s) => s.status === 'connected', 'the first connection');
    return person;
  }

  state() { return this.page.evaluate(() => window.chitchat.state()); }

  async until(predicate, what, timeout = 15000) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try { last = await this.page.evaluate(() => window.chitchat && window.chitchat.state()); } catch (e) { last = null; }
      if (last && predicate(last)) return last;
      if (Date.now() > deadline) throw new Error(`${this.name}: timed out waiting for ${what}; state: ${JSON.stringify(last)}`);
      await sleep(100);
    }
  }

  async widget(name, timeout = 5000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const rect = await this.page.evaluate((n) => window.chitchat.widgets()[n], name);
      if (rect) return rect;
      if (Date.now() > deadline) throw new Error(`${this.name}: no widget "${name}" on screen`);
      await sleep(100);
    }
  }

  // A click as a person makes it: move there, press, release (each held long enough for a frame).
  async click(name) {
    const r = await this.widget(name);
    const x = r.x + r.w / 2, y = r.y + r.h / 2;
    await this.page.mouse.move(x, y);
    await sleep(60);
    await this.page.mouse.down();
    await sleep(60);
    await this.page.mouse.up();
    await sleep(100);
  }

  async type(text) { await this.page.keyboard.type(text, { delay: 30 }); await sleep(100); }

  // Dear ImGui 1.86 reads keys once per frame: hold each one a little.
  async press(key) {
    await this.page.keyboard.down(key);
    await sleep(80);
    await this.page.keyboard.up(key);
    await sleep(120);
  }

  async shot(label) {
    mkdirSync(this.shots, { recursive: true });
    await sleep(150);
    await this.page.screenshot({ path: join(this.shots, `${label}.png`) });
  }
}
