#!/usr/bin/env python3
"""words.py FIXTURE SECTIONS.json [SKIP] - the words of FIXTURE's body text
that its sections lack.

Reads the fixture independently of factsheet's readers: HTML through
Python's html.parser (script, style, template, nav, and elements marked
aria-hidden left out), PDF through pdftotext, Markdown and
reStructuredText as raw text less their markup (link destinations, HTML
tags, heading attributes, directive and role names).  Prints one missing
word a line, and exits 1 if there is any; words listed in SKIP (one a
line, "#" starts a comment) may be missing.
"""
import json
import re
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    text = unicodedata.normalize("NFKC", text)
    # A word hyphenated at a line end is one word.
    text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    return {w.casefold() for w in WORD.findall(text)}


class Text(HTMLParser):
    SKIP = {"script", "style", "template", "nav", "noscript", "svg"}
    VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "area",
            "base", "col", "embed", "source", "track", "param"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.out = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        hidden = tag in self.SKIP or a.get("aria-hidden") == "true"
        self.stack.append(bool(hidden or (self.stack and self.stack[-1])))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.out.append(data)
        self.out.append(" ")


def html_text(raw):
    p = Text()
    p.feed(raw)
    p.close()
    return "".join(p.out)


def markdown_text(raw):
    # Front matter: its values are text, its keys are not.
    m = re.match(r"---\n(.*?)\n---\n", raw, flags=re.S)
    if m:
        keys = re.sub(r"^[\w-]+:", " ", m.group(1), flags=re.M)
        raw = keys + "\n" + raw[m.end():]
    raw = re.sub(r"<!--.*?-->", " ", raw, flags=re.S)
    raw = re.sub(r"\]\([^)]*\)", "] ", raw)          # link destinations
    raw = re.sub(r"^\s*\[[^\]]+\]:\s*\S+.*$", " ", raw, flags=re.M)
    raw = re.sub(r"\{[#:.][^}]*\}", " ", raw)        # {#id}, {: .class}
    raw = re.sub(r"<https?://[^>]*>", lambda m: m.group(0)[1:-1], raw)
    return html_text(raw)


def rst_text(raw):
    raw = re.sub(r"^\.\. [\w:-]+::", " ", raw, flags=re.M)
    raw = re.sub(r"^\.\. _[^:]+:.*$", " ", raw, flags=re.M)
    raw = re.sub(r"^\s+:[\w-]+:", " ", raw, flags=re.M)   # options
    raw = re.sub(r":[\w-]+:`", "`", raw)                  # roles
    raw = re.sub(r"<[^>`]+>`", "`", raw)                  # role targets
    return raw


def fixture_text(path):
    if path.endswith(".pdf"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"],
                              check=True, capture_output=True,
                              text=True).stdout
    raw = open(path, encoding="utf-8").read()
    if path.endswith((".html", ".htm")):
        return html_text(raw)
    if path.endswith((".md", ".markdown")):
        return markdown_text(raw)
    if path.endswith(".rst"):
        return rst_text(raw)
    return raw


def section_text(pub):
    parts = [pub.get("title") or "", pub.get("series") or "",
             pub.get("product") or "", pub.get("revised") or ""]
    parts += pub.get("agency") or []
    for s in pub["sections"]:
        parts += s["path"] + [s["heading"], s["text"]]
        if s.get("solution"):
            parts += [s["solution"]["heading"], s["solution"]["text"]]
        for c in s["contacts"]:
            parts += [c["label"], c["value"]]
    return "\n".join(parts)


def main():
    fixture, sections = sys.argv[1], sys.argv[2]
    allowed = set()
    if len(sys.argv) > 3:
        for line in open(sys.argv[3], encoding="utf-8"):
            allowed |= words(line.split("#", 1)[0])
    with open(sections, encoding="utf-8") as f:
        have = words(section_text(json.load(f)))
    missing = sorted(words(fixture_text(fixture)) - have - allowed)
    for w in missing:
        print(w)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
