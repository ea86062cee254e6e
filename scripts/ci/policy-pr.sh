#!/usr/bin/env bash
# Pull-request gate for a policy repository (see docs/ci.md):
#   1. `policyc check` must find no error; when it finds some, they are written to $COMMENT_FILE
#      (so the comment step posts them) and the gate fails;
#   2. the newest draft is compared with the last published version; the Markdown redline is written
#      to $COMMENT_FILE for the CI to post as a pull-request comment;
#   3. a material change fails the gate unless $POLICY_APPROVED is "true" (set it from a reviewer's
#      approval label).
# Environment: POLICYC (default: policyc), CONTENT (default: content), COMMENT_FILE (default:
# policy-diff.md), POLICY_APPROVED (default: false).
set -euo pipefail
POLICYC=${POLICYC:-policyc}
CONTENT=${CONTENT:-content}
COMMENT_FILE=${COMMENT_FILE:-policy-diff.md}

if ! "$POLICYC" check --content "$CONTENT" --format json > policy-check.json; then
  {
    echo "### policyc check found errors"
    echo
    echo "The draft cannot be compared or released until these are fixed:"
    echo
    echo '```text'
    NO_COLOR=1 "$POLICYC" check --content "$CONTENT" -q 2>&1 || true
    echo '```'
  } > "$COMMENT_FILE"
  echo "policyc check found errors (the comment in $COMMENT_FILE lists them):" >&2
  cat "$COMMENT_FILE" >&2
  exit 1
fi

# version folders are dates, so the newest sorts last; published ones say so in version.toml
published=""
newest=""
for dir in "$CONTENT"/versions/*/; do
  id=$(basename "$dir")
  newest=$id
  if grep -q '^status = "published"' "$dir/version.toml"; then published=$id; fi
done
if [ -z "$published" ] || [ "$published" = "$newest" ]; then
  echo "no draft after the last published version: nothing to compare" > "$COMMENT_FILE"
  exit 0
fi

"$POLICYC" diff "$published" "$newest" --content "$CONTENT" --format markdown > "$COMMENT_FILE"
if ! "$POLICYC" diff "$published" "$newest" --content "$CONTENT" --format json --fail-on material > policy-diff.json; then
  if [ "${POLICY_APPROVED:-false}" != "true" ]; then
    echo "the draft $newest changes the policy materially (see $COMMENT_FILE): a reviewer's approval is required" >&2
    exit 1
  fi
  echo "material change approved"
fi
