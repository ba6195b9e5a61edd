"""Generate the hostile-input corpus (issue 9, item 10) into a folder.

Nothing of it is committed: every case is built here from raw PDF bytes
(:func:`build_pdf`), from pypdf / reportlab, or from the file system
(FIFO, symbolic links), in well under a second apart from the bombs.

``generate(out_dir, good=[...])`` writes every case and returns a list of
:class:`Case` (the path to name on the command line, what the ingest must
record: ``expect`` one of the contract's v_documents statuses, and
``reason`` a regular expression the recorded error must match; None where
no error is expected).  ``bomb_mb`` sets how much the FlateDecode bombs
inflate to (MB): big enough to exceed the limits the test sets, small
enough to compress in a second.

Run it by hand: ``python tests/hostile/generate.py OUT_DIR`` lists the cases.
Rule sources: PDF 32000-1:2008 §7.3 (objects), §7.5 (file structure:
header, xref, trailer, incremental updates), §7.6 (encryption), §9.10
(ToUnicode CMaps).
"""
from __future__ import annotations

import io
import re
import os
import shutil
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    """One hostile input: ``name`` (the kind), ``path`` (what the ingest is
    given), ``expect`` (status the warehouse must record), ``reason``
    (regex the v_documents.error must match, None when there is none)."""

    name: str
    path: Path
    expect: str
    reason: str | None


# -- raw PDF construction -------------------------------------------------------
def build_pdf(objects: dict[int, bytes], *, root: int = 1, header: bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
              trailer_extra: bytes = b"", xref: bool = True) -> bytes:
    """A PDF file from ``objects`` {object number: body bytes (between
    ``N 0 obj`` and ``endobj``)} with a correct cross-reference table
    (unless ``xref`` is False) and a trailer naming ``root``."""
    out = io.BytesIO()
    out.write(header)
    offsets = {}
    for num in sorted(objects):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n")
    size = max(objects) + 1
    start = out.tell()
    if xref:
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for num in range(1, size):
            out.write(b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (size, root, trailer_extra, start))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"", *, compress: bool = False) -> bytes:
    """A stream object body holding ``data`` (FlateDecode when ``compress``)."""
    if compress:
        data = zlib.compress(data)
        extra = b"/Filter /FlateDecode " + extra
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def flate_bomb(megabytes: int) -> bytes:
    """zlib bytes that inflate to ``megabytes`` MB of spaces (about 1000:1)."""
    c = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [c.compress(chunk) for _ in range(megabytes)]
    parts.append(c.flush())
    return b"".join(parts)


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (Hostile corpus page) Tj ET"


def one_page(content: bytes | None = TEXT, *, page_extra: bytes = b"", resources: bytes | None = None,
             extra_objects: dict[int, bytes] | None = None, mediabox: bytes = b"[0 0 595 842]",
             catalog_extra: bytes = b"") -> bytes:
    """A one-page PDF: 1 catalog, 2 pages, 3 page, 4 content (omitted when
    None), 5 Helvetica; ``extra_objects`` from number 6 on."""
    res = resources if resources is not None else b"<< /Font << /F1 5 0 R >> >>"
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" /Resources " + res
               + (b" /Contents 4 0 R" if content is not None else b"") + b" " + page_extra + b">>",
            5: HELVETICA}
    if content is not None:
        objs[4] = stream(content)
    objs.update(extra_objects or {})
    return build_pdf(objs)


def blank_pages(n: int) -> bytes:
    """``n`` pages without content (nothing drawn, no text)."""
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(n))
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n}
    for i in range(n):
        objs[3 + i] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>"
    return build_pdf(objs)


def cid_font_page(codes: list[int], tounicode: bytes | None) -> bytes:
    """A page of text in a Type0 font with Identity-H encoding and no
    embedded font program; with ``tounicode`` (a CMap body) as its
    ToUnicode, else none -- pdfminer then yields ``(cid:N)`` characters."""
    lines = []
    for row in range(0, len(codes), 20):
        hexs = b"".join(b"%04X" % c for c in codes[row:row + 20])
        lines.append(b"BT /F1 10 Tf 40 %d Td <" % (800 - 14 * (row // 20)) + hexs + b"> Tj ET")
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Garbage /Encoding /Identity-H /DescendantFonts [6 0 R]"
            + (b" /ToUnicode 8 0 R" if tounicode else b"") + b" >>")
    objs = {6: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Garbage /CIDSystemInfo << /Registry (Adobe) "
               b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>",
            7: b"<< /Type /FontDescriptor /FontName /Garbage /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
               b"/Ascent 900 /Descent -100 /CapHeight 700 /StemV 80 >>"}
    if tounicode:
        objs[8] = stream(tounicode)
    pdf = one_page(b"\n".join(lines), extra_objects=objs)
    return pdf.replace(HELVETICA, font)


def pua_cmap(n: int) -> bytes:
    """A ToUnicode CMap mapping CIDs 1..n to Private Use Area code points U+E001..."""
    body = b"\n".join(b"<%04X> <%04X>" % (i, 0xE000 + i) for i in range(1, n + 1))
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /PUA def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            + b"%d beginbfchar\n" % n + body + b"\nendbfchar\nendcmap end end")


def bfrange_bomb_cmap() -> bytes:
    """A ToUnicode CMap whose single bfrange spans 2^32 four-byte codes."""
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bomb def\n"
            b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
            b"1 beginbfrange\n<00000000> <FFFFFFFF> <0041>\nendbfrange\nendcmap end end")


def nested(depth: int) -> bytes:
    """An array nested ``depth`` levels deep: [[[...]]]."""
    return b"[" * depth + b"]" * depth


# -- pypdf / reportlab helpers -------------------------------------------------
def reportlab_text_pdf(text: str, *, encoding_bytes: bytes | None = None) -> bytes:
    """A one-page PDF with ``text`` drawn in Helvetica (reportlab)."""
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont("Helvetica", 11)
    for i, line in enumerate(text.splitlines()):
        c.drawString(40, 800 - 16 * i, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted(src: bytes, user_password: str, owner_password: str) -> bytes:
    """``src`` encrypted with pypdf (AES-128), user / owner passwords as given."""
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(src)))
    w.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def mojibake_text() -> str:
    """Japanese sheet text read through the wrong code page (Shift_JIS bytes as cp1252)."""
    jp = ("施策評価シート 令和5年度 成果指標 目標値 実績値 達成率 事業費 千円\n" * 6).strip()
    return "\n".join(line.encode("shift_jis").decode("cp1252", errors="replace") for line in jp.splitlines())


# -- the corpus ----------------------------------------------------------------
def generate(out: Path, good: list[Path], *, bomb_mb: int = 400) -> list[Case]:
    """Write every hostile case (and copies of the ``good`` files) below ``out``.

    ``good``: two or more readable sample PDFs; the first two are copied as
    the good files, and are reused inside some cases (truncations, the two
    folders with the same file name, a non-UTF-8 name).  ``bomb_mb``: MB
    the decompression bombs inflate to.  Returns the cases in the order
    they are to be named on the command line (the ``corpus`` folder,
    walked, and the special paths named one by one).
    """
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    g1, g2 = good[0].read_bytes(), good[1].read_bytes()

    def put(name: str, data: bytes, expect: str, reason: str | None, folder: Path = corpus) -> Path:
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        cases.append(Case(name.rsplit(".", 1)[0], p, expect, reason))
        return p

    # good files, and good files under awkward names
    put("good-1.pdf", g1, "loaded", None)
    put("good-2.pdf", g2, "loaded", None)
    put("2022/sheet.pdf", g2 + b"\n%2022 printing\n", "loaded", None)  # same name, two folders (distinct bytes)
    put("2023/sheet.pdf", g1 + b"\n%2023 printing\n", "loaded", None)
    bad_name = os.fsdecode(b"\xff\xfe-shift-jis-\x95\x5d\x89\xbf.pdf")  # not UTF-8: surrogateescape'd
    p = corpus / bad_name
    p.write_bytes(g1 + b"\n%non-utf8 name\n")
    cases.append(Case("non_utf8_name", p, "loaded", None))
    # not a PDF at all
    put("zero-byte.pdf", b"", "failed", r"empty \(0 bytes\)")
    put("not-a-pdf.pdf", b"Just some text, not a PDF at all.\n" * 20, "failed", r"not a PDF")
    put("html-renamed.pdf", b"<!DOCTYPE html><html><body>404</body></html>", "failed", r"not a PDF")
    put("header-only.pdf", b"%PDF-1.7\n", "failed", r"cannot (open|read)|no pages|PDF")
    put("garbage-after-header.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 64, "failed",
        r"cannot (open|read)|no pages|PDF")
    # truncations and broken structure
    put("truncated-half.pdf", g1[: len(g1) // 2], "failed", r"cannot|no pages|PDF|page")
    put("truncated-no-trailer.pdf", g1[: g1.rfind(b"trailer")] if b"trailer" in g1 else g1[:-200], "*", None)
    base = one_page()
    put("broken-xref-offsets.pdf", re.sub(rb"\d{10} 00000 n", b"0000099999 00000 n", base), "*", None)
    put("xref-garbage.pdf", base[: base.index(b"xref")] + b"xref\nthis is not a table\ntrailer\n<< /Size 6 >>\n"
        b"startxref\n%d\n%%%%EOF\n" % base.index(b"xref"), "*", None)
    put("startxref-out-of-range.pdf", base[: base.rindex(b"startxref")] + b"startxref\n99999999\n%%EOF\n",
        "*", None)
    put("no-root.pdf", base.replace(b"/Root 1 0 R", b""), "failed", r"cannot|no pages|PDF|catalog|Root")
    put("xref-prev-loop.pdf", base.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % base.index(b"xref")),
        "*", None)
    # encryption
    text_pdf = reportlab_text_pdf("Encrypted sheet\nindicator 100")
    put("encrypted-user-password.pdf", encrypted(text_pdf, "secret", "owner"), "failed", r"password")
    put("encrypted-owner-only.pdf", encrypted(text_pdf, "", "owner"), "loaded", None)
    # active content, odd geometry
    put("javascript.pdf", one_page(catalog_extra=b"/OpenAction 6 0 R /Names << /JavaScript << /Names [(x) 6 0 R] >> >>",
                                   extra_objects={6: b"<< /S /JavaScript /JS (app.alert\\('pwned'\\); while\\(1\\){}) >>"}),
        "loaded", None)
    put("enormous-mediabox.pdf", one_page(mediabox=b"[0 0 14400000 14400000]"), "loaded", None)
    put("inverted-mediabox.pdf", one_page(mediabox=b"[595 842 0 0]"), "*", None)
    put("zero-mediabox.pdf", one_page(mediabox=b"[0 0 0 0]"), "*", None)
    # cycles and nesting
    put("contents-self-reference.pdf", build_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", 4: b"4 0 R"}),
        "failed", r"cycle")
    put("contents-cycle.pdf", build_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", 4: b"5 0 R", 5: b"4 0 R"}),
        "failed", r"cycle")
    put("resources-self-reference.pdf", one_page(resources=b"6 0 R", extra_objects={6: b"6 0 R"}),
        "failed", r"cycle")
    put("resources-dict-cycle.pdf", one_page(resources=b"6 0 R", extra_objects={
        6: b"<< /Font << /F1 5 0 R >> /Self 6 0 R /Loop << /Back 7 0 R >> >>", 7: b"<< /Again 6 0 R >>"}),
        "*", None)
    put("xobject-recursion.pdf", one_page(b"/X1 Do", resources=b"<< /XObject << /X1 6 0 R >> >>", extra_objects={
        6: stream(b"/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X1 6 0 R >> >> ")}),
        "*", None)
    put("page-tree-cycle.pdf", build_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
           b"/Contents 5 0 R >>", 4: HELVETICA, 5: stream(TEXT)}), "*", None)
    put("annotation-cycle.pdf", one_page(page_extra=b"/Annots [6 0 R]", extra_objects={
        6: b"<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Next 7 0 R >>", 7: b"<< /Prev 6 0 R /Next 7 0 R >>"}),
        "*", None)
    put("deep-array-nesting.pdf", one_page(page_extra=b"/Deep " + nested(50_000)), "*", None)
    put("deep-dict-nesting.pdf", one_page(page_extra=b"/Deep " + b"<< /A " * 20_000 + b">> " * 20_000), "*", None)
    put("deep-form-chain.pdf", one_page(b"/X0 Do", resources=b"<< /XObject << /X0 6 0 R >> >>", extra_objects={
        6 + i: stream(b"/X%d Do" % (i + 1), b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                      b"/Resources << /XObject << /X%d %d 0 R >> >> " % (i + 1, 7 + i)) for i in range(3000)}),
        "*", None)
    # bombs
    put("flate-bomb.pdf", one_page(None, page_extra=b"/Contents 6 0 R", extra_objects={
        6: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb := flate_bomb(bomb_mb)) + bomb
           + b"\nendstream"}), "failed", r"decompress")
    put("tounicode-flate-bomb.pdf", _with_object(cid_font_page(list(range(1, 40)), None).replace(
        b"/Encoding /Identity-H", b"/Encoding /Identity-H /ToUnicode 9 0 R"), 9,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream"),
        "failed", r"decompress")
    put("tounicode-bfrange-bomb.pdf", cid_font_page(list(range(1, 40)), bfrange_bomb_cmap()), "failed",
        r"limit|memory|time")
    put("image-stream-bomb.pdf", one_page(b"q 100 0 0 100 0 0 cm /Im1 Do Q", resources=b"<< /XObject << /Im1 6 0 R >> >>",
                                          extra_objects={6: b"<< /Type /XObject /Subtype /Image /Width 20000 /Height 20000 "
                                                            b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d "
                                                            b"/Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb
                                                         + b"\nendstream"}), "*", None)
    # empty and garbage content
    put("page-without-contents.pdf", one_page(None), "needs_ocr", r"no content")
    put("blank-3000-pages.pdf", blank_pages(3000), "needs_ocr", r"no content")
    put("cid-garbage.pdf", cid_font_page([(i * 37) % 900 + 3 for i in range(400)], None), "needs_ocr",
        r"cid")
    put("pua-garbage.pdf", cid_font_page([(i * 7) % 300 + 1 for i in range(400)], pua_cmap(300)), "needs_ocr",
        r"Private Use")
    put("mojibake.pdf", reportlab_text_pdf(mojibake_text()), "needs_ocr", r"mojibake")
    put("damaged-content-stream.pdf", one_page(None, page_extra=b"/Contents 6 0 R", extra_objects={
        6: b"<< /Length 40 /Filter /FlateDecode >>\nstream\n" + b"\x78\x9c" + b"\x00garbage-not-deflate" * 2
           + b"\nendstream"}), "failed", r"FlateDecode|no readable")
    put("huge-length.pdf", one_page(None, page_extra=b"/Contents 6 0 R", extra_objects={
        6: b"<< /Length 99999999999 >>\nstream\n" + TEXT + b"\nendstream"}), "*", None)
    put("wrong-type-contents.pdf", one_page(None, page_extra=b"/Contents (not a stream)"), "*", None)

    # paths that are not regular files, named on the command line
    special = out / "special"
    special.mkdir(exist_ok=True)
    fifo = special / "fifo.pdf"
    os.mkfifo(fifo)
    cases.append(Case("fifo", fifo, "failed", r"not a regular file \(FIFO\)"))
    dev = special / "device.pdf"
    os.symlink("/dev/zero", dev)
    cases.append(Case("device", dev, "failed", r"not a regular file \(character device\)"))
    dangling = special / "dangling.pdf"
    os.symlink(special / "nowhere.pdf", dangling)
    cases.append(Case("dangling_link", dangling, "failed", r"dangling symbolic link"))
    loop = special / "loop.pdf"
    os.symlink(loop, loop)
    cases.append(Case("link_loop", loop, "failed", r"symbolic link loop"))
    unreadable = special / "unreadable.pdf"
    os.symlink("/proc/self/mem", unreadable)  # a file every user fails to read (EIO), root included
    cases.append(Case("unreadable", unreadable, "failed", r"cannot read"))
    # a folder loop inside the walked corpus: walked once, reported, not followed
    os.symlink(corpus, corpus / "loop-to-corpus")
    return cases


def _with_object(pdf: bytes, num: int, body: bytes) -> bytes:
    """``pdf`` (from :func:`build_pdf`, objects 1..k) rebuilt with one more object ``num``."""
    objs = {int(m.group(1)): m.group(2) for m in
            re.finditer(rb"(\d+) 0 obj\n(.*?)\nendobj\n", pdf, re.S)}
    objs[num] = body
    return build_pdf(objs)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    if target.exists():
        shutil.rmtree(target)
    samples = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.pdf"))[:2]
    for case in generate(target, samples, bomb_mb=int(sys.argv[2]) if len(sys.argv) > 2 else 400):
        print(f"{case.name:32} {case.expect:10} {case.reason or ''}")
