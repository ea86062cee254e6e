#!/usr/bin/env python3
"""Reads the PDFs of a built site back with poppler-utils and checks them.

For each locale: pdftotext holds every section heading and a sample sentence of each section, in
reading order; pdfinfo shows the title and more than one A4 page; no page is blank; pdffonts shows
every font embedded, and for zh-CN a CJK font (named Noto Sans CJK with WeasyPrint; Chromium embeds
CFF-based CJK fonts as unnamed Type 3 glyph fonts, so there the Chinese text must extract); pdftoppm
renders page 1 and the page with the SDK table.

Usage: pdf_check.py SITE_DIR OUT_DIR ENGINE_NAME
"""
import html, re, subprocess, sys

site, out, engine = sys.argv[1:4]
failures = 0

def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what, file=sys.stderr)
    if not ok:
        failures += 1

def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout

def squash(s):
    return re.sub(r"\s+", "", s)

def text_of(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))

for locale in ["en", "zh-CN"]:
    pdf = f"{site}/{locale}/policy.pdf"
    page = open(f"{site}/{locale}/print.html", encoding="utf-8").read()
    main = page[page.index("<main"):page.rindex("</main>")]
    sections = re.findall(r'<section id="([^"]+)">(.*?)</section>', main, re.S)
    expected = []
    for sid, body in sections:
        h = re.search(r"<h2>(.*?)</h2>", body, re.S)
        p = re.search(r"<p>(.*?)</p>", body, re.S)
        if h:
            expected.append(("heading " + sid, text_of(h.group(1))))
        if p:
            sentence = text_of(p.group(1))
            expected.append(("sentence of " + sid, sentence[:40]))
    text = squash(run("pdftotext", "-enc", "UTF-8", pdf, "-"))
    pos = 0
    for what, needle in expected:
        i = text.find(squash(needle), pos)
        check(i >= 0, f"{engine} {locale}: {what} in reading order ({needle[:30]!r})")
        if i >= 0:
            pos = i
    info = run("pdfinfo", pdf)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    title = re.search(r"Title:\s+(.*)", info)
    check(title is not None and ("Privacy policy" in title.group(1) or "隐私政策" in title.group(1)), f"{engine} {locale}: title {title.group(1) if title else None!r}")
    check(pages > 1, f"{engine} {locale}: {pages} pages")
    check("A4" in info, f"{engine} {locale}: A4")
    blank = [n for n in range(1, pages + 1) if not run("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-").strip()]
    check(not blank, f"{engine} {locale}: no blank page {blank}")
    fonts = run("pdffonts", pdf).splitlines()[2:]
    check(bool(fonts) and all(f.split()[-5] == "yes" for f in fonts), f"{engine} {locale}: every font embedded")
    if locale == "zh-CN":
        if engine == "weasyprint":
            check(any("CJK" in f and "yes" in f for f in fonts), f"{engine} zh-CN: an embedded CJK font: {[f.split()[0] for f in fonts]}")
        else:
            check("个人信息" in text, f"{engine} zh-CN: Chinese text extracts from the embedded fonts")
    table_page = next((n for n in range(1, pages + 1)
                       if ("SDK" in run("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-"))
                       and ("Package name" in run("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-")
                            or "包名" in run("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-"))), None)
    check(table_page is not None, f"{engine} {locale}: a page with the SDK table")
    for n, name in [(1, "page1"), (table_page or 1, "table")]:
        run("pdftoppm", "-f", str(n), "-l", str(n), "-r", "60", "-png", "-singlefile", pdf, f"{out}/{engine}-{locale}-{name}")
print(f"pdf {engine}: {failures} failure(s)", file=sys.stderr)
sys.exit(1 if failures else 0)
