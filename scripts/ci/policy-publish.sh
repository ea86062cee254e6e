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
# every published byte is what the manifest says
python3 - "$OUT" <<'PY'
import hashlib, json, os, sys
out = sys.argv[1]
manifest = json.load(open(os.path.join(out, "manifest.json")))
for f in manifest["files"]:
    digest = hashlib.sha256(open(os.path.join(out, f["path"]), "rb").read()).hexdigest()
    if digest != f["sha256"]:
        sys.exit(f"{f['path']}: sha256 differs from manifest.json")
print(f"{len(manifest['files'])} files verified against manifest.json")
PY
