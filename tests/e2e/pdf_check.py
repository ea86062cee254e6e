#!/usr/bin/env python3
"""Reads the PDFs of a built site back with poppler-utils and checks them.

For each locale: pdftotext holds every section heading and a sample sentence of each section, in
reading order; pdfinfo shows the title and more than one A4 page; no page is blank; pdffonts shows
every font embedded and named (no unnamed Type 3 glyph fonts, in either engine), and for zh-CN a named
CJK font (the print style puts a TrueType CJK family first: Chromium would embed CFF-based ones as Type 3)
from which the Chinese text extracts; pdftoppm
renders page 1 and the page with the SDK table. Layout, read from `pdftotext -bbox`: no two words of
page 1 (the title and the dates line) drawn over each other; the running header names the language;
the footer reads "Page N of M" / "第 N 页，共 M 页"; no page but the last left near-empty (as after
the contents); each table caption on the same page as its table's header row; page numbers in the
contents (WeasyPrint: target-counter(); Chromium: policyc's second pass), each section heading on the
page its entry names.

Usage: pdf_check.py SITE_DIR OUT_DIR ENGINE_NAME
"""
import html, re, subprocess, sys, xml.etree.ElementTree as ET

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

def words_by_page(pdf):
    """Each page's words with their boxes, from pdftotext -bbox."""
    doc = ET.fromstring(re.sub(r'xmlns="[^"]+"', "", run("pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-")))
    return [[(w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")))
             for w in page.iter("word")] for page in doc.iter("page")]

def overlapping(words):
    """Pairs of words whose boxes overlap by more than a third of the smaller one."""
    bad = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            w = min(a[3], b[3]) - max(a[1], b[1])
            h = min(a[4], b[4]) - max(a[2], b[2])
            if w > 0 and h > 0:
                smaller = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]))
                if smaller > 0 and w * h > smaller / 3:
                    bad.append(f"{a[0]!r}/{b[0]!r}")
    return bad

LANGUAGE = {"en": "English", "zh-CN": "简体中文"}
CAPTIONS = {"en": [("Third-party SDKs integrated", "Package name"), ("Summary of the personal information", "Category")],
            "zh-CN": [("本应用集成的第三方", "包名"), ("我们收集的个人信息一览", "类别")]}

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
    unnamed = [f for f in fonts if f.startswith("[none]") or " Type 3 " in f]
    check(bool(fonts) and not unnamed, f"{engine} {locale}: every font named, none Type 3 ({len(unnamed)} are)")
    if locale == "zh-CN":
        cjk = [f.split()[0] for f in fonts if "CJK" in f or "WenQuanYi" in f]
        check(bool(cjk), f"{engine} zh-CN: a named CJK font: {[f.split()[0] for f in fonts]}")
        check("个人信息" in text, f"{engine} zh-CN: Chinese text extracts from the embedded fonts")
    pages_words = words_by_page(pdf)
    page_texts = [run("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-") for n in range(1, pages + 1)]
    # the dates line: on the first page that has it, no words drawn over each other, and from the
    # effective-date label to the version id on at most two lines (not stacked in fragments)
    label = "生效日期" if locale == "zh-CN" else "Effective"
    version = re.search(r"<dd>(\d{4}-\d{2}-\d{2})</dd>", page).group(1)
    dates_page = next((n for n, ws in enumerate(pages_words) if any(w[0].startswith(label) for w in ws)), 0)
    ws = pages_words[dates_page]
    bad = overlapping(ws)
    check(not bad, f"{engine} {locale}: no words drawn over each other on page {dates_page + 1} (title, dates) {bad[:5]}")
    start = next((i for i, w in enumerate(ws) if w[0].startswith(label)), None)
    end = next((i for i, w in enumerate(ws) if start is not None and i > start and version in w[0]), None)
    if start is None or end is None:
        check(False, f"{engine} {locale}: the dates line ({label} … {version}) is in the text")
    else:
        line = ws[start:end + 1]
        height = max(w[4] - w[2] for w in line)
        lines = sorted({round(w[2] / height) for w in line})
        check(len(lines) <= 2, f"{engine} {locale}: the dates line on at most two lines ({len(lines)}: {' '.join(w[0] for w in line)})")
    first = squash(page_texts[0])
    check(LANGUAGE[locale] in first[:120], f"{engine} {locale}: the running header names the language ({first[:60]!r})")
    footer = "第1页，共" if locale == "zh-CN" else "Page1of"
    spaced = re.search(r"第 1 页，共 \d+ 页", page_texts[0]) if locale == "zh-CN" else re.search(r"Page 1 of \d+", page_texts[0])
    check(footer in first and spaced is not None, f"{engine} {locale}: page footer with spaces around the numbers")
    sizes = [len(squash(t)) for t in page_texts]
    median = sorted(sizes)[len(sizes) // 2]
    thin = [n + 1 for n, size in enumerate(sizes[:-1]) if size < median * 0.3]
    check(not thin, f"{engine} {locale}: no near-empty page but the last {thin} (median {median} characters)")
    for caption, header in CAPTIONS[locale]:
        on = [n + 1 for n, t in enumerate(page_texts) if caption in squash(t)]
        if on:
            check(squash(header) in squash(page_texts[on[-1] - 1]), f"{engine} {locale}: caption {caption!r} on the page of its table (p. {on[-1]})")
    # page numbers in the contents (WeasyPrint: target-counter; Chromium: policyc's second pass),
    # and each section heading on the page its entry names
    layout = run("pdftotext", "-layout", "-f", "1", "-l", "3", "-enc", "UTF-8", pdf, "-")
    numbered = re.findall(r"^\s*(\S.*?)(?:\s{2,}|\.{4,}\s*)(\d+)\s*$", layout, re.M)
    check(len(numbered) >= 10, f"{engine} {locale}: page numbers in the contents ({len(numbered)} entries)")
    wrong = []
    for sid, body in sections:
        h = re.search(r"<h2>(.*?)</h2>", body, re.S)
        if not h:
            continue
        heading = squash(text_of(h.group(1)))
        entry = next((int(n) for t, n in numbered if squash(t).rstrip(".") == heading), None)
        if entry is None or not 1 <= entry <= pages:
            wrong.append(f"{heading[:20]}: no entry")
        elif heading not in squash(page_texts[entry - 1]):
            wrong.append(f"{heading[:20]}: not on p. {entry}")
    check(not wrong, f"{engine} {locale}: each section heading on the page its contents entry names {wrong[:3]}")
    table_page = next((n for n in range(1, pages + 1)
                       if ("SDK" in run("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-"))
                       and ("Package name" in run("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-")
                            or "包名" in run("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-"))), None)
    check(table_page is not None, f"{engine} {locale}: a page with the SDK table")
    for n, name in [(1, "page1"), (table_page or 1, "table")]:
        run("pdftoppm", "-f", str(n), "-l", str(n), "-r", "60", "-png", "-singlefile", pdf, f"{out}/{engine}-{locale}-{name}")
print(f"pdf {engine}: {failures} failure(s)", file=sys.stderr)
sys.exit(1 if failures else 0)
