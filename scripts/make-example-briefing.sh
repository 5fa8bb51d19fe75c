#!/usr/bin/env bash
# Regenerate docs/examples/briefing-example.pdf with the CLI, from real passages of the bundled
# corpus, and PNG renders of its first two pages in docs/screenshots/.
# Needs the venv (scripts/setup.sh) and pdftoppm (poppler-utils). Touches no real user data:
# everything goes to a throw-away data dir.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
g() { "$py" -m gcmdesk --data-dir "$data" "$@"; }

bid=$(g briefing new --json \
  --title "Alternatives to immigration detention and regular pathways" \
  --meeting "Informal consultation on the Global Compact for Migration: thematic session" \
  --date 2026-03-10 --author "Migration Policy Unit (example delegation)" \
  --classification "For internal use" \
  --intro "This note brings together what the Secretary-General, the Marrakech conference \
secretariat and the United Nations Network on Migration have said on immigration detention and \
on pathways for regular migration, with our talking points for the session.

Quotations are verbatim; the highlights and notes are the unit's." \
  | "$py" -c 'import json, sys; print(json.load(sys.stdin)["id"])')

# Two highlights with notes (`gcmdesk annotate` prints the new annotation's id).
ann1=$(g annotate marrakech-2018-background-note/para-11-item-4 --color yellow \
  --quote "alternatives to detention, especially for children" --tag detention --tag children \
  --note "Our pilot on community case management (2025) fits here: offer to present results \
at the regional review.")
ann2=$(g annotate a-72-643/para-37 --color green --tag pathways \
  --quote "there would be fewer irregular border crossings, fewer migrants working outside the \
law and fewer abuses of irregular migrants" \
  --note "Strongest argument for the labour-mobility partnership: quote it in the opening \
statement.")

s1="Detention only as a last resort"
g briefing add "$bid" objective:13 --section "$s1"
g briefing add "$bid" a-72-643/para-44 --section "$s1" --comment "- Welcome the \
Secretary-General's call: detention of children is never in their best interest.
- Ask which alternatives have been evaluated, and at what cost compared with detention.
- Our position: screening and case management first; detention reviewed by a judge."
g briefing add "$bid" "$ann1" un-network-2021-migrants-day/p-2 --section "$s1"

s2="Expanding pathways for regular migration"
g briefing add "$bid" a-72-643/para-36 "$ann2" --section "$s2"
g briefing add "$bid" a-72-643/rec-r2-61 --section "$s2" --comment "Support regional \
agreements on skills recognition; avoid committing to free movement at this stage."

s3="Follow-up and review"
g briefing add "$bid" a-72-643/para-81 marrakech-2018-background-note/para-1 --section "$s3"

mkdir -p docs/examples docs/screenshots
g export-briefing "$bid" -o docs/examples/briefing-example.pdf
pdftoppm -r 110 -png -f 1 -l 2 docs/examples/briefing-example.pdf \
  docs/screenshots/briefing-example-page
ls -l docs/examples/briefing-example.pdf docs/screenshots/briefing-example-page-*.png
