#!/usr/bin/env python3
# jekyll-expand.py - renders one page of a Jekyll site (AB2D's, see
# SOURCES) to a bare HTML document, as the site generator would print its
# content: the Liquid tags the page uses are expanded and its Markdown
# blocks turned into HTML; every word of the page is kept as written.
#
#   jekyll-expand.py PAGE.md ACCORDION.html > PAGE.html
#
# Only what the AB2D pages use is understood: front matter, {{ page.X }},
# {{ 'path' | relative_url }}, {% capture %}, {% include accordion.html %}
# (rendered through the site's own _includes/accordion.html, given as
# ACCORDION.html) and {% include feedback-form.html %} (the "Was this page
# helpful?" form, site chrome, left out).  Markdown: ATX headings,
# paragraphs, [links](url) and **bold**; a block that starts with "<" is
# raw HTML, as kramdown keeps it.
import html
import re
import sys


def front_matter(text):
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    meta = {}
    for line in m.group(1).splitlines():
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip().strip('"')
    return meta, text[m.end():]


def include_args(s):
    args = {}
    for m in re.finditer(r'(\w[\w-]*)=("([^"]*)"|\S+)', s):
        args[m.group(1)] = m.group(3) if m.group(3) is not None \
            else m.group(2)
    return args


def expand(page, accordion):
    meta, body = front_matter(page)
    body = re.sub(r"\{\{\s*page\.([\w-]+)\s*\}\}",
                  lambda m: meta.get(m.group(1), ""), body)
    body = re.sub(r"\{\{\s*'([^']*)'\s*\|\s*relative_url\s*\}\}",
                  lambda m: m.group(1), body)
    captures = {}

    def capture(m):
        captures[m.group(1)] = m.group(2).strip("\n")
        return ""
    body = re.sub(r"\{%\s*capture\s+(\w+)\s*%\}(.*?)\{%\s*endcapture\s*%\}",
                  capture, body, flags=re.S)

    def include(m):
        name, args = m.group(1), include_args(m.group(2))
        if name == "feedback-form.html":
            return ""
        if name != "accordion.html":
            raise SystemExit(f"jekyll-expand.py: unknown include {name}")

        def value(key):
            v = args.get(key, "")
            return captures.get(v, v) if key in ("heading",
                                                 "accordionContent") else v
        out = re.sub(r"\{%\s*if include\.bordered\s*%\}(.*?)"
                     r"\{%\s*endif\s*%\}",
                     lambda b: b.group(1)
                     if args.get("bordered") == "true" else "",
                     accordion, flags=re.S)
        return re.sub(r"\{\{\s*include\.(\w+)\s*\}\}",
                      lambda v: value(v.group(1)), out)
    body = re.sub(r"\{%\s*include\s+(\S+)(.*?)%\}", include, body,
                  flags=re.S)
    return meta, body


def inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', text)


def markdown(body):
    out = []
    for block in re.split(r"\n[ \t]*\n", body):
        if not block.strip():
            continue
        if block.lstrip().startswith("<"):
            out.append(block.strip("\n"))
            continue
        m = re.match(r"(#{1,6})\s+(.*)", block.strip())
        if m and "\n" not in block.strip():
            n = len(m.group(1))
            out.append(f"<h{n}>{inline(m.group(2))}</h{n}>")
        else:
            out.append(f"<p>{inline(block.strip())}</p>")
    return "\n\n".join(out)


def main():
    page = open(sys.argv[1], encoding="utf-8").read()
    accordion = open(sys.argv[2], encoding="utf-8").read()
    meta, body = expand(page, accordion)
    title = meta.get("seo_title") or meta.get("page_title", "")
    sys.stdout.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n'
                     '<meta charset="utf-8">\n'
                     f"<title>{html.escape(title)}</title>\n"
                     "</head>\n<body>\n<main>\n"
                     f"{markdown(body)}\n</main>\n</body>\n</html>\n")


main()
