// The HTML report in headless Chromium (Debian `chromium`, driven by puppeteer-core; no browser is downloaded):
// every scenario renders with no console error and no network request attempted, the failing connection's
// ladder has its arrows in order, copy buttons carry the exact commands, the essentials show without JavaScript,
// and full-page screenshots at 1280 and 390 px are not blank. Screenshots are kept under the temp directory.
// Where Chromium is missing or cannot start, these tests are not registered and the reason is printed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { EXPECTED_ARROWS, SCENARIOS, inOrder, scenario } from './fixtures.js';
import { skipped } from '../../helpers/when.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const SCREENSHOT_DIR = join(tmpdir(), 'tracedoctor-html-screenshots');

async function launch(): Promise<Browser | string> {
  const executablePath = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!executablePath) return 'no Chromium found (set CHROMIUM_PATH; .ci/run installs Debian chromium)';
  try {
    return await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  } catch (err) {
    return `Chromium at ${executablePath} did not start: ${(err as Error).message.split('\n')[0]}`;
  }
}

const browser = await launch();

interface Loaded {
  page: Page;
  errors: string[];
  requests: string[];
}

async function open(b: Browser, file: string, opts: { width?: number; javascript?: boolean } = {}): Promise<Loaded> {
  const page = await b.newPage();
  await page.setViewport({ width: opts.width ?? 1280, height: 900 });
  await page.setJavaScriptEnabled(opts.javascript ?? true);
  const url = pathToFileURL(file).href;
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warn') errors.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${(err as Error).message}`));
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url() === url) return void req.continue();
    requests.push(req.url());
    void req.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests };
}

/** Decodes a PNG in the browser and says how many distinct colours a sample of its pixels has, and how much is not white. */
async function inkOf(b: Browser, png: Uint8Array): Promise<{ colours: number; ink: number; width: number; height: number }> {
  const page = await b.newPage();
  try {
    return await page.evaluate(async (b64: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      const colours = new Set<number>();
      let ink = 0;
      let seen = 0;
      for (let i = 0; i < data.length; i += 4 * 37) {
        seen++;
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        if (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235) ink++;
      }
      return { colours: colours.size, ink: ink / seen, width: img.width, height: img.height };
    }, Buffer.from(png).toString('base64'));
  } finally {
    await page.close();
  }
}

/** The DOM's ladders: one has `want` in order, every element links to an evidence row that exists. */
async function checkLadder(page: Page, want: readonly string[]): Promise<void> {
  const ladders = await page.$$eval('svg.ladder', (svgs) => svgs.map((svg) => [...svg.querySelectorAll('a.arrow')].map((a) => a.getAttribute('data-kind') ?? '')));
  assert.ok(ladders.some((kinds) => inOrder(kinds, want)), `got ${ladders.map((k) => k.join(' ')).join(' | ')}`);
  const broken = await page.$$eval('svg.ladder a.step', (as) => as.map((a) => a.getAttribute('href')!).filter((h) => !document.getElementById(h.slice(1))));
  assert.equal(broken, []);
  const height = await page.$eval('svg.ladder', (svg) => svg.getBoundingClientRect().height);
  assert.ok(height > 150, `ladder drawn (${height}px high)`);
}

if (typeof browser === 'string') {
  skipped('HTML reports rendered in headless Chromium', browser);
} else {
  const b = browser;
  const dir = join(tmpdir(), `tracedoctor-html-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const fileOf = (name: string, lang: 'en' | 'ja' = 'en') => {
    const path = join(dir, `${name}.${lang}.html`);
    if (!existsSync(path)) writeFileSync(path, scenario(name, lang).html);
    return path;
  };

  for (const name of SCENARIOS) {
    const want = EXPECTED_ARROWS[name];
    const ladderNote = want ? `; the ladder SVG has ${want.join(' → ')}` : '';
    test(`${name}: renders in Chromium without console errors or network requests, screenshots not blank${ladderNote}`, async () => {
      for (const width of [1280, 390]) {
        const { page, errors, requests } = await open(b, fileOf(name), { width });
        try {
          if (want && width === 1280) await checkLadder(page, want);
          assert.equal(errors, [], `console: ${errors.join(' | ')}`);
          assert.equal(requests, [], `requests: ${requests.join(' ')}`);
          assert.ok(await page.$eval('html', (el) => el.classList.contains('js')), 'the script ran (CSP admitted it)');
          const bodyWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(bodyWidth <= width + 1, `page is ${bodyWidth}px wide at ${width}px: only diagrams and tables scroll`);
          const png = await page.screenshot({ fullPage: true, path: join(SCREENSHOT_DIR, `${name}-${width}.png`) });
          const ink = await inkOf(b, png);
          assert.is(ink.width, width);
          assert.ok(ink.colours >= 8 && ink.ink > 0.02, `${name} at ${width}px: ${ink.colours} colours, ${(ink.ink * 100).toFixed(1)}% ink`);
        } finally {
          await page.close();
        }
      }
    });
  }

  test('copy buttons carry the exact command text; clicking one copies and confirms', async () => {
    const { record } = scenario('hcw-2012-tls10');
    const { page } = await open(b, fileOf('hcw-2012-tls10'));
    try {
      const copies = await page.$$eval('button.copy', (bs) => bs.map((x) => x.getAttribute('data-copy') ?? ''));
      const top = record.findings[0]!;
      const want = top.remediation.flatMap((r) => [r.powershell, r.command].filter((x): x is string => !!x));
      for (const w of want) assert.ok(copies.includes(w), w);
      assert.ok(copies.some((c) => c.startsWith('Windows Registry Editor Version 5.00') && c.includes('Wow6432Node')));
      const visible = await page.$eval('button.copy', (x) => getComputedStyle(x).display !== 'none');
      assert.ok(visible, 'copy buttons show when JavaScript runs');
      await page.click('button.copy');
      await page.waitForSelector('button.copy.copied', { timeout: 3000 });
    } finally {
      await page.close();
    }
  });

  test('without JavaScript: verdict, cause, fix and ladder are there; copy buttons and table tools stay hidden', async () => {
    const { page, errors } = await open(b, fileOf('win7-kb-schannel-off'), { javascript: false });
    try {
      assert.equal(errors, []);
      const facts = await page.evaluate(() => ({
        verdict: document.querySelector('.verdict h1')?.textContent ?? '',
        cause: document.querySelector('.verdict .cause')?.getBoundingClientRect().height ?? 0,
        steps: document.querySelectorAll('.verdict ol.fix-steps > li').length,
        ladder: document.querySelector('svg.ladder')?.getBoundingClientRect().height ?? 0,
        copy: getComputedStyle(document.querySelector('button.copy')!).display,
        tools: getComputedStyle(document.querySelector('.table-tools')!).display,
      }));
      assert.match(facts.verdict, /SCHANNEL_TLS12_DISABLED/);
      assert.ok(facts.cause > 0 && facts.steps >= 2 && facts.ladder > 150, JSON.stringify(facts));
      assert.is(facts.copy, 'none');
      assert.is(facts.tools, 'none');
    } finally {
      await page.close();
    }
  });

  test('connection table: filtering and sorting', async () => {
    const { page } = await open(b, fileOf('proxy-pac-failure'));
    try {
      const rows = () => page.$$eval('#conn-table tbody tr', (trs) => trs.filter((t) => !t.hidden).map((t) => t.cells[1]!.textContent));
      assert.is((await rows()).length, 2);
      await page.type('#conn-filter', 'wpad');
      assert.equal(await rows(), ['wpad.contoso.local']);
      await page.$eval('#conn-filter', (i) => {
        (i as HTMLInputElement).value = '';
        i.dispatchEvent(new Event('input'));
      });
      await page.click('#conn-table th[data-key="server"]');
      await page.click('#conn-table th[data-key="server"]');
      assert.equal(await rows(), ['wpad.contoso.local', 'outlook.office365.com']);
    } finally {
      await page.close();
    }
  });

  test('Japanese page: lang="ja", Japanese headings, same ladder', async () => {
    const { page, errors } = await open(b, fileOf('hcw-2012-tls10', 'ja'), { width: 1280 });
    try {
      assert.equal(errors, []);
      assert.is(await page.$eval('html', (h) => h.lang), 'ja');
      assert.match(await page.$eval('#fix', (h) => h.textContent ?? ''), /対処方法/);
      const kinds = await page.$$eval('svg.ladder a.arrow', (as) => as.map((a) => a.getAttribute('data-kind')));
      assert.ok(inOrder(kinds as string[], EXPECTED_ARROWS['hcw-2012-tls10']!));
      await page.screenshot({ fullPage: true, path: join(SCREENSHOT_DIR, 'hcw-2012-tls10-ja-1280.png') });
    } finally {
      await page.close();
    }
  });

  test.after(async () => {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(`  screenshots: ${SCREENSHOT_DIR}`);
  });
}

test.run();
