// Drives Debian's headless Chromium (no downloaded browser) over every kind of page of the built
// site (policy, an archived version, print, archive, redline, language chooser) in both locales, at
// 390 and 1280 px:
// - axe-core, WCAG 2.2 A/AA and best-practice rules, none disabled or excluded: 0 violations;
// - no word of a table header or short table cell split across lines (each word's client rects);
// - no horizontal overflow of the page; no cell sticking out of its table's scroll region;
// - policy pages: the h1 inside the first screen at 390 px and before the "Contents" heading; the
//   contents collapsed (a closed <details>) at 390 px and beside the text at 1280 px;
// - Chinese: no letter-spacing, word-spacing or justification outside the policy's running text, no
//   heading with one character alone on its last line; body text drawn with a CJK font;
// - the language switch keeps the section in view (its inline script);
// - no network request, <html lang>, one <main>.
// Screenshots of each page kind go to OUT_DIR.
// Usage: node browser.mjs SITE_DIR OUT_DIR NODE_MODULES
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const [site, out, modules] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let failed = 0;
const check = (ok, what) => { console.error(`${ok ? 'ok' : 'FAIL'}: ${what}`); if (!ok) failed++; };
const CJK = /CJK|Noto Sans SC|Noto Serif SC|WenQuanYi|PingFang|Hiragino|YaHei|Source Han|Droid Sans Fallback/i;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

// [name, path under the site, kind]; the two-version site has the archive, redlines and a superseded page,
// the upcoming site an upcoming version
const pages = (locale) => [
  ['policy', `two-versions/${locale}/index.html`, 'policy'],
  ['archived', `two-versions/${locale}/2022-10-19/index.html`, 'policy'],
  ['print', `two-versions/${locale}/print.html`, 'print'],
  ['versions', `two-versions/${locale}/versions.html`, 'versions'],
  ['redline', `two-versions/${locale}/changes/2022-10-19..2026-12-01.html`, 'redline'],
  // the site before the new version takes effect: the current page announces it, its page is labelled
  ['announcing', `upcoming/${locale}/index.html`, 'policy'],
  ['upcoming', `upcoming/${locale}/2026-12-01/index.html`, 'policy'],
  ['chooser', 'index.html', 'chooser'],
  // redlines of plain Markdown pairs (policyc diff --format html): English ones with en, Chinese with zh-CN
  ...(existsSync(path.join(site, 'redlines')) ? readdirSync(path.join(site, 'redlines')) : [])
    .filter((f) => f.endsWith('.html'))
    .filter((f) => readFileSync(path.join(site, 'redlines', f), 'utf8').includes(`<html lang="${locale}">`))
    .map((f) => [`cli-${f.replace(/\.html$/, '')}`, `redlines/${f}`, 'redline']),
];

async function open(context, file) {
  const tab = await context.newPage();
  const requests = [];
  tab.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await tab.goto(pathToFileURL(path.join(site, file)).href);
  await tab.evaluate(() => document.fonts.ready);
  return { tab, requests };
}

for (const locale of ['en', 'zh-CN']) {
  for (const [name, file, kind] of pages(locale)) {
    if (name === 'chooser' && locale !== 'en') continue;
    for (const width of [390, 1280]) {
      const what = `${file} @${width}px`;
      const context = await browser.newContext({ viewport: { width, height: 844 } });
      const { tab, requests } = await open(context, file);
      const m = await tab.evaluate(() => ({
        scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        lang: document.documentElement.lang, main: document.querySelectorAll('main').length,
      }));
      check(m.scroll <= m.inner, `${what}: no horizontal overflow (scrollWidth ${m.scroll} <= ${m.inner})`);
      check(m.lang === (name === 'chooser' ? 'en' : locale), `${what}: <html lang="${m.lang}">`);
      check(m.main === 1, `${what}: one <main>`);

      // axe-core: WCAG 2.2 A/AA and best practice, nothing disabled
      await tab.addScriptTag({ content: axeSource });
      const axe = await tab.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }, AXE_TAGS);
      check(axe.length === 0, `${what}: axe WCAG 2.2 A/AA + best-practice, ${axe.length} violation(s)${axe.length ? '\n    ' + axe.join('\n    ') : ''}`);

      // no word of a table header or short cell split across lines; no cell out of its region
      const split = await tab.evaluate((lang) => {
        const seg = new Intl.Segmenter(lang, { granularity: 'word' });
        const bad = [];
        for (const cell of document.querySelectorAll('th, td')) {
          if (cell.getClientRects().length === 0) continue;
          const text = cell.textContent.trim();
          // Chinese running text in a prose cell may break between any two characters, as in a paragraph
          const prose = lang.startsWith('zh') && cell.classList.contains('prose');
          const short = cell.tagName === 'TH' || (!prose && [...text].length <= 40);
          if (!short) continue;
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('.vh')) continue;
            for (const s of seg.segment(node.data)) {
              if (!s.isWordLike) continue;
              const range = document.createRange();
              range.setStart(node, s.index);
              range.setEnd(node, s.index + s.segment.length);
              const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
              if (tops.size > 1) bad.push(`"${s.segment}" in "${text.slice(0, 40)}"`);
            }
          }
        }
        for (const wrap of document.querySelectorAll('.table-wrap')) {
          const box = wrap.getBoundingClientRect();
          for (const cell of wrap.querySelectorAll('th, td')) {
            if (cell.scrollWidth > cell.clientWidth + 1) bad.push(`cell overflows: "${cell.textContent.trim().slice(0, 40)}"`);
          }
          if (wrap.scrollWidth > wrap.clientWidth && box.width > window.innerWidth) bad.push('a table region wider than the page');
        }
        return bad;
      }, locale);
      check(split.length === 0, `${what}: no word of a table header or short cell split across lines${split.length ? ': ' + split.slice(0, 5).join('; ') : ''}`);

      if (kind === 'policy') {
        const first = await tab.evaluate(() => {
          const h1 = document.querySelector('h1');
          const firstHeading = document.querySelector('h1, h2');
          const narrow = document.querySelector('.toc-narrow details');
          const wide = document.querySelector('.toc-wide');
          return {
            h1Bottom: h1.getBoundingClientRect().bottom, innerHeight: window.innerHeight,
            h1First: firstHeading === h1,
            narrowShown: narrow && narrow.getClientRects().length > 0, narrowOpen: narrow && narrow.open,
            wideShown: wide && wide.getClientRects().length > 0,
            badges: document.querySelectorAll('.toc [hreflang]').length,
          };
        });
        check(first.h1First, `${what}: the h1 comes before every h2 (the contents heading included)`);
        check(first.badges === 0, `${what}: no per-entry language badges in the contents`);
        if (width === 390) {
          check(first.h1Bottom <= first.innerHeight, `${what}: h1 inside the first screen (bottom ${Math.round(first.h1Bottom)} <= ${first.innerHeight})`);
          check(first.narrowShown && !first.narrowOpen && !first.wideShown, `${what}: contents collapsed under the title`);
        } else {
          check(first.wideShown && !first.narrowShown, `${what}: contents beside the text`);
        }
      }

      if (locale === 'zh-CN' && name !== 'chooser') {
        const spread = await tab.evaluate(() => {
          const bad = [];
          // running text of the policy (a section's paragraphs and list items) may justify; nothing else
          const running = (el) => el.matches('main > section[id]:not(.change) > p, main > section[id]:not(.change) > :is(ul, ol) > li');
          for (const el of document.querySelectorAll('.toc li, .toc a, h1, h2, h3, h4, h5, h6, th, td, caption, .dates, .meta, .clauses dd, p, li, dd')) {
            if (el.getClientRects().length === 0 || running(el)) continue;
            const s = getComputedStyle(el);
            if (s.textAlign === 'justify' || (s.letterSpacing !== 'normal' && s.letterSpacing !== '0px')
                || (s.wordSpacing !== '0px' && s.wordSpacing !== 'normal') || s.textJustify === 'inter-character') {
              bad.push(`${el.tagName.toLowerCase()}.${el.className}: ${s.textAlign} ${s.letterSpacing} ${s.wordSpacing}`);
            }
          }
          return bad;
        });
        check(spread.length === 0, `${what}: Chinese contents, headings and tables neither justified nor letter-spaced${spread.length ? ': ' + spread.slice(0, 3).join('; ') : ''}`);
        // no heading leaves one character alone on its last line
        const orphans = await tab.evaluate(() => {
          const bad = [];
          for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6, caption')) {
            if (h.getClientRects().length === 0) continue;
            const tops = [];
            const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (node.parentElement.closest('.vh')) continue;
              for (let i = 0; i < node.data.length; i++) {
                if (/\s/.test(node.data[i])) continue;
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const r = range.getClientRects()[0];
                if (r) tops.push(Math.round(r.top));
              }
            }
            const last = tops.length ? tops[tops.length - 1] : 0;
            const onLast = tops.filter((t) => Math.abs(t - last) < 4).length;
            if (new Set(tops.map((t) => Math.round(t / 4))).size > 1 && onLast === 1) bad.push(h.textContent.trim().slice(0, 30));
          }
          return bad;
        });
        check(orphans.length === 0, `${what}: no heading with one character alone on its last line${orphans.length ? ': ' + orphans.join('; ') : ''}`);
      }

      if (locale === 'zh-CN' && name === 'policy' && width === 390) {
        const cdp = await context.newCDPSession(tab);
        await cdp.send('DOM.enable');
        await cdp.send('CSS.enable');
        const { root } = await cdp.send('DOM.getDocument');
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#preamble p' });
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        const names = fonts.map((f) => `${f.familyName} (${f.glyphCount})`).join(', ');
        const cjkGlyphs = fonts.filter((f) => CJK.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0);
        const all = fonts.reduce((n, f) => n + f.glyphCount, 0);
        check(cjkGlyphs > all / 2, `zh-CN body drawn with a CJK font: ${names}`);
      }

      // the language switch keeps the section in view
      if (name === 'policy' && width === 1280) {
        await tab.evaluate(() => document.getElementById('your-rights').scrollIntoView());
        const other = locale === 'en' ? 'zh-CN' : 'en';
        // a click where the reader is (Playwright's own click may scroll the page first)
        await Promise.all([tab.waitForNavigation(),
          tab.evaluate((o) => document.querySelector(`.masthead a[hreflang="${o}"]`).click(), other)]);
        const hash = await tab.evaluate(() => location.hash);
        check(hash.startsWith('#your-rights') || hash.startsWith('#right-'), `${what}: the language switch keeps the section (${hash})`);
      }

      check(requests.length === 0, `${what}: no network requests ${requests.join(' ')}`);
      await tab.screenshot({ path: path.join(out, `${locale}-${name}-${width}.png`), fullPage: false });
      await context.close();
    }
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
