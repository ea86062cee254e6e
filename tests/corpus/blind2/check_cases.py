#!/usr/bin/env python3
"""Check the blind2 cases without policyc: every case.toml parses, every `find` occurs exactly once
in its file (after the earlier edits of the same case), and every edit stays in the case's locale
(a file under <locale>/, or a `<locale> = "..."` value of facts.toml)."""
import os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = os.path.join(HERE, "..", "..", "..", "content", "versions", "2022-10-19")
bad, counts = 0, {}
for name in sorted(os.listdir(os.path.join(HERE, "sample"))):
    path = os.path.join(HERE, "sample", name, "case.toml")
    def fail(msg):
        global bad
        bad += 1
        print(f"FAIL {name}: {msg}")
    try:
        case = tomllib.load(open(path, "rb"))
    except Exception as e:
        fail(f"does not parse: {e}"); continue
    for key, typ in [("description", str), ("locale", str), ("material", bool), ("clauses", list),
                     ("requires_consent", bool), ("reason", str), ("edit", list)]:
        if not isinstance(case.get(key), typ):
            fail(f"field {key} missing or not {typ.__name__}")
    loc = case.get("locale")
    if not name[3:].startswith(loc + "-"):
        fail(f"directory does not carry locale {loc}")
    if case.get("material") is False and (case.get("clauses") or case.get("requires_consent")):
        fail("not material but has clauses or requires_consent")
    if case.get("material") and not case.get("clauses"):
        fail("material without clauses")
    files = {}
    for i, e in enumerate(case.get("edit", [])):
        f = e.get("file", "")
        if f not in files:
            files[f] = open(os.path.join(VERSION, f), encoding="utf-8").read()
        text = files[f]
        if "append" in e:
            if f != "facts.toml" and not f.startswith(loc + "/"):
                fail(f"edit {i}: {f} is outside locale {loc}")
            files[f] = text + e["append"]; continue
        n = text.count(e["find"])
        if n != 1:
            fail(f"edit {i}: find occurs {n} times in {f}"); continue
        if f == "facts.toml":
            pos = text.index(e["find"])
            line_start = text.rfind("\n", 0, pos) + 1
            before = text[line_start:pos]
            keys = re.findall(r'(\ben|zh-CN) = "', before)
            if not keys or keys[-1] != loc or "\n" in e["find"]:
                fail(f"edit {i}: facts.toml find is not inside a {loc} value")
        elif not f.startswith(loc + "/"):
            fail(f"edit {i}: {f} is outside locale {loc}")
        files[f] = text.replace(e["find"], e["replace"], 1)
        if files[f] == text:
            fail(f"edit {i}: changes nothing")
    k = (loc, case.get("material"))
    counts[k] = counts.get(k, 0) + 1
print("counts (locale, material):", counts)
print("OK" if not bad else f"{bad} failures")
sys.exit(1 if bad else 0)
