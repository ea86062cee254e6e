#!/usr/bin/env bash
# Publishing job for a policy repository (see docs/ci.md): builds the site (with PDFs unless
# PDF=0) into $OUT and verifies every file against manifest.json before it is published.
# Environment: POLICYC (default: policyc), CONTENT (default: content), OUT (default: output), PDF
# (default: 1).
set -euo pipefail
POLICYC=${POLICYC:-policyc}
CONTENT=${CONTENT:-content}
OUT=${OUT:-output}
if [ "${PDF:-1}" = "1" ]; then
  "$POLICYC" pdf --content "$CONTENT" --out "$OUT"
else
  "$POLICYC" build --content "$CONTENT" --out "$OUT"
fi
# the incremental-build record is not part of the site
rm -f "$OUT/.policyc-cache.json"
# every published byte is what the manifest says, and nothing else is published
python3 - "$OUT" <<'PY'
import hashlib, json, os, sys
out = sys.argv[1]
manifest = json.load(open(os.path.join(out, "manifest.json")))
for f in manifest["files"]:
    digest = hashlib.sha256(open(os.path.join(out, f["path"]), "rb").read()).hexdigest()
    if digest != f["sha256"]:
        sys.exit(f"{f['path']}: sha256 differs from manifest.json")
# the marker .policyc-output stays: it is how the next build knows the folder is policyc's
listed = {f["path"] for f in manifest["files"]} | {"manifest.json", ".policyc-output"}
extra = sorted(os.path.relpath(os.path.join(r, n), out) for r, _, ns in os.walk(out) for n in ns)
extra = [p for p in extra if p not in listed]
if extra:
    sys.exit(f"files not in manifest.json: {', '.join(extra[:10])}")
print(f"{len(manifest['files'])} files verified against manifest.json")
PY
