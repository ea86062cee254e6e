#!/usr/bin/env python3
"""Check a folder of blind plain-Markdown cases without running policyc (this folder, or the one
given as the first argument: `python3 check_cases.py ../blind4`).

Every cases/*.toml must parse with tomllib, carry the expected keys, and every
[[edit]] `find` must occur exactly once in its base (base-en.md or base-zh-CN.md)
after the case's earlier edits have been applied. Cases must come in en/zh-CN
pairs with the same number, material flag, clauses and requires_consent.
"""
import pathlib
import re
import sys
import tomllib

HERE = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent
BASES = {"en": HERE / "base-en.md", "zh-CN": HERE / "base-zh-CN.md"}
CLAUSES = {"8.1", "8.2", "8.3", "8.4", "8.5", "8.6"}
NAME = re.compile(r"^(\d\d)-(en|zh-CN)-([a-z0-9-]+)\.toml$")


def main() -> int:
    errors = []
    bases = {k: p.read_text(encoding="utf-8") for k, p in BASES.items()}
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
            errors.append(f"{name}: does not parse: {e}")
            continue
        for key, typ in (("description", str), ("locale", str), ("material", bool),
                         ("clauses", list), ("requires_consent", bool), ("reason", str),
                         ("edit", list)):
            if not isinstance(case.get(key), typ):
                errors.append(f"{name}: missing or mistyped {key!r}")
        if errors and errors[-1].startswith(name):
            continue
        loc = case["locale"]
        if loc != m.group(2) or loc not in bases:
            errors.append(f"{name}: locale {loc!r} does not match the file name")
            continue
        clauses = case["clauses"]
        if clauses != sorted(clauses) or not set(clauses) <= CLAUSES:
            errors.append(f"{name}: clauses must be sorted and within 8.1-8.6: {clauses}")
        if case["material"] != bool(clauses):
            errors.append(f"{name}: material={case['material']} but clauses={clauses}")
        if case["requires_consent"] and not case["material"]:
            errors.append(f"{name}: requires_consent without material")
        text = bases[loc]
        for i, edit in enumerate(case["edit"], 1):
            find, repl = edit.get("find"), edit.get("replace")
            if not isinstance(find, str) or not isinstance(repl, str) or not find:
                errors.append(f"{name}: edit {i} needs non-empty find and a replace")
                break
            n = text.count(find)
            if n != 1:
                errors.append(f"{name}: edit {i} find occurs {n} times: {find[:60]!r}")
                break
            text = text.replace(find, repl, 1)
        if text == bases[loc]:
            errors.append(f"{name}: edits leave the base unchanged")
        key = (case["material"], tuple(clauses), case["requires_consent"])
        pairs.setdefault(m.group(1), {})[loc] = key
    for num, by_loc in sorted(pairs.items()):
        if set(by_loc) != set(BASES):
            errors.append(f"case {num}: not a complete en/zh-CN pair: {sorted(by_loc)}")
        elif by_loc["en"] != by_loc["zh-CN"]:
            errors.append(f"case {num}: en and zh-CN labels differ: {by_loc}")
    material = sum(1 for v in pairs.values() if v.get("en", (False,))[0])
    for e in errors:
        print("ERROR", e)
    print(f"{len(files)} files, {len(pairs)} pairs, {material} material pairs, "
          f"{len(pairs) - material} not material, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
