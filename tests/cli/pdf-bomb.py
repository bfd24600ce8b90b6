#!/usr/bin/env python3
"""pdf-bomb.py OUT PAGES LINES [WORD [SLOW SLOW_LINES]]: writes a small
PDF whose pages each hold LINES text-showing operators in one Flate
stream, so that a few hundred KB expand to many MB of content (the "PDF
bomb" of issue 20), or, with many pages of one line, a long PDF that says
the same thing on every page.  With SLOW, page SLOW (1-based) holds
SLOW_LINES operators instead, a page slow to read, and each page says
"WORD on page N", its own text.  Built at test time, never committed."""
import sys
import zlib

out, pages, lines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
word = sys.argv[4] if len(sys.argv) > 4 else "password expired"

slow = int(sys.argv[5]) if len(sys.argv) > 6 else 0
slow_lines = int(sys.argv[6]) if len(sys.argv) > 6 else 0


def content(page):
    """The compressed content stream of page PAGE (1-based)."""
    n = slow_lines if page == slow else lines
    if not slow:
        line = ("BT /F1 10 Tf 72 700 Td (%s) Tj ET\n" % word).encode()
        return zlib.compress(line * n, 9)
    # Lines down the page, a sentence of its own each.
    return zlib.compress(b"".join(
        ("BT /F1 10 Tf 72 %d Td (%s on page %d, line %d.) Tj ET\n"
         % (700 - 14 * (k % 40), word, page, k)).encode()
        for k in range(n)), 9)


objs = []
kids = " ".join("%d 0 R" % (4 + 2 * i) for i in range(pages))
objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages))
            .encode())
objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
for i in range(pages):
    objs.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                 "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                 % (5 + 2 * i)).encode())
    stream = content(i + 1)
    objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n"
                % len(stream) + stream + b"\nendstream")

body = bytearray(b"%PDF-1.4\n")
offsets = []
for n, obj in enumerate(objs, 1):
    offsets.append(len(body))
    body += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
xref = len(body)
body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    body += b"%010d 00000 n \n" % off
body += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
         % (len(objs) + 1, xref))
with open(out, "wb") as f:
    f.write(body)
