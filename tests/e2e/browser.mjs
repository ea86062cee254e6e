// Drives Debian's headless Chromium (no downloaded browser) over the built site:
// for each locale and width, no horizontal overflow; for zh-CN, body text drawn with a CJK font.
// Usage: node browser.mjs SITE_DIR OUT_DIR NODE_MODULES
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [site, out, modules] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'x.js'));
const { chromium } = require('playwright-core');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let failed = 0;
const check = (ok, what) => { console.error(`${ok ? 'ok' : 'FAIL'}: ${what}`); if (!ok) failed++; };
const CJK = /CJK|Noto Sans SC|Noto Serif SC|WenQuanYi|PingFang|Hiragino|YaHei|Source Han|Droid Sans Fallback/i;

for (const locale of ['en', 'zh-CN']) {
  for (const page of ['index.html', 'print.html', 'versions.html']) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const tab = await context.newPage();
      const requests = [];
      tab.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
      const url = pathToFileURL(path.join(site, locale, page)).href;
      await tab.goto(url);
      const m = await tab.evaluate(() => ({
        scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        lang: document.documentElement.lang, main: document.querySelectorAll('main').length,
      }));
      check(m.scroll <= m.inner, `${locale}/${page} @${width}px: scrollWidth ${m.scroll} <= ${m.inner}`);
      check(m.lang === locale, `${locale}/${page}: <html lang="${m.lang}">`);
      check(m.main === 1, `${locale}/${page}: one <main>`);
      check(requests.length === 0, `${locale}/${page}: no network requests ${requests.join(' ')}`);
      if (locale === 'zh-CN' && page === 'index.html') {
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
      if (page === 'index.html') {
        await tab.screenshot({ path: path.join(out, `${locale}-${width}.png`), fullPage: false });
      }
      await context.close();
    }
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
