#!/usr/bin/env python3
"""Check the blind4 cases without running policyc.

Every case file must parse with tomllib, carry the required fields, and every
[[edit]] `find` must occur exactly once in its base after the case's earlier
edits. Cases must come in en / zh-CN pairs sharing a number and a label.
"""
import pathlib
import re
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
BASES = {"en": HERE / "base-en.md", "zh-CN": HERE / "base-zh-CN.md"}
CLAUSES = {"8.1", "8.2", "8.3", "8.4", "8.5", "8.6"}
NAME = re.compile(r"^(\d\d)-(en|zh-CN)-[a-z0-9-]+\.toml$")


def main() -> int:
    errors = []
    texts = {loc: p.read_text(encoding="utf-8") for loc, p in BASES.items()}
    pairs = {}
    files = sorted((HERE / "cases").glob("*.toml"))
    for path in files:
        name = path.name
        m = NAME.match(name)
        if not m:
            errors.append(f"{name}: bad file name")
            continue
        try:
            case = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            errors.append(f"{name}: TOML parse error: {e}")
            continue
        for key, typ in [("description", str), ("locale", str), ("material", bool),
                         ("clauses", list), ("requires_consent", bool), ("reason", str),
                         ("edit", list)]:
            if not isinstance(case.get(key), typ):
                errors.append(f"{name}: missing or mistyped `{key}`")
        if errors and errors[-1].startswith(name):
            continue
        loc = case["locale"]
        if loc != m.group(2):
            errors.append(f"{name}: locale {loc!r} does not match file name")
            continue
        cl = case["clauses"]
        if cl != sorted(cl) or not set(cl) <= CLAUSES:
            errors.append(f"{name}: clauses must be sorted and within {sorted(CLAUSES)}")
        if case["material"] != bool(cl):
            errors.append(f"{name}: material={case['material']} but clauses={cl}")
        if case["requires_consent"] and not case["material"]:
            errors.append(f"{name}: requires_consent without material change")
        text = texts[loc]
        for i, ed in enumerate(case["edit"], 1):
            find, repl = ed.get("find"), ed.get("replace")
            if not isinstance(find, str) or not isinstance(repl, str) or not find:
                errors.append(f"{name}: edit {i}: find/replace missing")
                break
            if find == repl:
                errors.append(f"{name}: edit {i}: find == replace")
            n = text.count(find)
            if n != 1:
                errors.append(f"{name}: edit {i}: find occurs {n} times")
                break
            text = text.replace(find, repl, 1)
        if text == texts[loc]:
            errors.append(f"{name}: edits leave the base unchanged")
        label = (case["material"], tuple(cl), case["requires_consent"])
        pairs.setdefault(m.group(1), {})[loc] = label

    for num, locs in sorted(pairs.items()):
        if set(locs) != {"en", "zh-CN"}:
            errors.append(f"case {num}: needs both en and zh-CN, has {sorted(locs)}")
        elif locs["en"] != locs["zh-CN"]:
            errors.append(f"case {num}: en and zh-CN labels differ")

    material = sum(1 for l in pairs.values() for v in l.values() if v[0])
    print(f"{len(files)} files, {len(pairs)} numbered cases, {material} material files, "
          f"{len(files) - material} not material")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
