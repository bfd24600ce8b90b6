#!/bin/sh
# make-converted.sh - remakes the publications of the real evaluation set
# that are converted from another format (all but the PDFs, which
# make-pdfs.sh makes, and the files copied unchanged; see SOURCES):
#
#   pubs/ab2d-support.html               src/ab2d-support.md, Jekyll page
#   pubs/ab2d-troubleshooting-guide.txt  src/ab2d-troubleshooting-guide.md
#   pubs/va-decision-reviews-faq.rst     src/va-decision-reviews-faq.html
#   pubs/dpc-faq.html                    src/dpc-faq.html.erb, Rails view
#   pubs/healthcare-gov-rights-protections.html
#                                        src/healthcare-gov-rights-protections.md
#   src/healthcare-gov-appeals.html      src/healthcare-gov-appeals.md (the
#                                        print view make-pdfs.sh prints)
#
#   tests/eval/real/make-converted.sh
#
# The AB2D pages are Jekyll pages (Markdown, Liquid tags and raw HTML):
# src/jekyll-expand.py prints them as HTML through the site's own accordion
# include (src/ab2d-accordion.html).  The text file is that HTML as pandoc
# prints plain text (headings become plain lines, as in a saved web page);
# the reStructuredText is the print view of a built VA.gov page as pandoc
# writes reStructuredText.  The DPC page is a Rails view: its five ERB
# tags (the page title, description and banner, two links) become the
# HTML they print, the rest is copied unchanged.  Made with Debian 12's pandoc 2.17 and python3.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src="$here/src"
out="$here/pubs"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/make-converted.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for tool in pandoc python3; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "make-converted.sh: $tool not found" >&2
		exit 2
	}
done

python3 "$src/jekyll-expand.py" "$src/ab2d-support.md" \
    "$src/ab2d-accordion.html" >"$out/ab2d-support.html"

python3 "$src/jekyll-expand.py" "$src/ab2d-troubleshooting-guide.md" \
    "$src/ab2d-accordion.html" >"$tmp/ab2d-troubleshooting-guide.html"
pandoc -f html -t plain --columns=72 \
    -o "$out/ab2d-troubleshooting-guide.txt" \
    "$tmp/ab2d-troubleshooting-guide.html"

# Without native divs, the page's <div>s are not kept as containers, so
# its headings stay section titles instead of becoming rubrics.
pandoc -f html-native_divs-native_spans -t rst --columns=72 \
    -o "$out/va-decision-reviews-faq.rst" "$src/va-decision-reviews-faq.html"

# The page's ERB tags as the HTML they print; nothing else changes.
sed -e '1s|^<% title "\(.*\)" %>$|<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>\1</title>|' \
    -e '2s|^<% meta_tag :description, "\(.*\)" %>$|<meta name="description" content="\1">\n</head>\n<body>\n<main>|' \
    -e '3s|^<% banner_title "\(.*\)" %>$|<h1>\1</h1>|' \
    -e 's|<%= link_to "\([^"]*\)", docs_path %>|<a href="/docs">\1</a>|g' \
    -e 's|<%= link_to "\([^"]*\)", new_user_registration_path %>|<a href="/users/sign_up">\1</a>|g' \
    -e '$s|$|\n</main>\n</body>\n</html>|' \
    "$src/dpc-faq.html.erb" >"$out/dpc-faq.html"

# HealthCare.gov's Jekyll articles (Markdown, YAML front matter) as the
# site printed them: the title (front matter) as <title> and <h1>, the
# Markdown as pandoc writes HTML; the site's layout (header, menus, side
# navigation, footer) is left out.
healthcare_gov() {
	title=$(sed -n 's/^title: *"\(.*\)"$/\1/p' "$src/$1.md")
	{
		printf '<!DOCTYPE html>\n<html lang="en">\n<head>\n'
		printf '<meta charset="utf-8">\n<title>%s</title>\n' "$title"
		printf '</head>\n<body>\n<main>\n<h1>%s</h1>\n' "$title"
		pandoc -f markdown -t html5 --wrap=none "$src/$1.md"
		printf '</main>\n</body>\n</html>\n'
	} >"$2"
}
healthcare_gov healthcare-gov-rights-protections \
    "$out/healthcare-gov-rights-protections.html"
healthcare_gov healthcare-gov-appeals "$src/healthcare-gov-appeals.html"

ls -l "$out/ab2d-support.html" "$out/ab2d-troubleshooting-guide.txt" \
    "$out/va-decision-reviews-faq.rst" "$out/dpc-faq.html" \
    "$out/healthcare-gov-rights-protections.html"
