#!/bin/sh
# make-pdfs.sh - remakes the PDF publications of the real evaluation set
# (pubs/*.pdf) from the HTML they were printed from (src/*.html).
#
#   tests/eval/real/make-pdfs.sh
#
# The committed PDFs are what make check indexes; this script documents
# how they were made and reproduces them (byte for byte only with the same
# Chromium and Ghostscript: both stamp dates and ids).  Made with Debian
# 12's chromium and ghostscript.
#
# src/*.html are print views of pages built by VA.gov's site generator
# (see SOURCES): the page's <title> and its <article> element, verbatim,
# without the site's header, menus and footer, which a print style sheet
# would hide.  Chromium prints a tagged PDF (a structure tree with H1-H6,
# P, L/LI, Link; "Tagged: yes" in pdfinfo) titled by the <title>.  The
# untagged PDF is the tagged one re-distilled by Ghostscript's pdfwrite,
# which keeps the text, fonts and layout and drops the structure tree
# ("Tagged: no").
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src="$here/src"
out="$here/pubs"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/make-pdfs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for tool in chromium gs pdfinfo; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "make-pdfs.sh: $tool not found (apt-get install" \
		    "chromium ghostscript poppler-utils)" >&2
		exit 2
	}
done

# print NAME OUT: prints src/NAME.html to OUT, a tagged PDF.
print_pdf() {
	chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$tmp/profile" \
	    --print-to-pdf="$2" --no-pdf-header-footer \
	    "file://$src/$1.html" 2>"$tmp/chromium.log" || {
		cat "$tmp/chromium.log" >&2
		exit 1
	}
	tagged "$2" yes
}

# tagged FILE yes|no: checks what pdfinfo says of FILE's structure tree.
tagged() {
	got=$(pdfinfo "$1" | sed -n 's/^Tagged: *//p')
	if [ "$got" != "$2" ]; then
		echo "make-pdfs.sh: $1: Tagged: $got, wanted $2" >&2
		exit 1
	fi
	echo "$1: Tagged: $got, $(pdfinfo "$1" | sed -n 's/^Pages: *//p') pages"
}

# Tagged PDFs, printed from HTML.
print_pdf va-trouble-making-payments "$out/va-trouble-making-payments.pdf"
print_pdf va-change-direct-deposit "$out/va-change-direct-deposit.pdf"
# src/healthcare-gov-appeals.html is made by make-converted.sh.
print_pdf healthcare-gov-appeals "$out/healthcare-gov-appeals.pdf"

# An untagged PDF: printed, then re-distilled without its structure tree.
print_pdf va-decision-review-help "$tmp/va-decision-review-help.pdf"
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite \
    -o "$out/va-decision-review-help.pdf" "$tmp/va-decision-review-help.pdf"
tagged "$out/va-decision-review-help.pdf" no
