"""The regular-expression content-stream reader (extract/sources/content.py)
gives pdfminer's objects, object for object: on every content stream of
the samples and the real sheets, on random streams, and at the edges
where pdfminer's own reading has quirks (stream ends, its 4 KiB buffer)."""
from __future__ import annotations

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream, dict_value, list_value, resolve1, stream_value
from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral

from hyoka.extract.sources.content import PDFMINER_BUFSIZ, layout, parse_content
from hyoka.extract.sources.plumber import deduped, lean_view
from tests.conftest import CORPUS, SAMPLES


def pdfminer_objects(datas: list[bytes]):
    """pdfminer's objects of the streams ``datas`` (PDFContentParser.nextobject
    until EOF), or ("raises", type name) when pdfminer raises."""
    streams = []
    for i, d in enumerate(datas):
        s = PDFStream({}, d)
        s.set_objid(i + 1, 0)
        streams.append(s)
    try:
        parser = PDFContentParser(streams)
    except PSEOF:
        return []
    try:
        return until_eof(parser.nextobject)
    except Exception as e:  # noqa: BLE001 - compared, not handled
        return ("raises", type(e).__name__)


def until_eof(step) -> list:
    """The second items of ``step()`` (pdfminer's (position, object)) until it raises PSEOF."""
    out = []
    try:
        while True:
            out.append(step()[1])
    except PSEOF:
        return out


def comparable(obj):
    """``obj`` with keywords and names as tagged tuples (they compare by identity)."""
    if isinstance(obj, list):
        return [comparable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: comparable(v) for k, v in obj.items()}
    if isinstance(obj, PSKeyword):
        return ("kw", obj.name)
    if isinstance(obj, PSLiteral):
        return ("lit", obj.name)
    return (type(obj).__name__, obj)


def same_as_pdfminer(datas: list[bytes]) -> bool | None:
    """True when :func:`parse_content` gives pdfminer's objects, None when it
    hands the streams back (and False when it gives anything else)."""
    mine = parse_content(datas)
    if mine is None:
        return None
    ref = pdfminer_objects(datas)
    return not isinstance(ref, tuple) and comparable(mine) == comparable(ref)


def content_streams(pdf_path):
    """Each page's content streams and each form XObject's, decoded: lists of bytes."""
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            yield [stream_value(s).get_data() for s in list_value(page.page_obj.contents)]
            xobjects = (page.page_obj.resources or {}).get("XObject")
            for ref in dict_value(xobjects).values() if xobjects else []:
                xobj = stream_value(ref)
                if getattr(xobj.get("Subtype"), "name", None) == "Form":
                    yield [xobj.get_data()]


REAL = sorted(p for p in (CORPUS / "real-jp").glob("*.pdf") if "corrupt" not in p.name)
FILES = sorted(SAMPLES.rglob("*.pdf")) + REAL + sorted((CORPUS / "archive-ikeda").glob("*.pdf"))[:10]


def test_every_content_stream_of_samples_and_real_sheets_reads_as_pdfminer_reads_it():
    verdicts = [same_as_pdfminer(datas) for f in FILES for datas in content_streams(f)]
    assert len(verdicts) >= 100
    assert verdicts.count(False) == 0
    # and none of them needs pdfminer's tokenizer
    assert verdicts.count(None) == 0


@pytest.mark.parametrize("pdf", [SAMPLES / "000-hiratsuka-r5-shisaku-4-1.pdf", SAMPLES / "004-atsugi-r5-sangyo-mp-torikumi.pdf",
                                 REAL[0], REAL[-1]], ids=lambda p: p.name)
def test_pages_read_through_the_fast_interpreter_have_pdfplumbers_chars_and_edges(pdf):
    with pdfplumber.open(pdf) as a, pdfplumber.open(pdf) as b:
        for pa, pb in zip(a.pages, b.pages):
            ref = deduped(pa)
            layout(pb)
            fast = lean_view(pb)
            assert fast.chars == ref.chars
            # the light view's edges carry the keys the table finder reads, with pdfplumber's values
            assert len(fast.edges) == len(ref.edges)
            assert fast.edges == [{k: e[k] for k in f} for e, f in zip(ref.edges, fast.edges)]


# Fragments that pdfminer's tokenizer treats specially, glued at random.
FRAGMENTS = [b" ", b"\n", b"\r", b"\r\n", b"\x00", b"\t", b"q", b"Q", b"BT", b"Tj", b"TJ", b"T*", b"'", b'"',
             b"true", b"false", b"e", b"1", b"0", b"9", b"-", b"+", b".", b"8", b"7", b"/", b"#", b"4", b"F",
             b"g", b"(", b")", b"\\", b"\\n", b"\\1", b"\\477", b"<", b">", b"<<", b">>", b"[", b"]", b"%",
             b"{", b"}", b"*", b"\x80", b"\xe3\x81\x82", b"BI", b"ID", b"EI"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(b"".join), min_size=1, max_size=3))
def test_random_streams_read_as_pdfminer_reads_them_or_are_handed_back(datas):
    assert same_as_pdfminer(datas) is not False


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"0 0 1 rg ", b"/F1 10.5 Tf ", b"(a\\(b\\)) Tj ", b"<3042> Tj ", b"[(x) -12 (y)] TJ ",
                                 b"/P <</MCID 3>> BDC ", b"EMC ", b"1 0 0 1 72.5 -.5 cm ", b"% note\n", b"T* "]),
                min_size=1, max_size=30).map(b"".join))
def test_ordinary_streams_are_never_handed_back(data):
    assert same_as_pdfminer([data]) is True


@pytest.mark.parametrize("data", [
    b"(a\\\r\nb) Tj",          # backslash CR LF inside one buffer: both dropped
    b"<41>> <<>>",              # a hex string then '>>'
    b"/A#41#4#G 1.2.3 -.5 +-5 . - 5. (\\q\\101\\1x) <4 1 4>",
    b"[1 [2 /x] ] ] >> 3",     # stray closers are ignored
])
def test_pdfminer_quirks(data):
    assert same_as_pdfminer([data]) is True


@pytest.mark.parametrize("datas", [
    [b"0 0 m (abc", b"def) Tj"],     # a string open where a stream ends
    [b"1 0 0 1 0 0 cm /", b"F1 Tf"],  # a name without text carries on where a stream ends
    [b"/A#4", b"1 gs"],               # so does one ending in #x
    [b"<41", b"42> Tj"],               # a hex string too
    [b"BI /W 1 /H 1 ID \x00 EI"],      # an inline image
    [b"<</A>> BDC"],                   # an odd dictionary: pdfminer raises
])
def test_what_is_not_modelled_is_handed_back(datas):
    assert parse_content(datas) is None


def test_tokens_end_where_a_stream_ends_as_pdfminer_ends_them():
    assert same_as_pdfminer([b"q 1 0 0 1 0 0 cm", b"Q"]) is True
    assert same_as_pdfminer([b"/F1 12", b"Tf"]) is True
    assert same_as_pdfminer([b"/F1", b"12 Tf"]) is True


def test_backslash_cr_lf_across_pdfminers_buffer_is_handed_back():
    pad = b" " * (PDFMINER_BUFSIZ - 3)
    data = pad + b"(\\\r\nx) Tj"  # the CR is the buffer's last byte
    assert data[PDFMINER_BUFSIZ - 1:PDFMINER_BUFSIZ] == b"\r"
    assert parse_content([data]) is None
    # across no boundary it is read
    assert same_as_pdfminer([b" " + data]) is True


@pytest.mark.parametrize("cut", [b"<<", b">>", b"#4"])
def test_pairs_split_by_pdfminers_buffer_read_the_same(cut):
    body = {b"<<": b"<</A 1>> BDC", b">>": b"<</A 1>> BDC", b"#4": b"/A#41 gs"}[cut]
    at = body.index(cut) + 1
    data = b" " * (PDFMINER_BUFSIZ - at) + body
    assert data[PDFMINER_BUFSIZ - 1:PDFMINER_BUFSIZ + 1] == cut
    assert same_as_pdfminer([data]) is True


def pdfminer_tokens(data: bytes):
    """pdfminer's base tokens of ``data`` (PSBaseParser.nexttoken until EOF)."""
    from io import BytesIO

    from pdfminer.psparser import PSBaseParser

    return until_eof(PSBaseParser(BytesIO(data)).nexttoken)


def tounicode_streams(pdf_path):
    """The decoded ToUnicode CMaps of the fonts of every page of ``pdf_path``."""
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            fonts = (page.page_obj.resources or {}).get("Font")
            for ref in dict_value(fonts).values() if fonts else []:
                stream = resolve1(dict_value(ref).get("ToUnicode"))
                if isinstance(stream, PDFStream):
                    yield stream.get_data()


def test_every_tounicode_cmap_tokenizes_as_pdfminer_tokenizes_it():
    from hyoka.extract.sources.content import tokens

    datas = {d for f in FILES for d in tounicode_streams(f)}
    assert len(datas) > 40
    for data in datas:
        assert comparable(tokens(data)) == comparable(pdfminer_tokens(data))


def test_a_tounicode_map_parsed_once_serves_the_next_file_with_the_same_text():
    from hyoka.extract.sources import content

    pdf = CORPUS / "archive-ikeda" / sorted(p.name for p in (CORPUS / "archive-ikeda").glob("*.pdf"))[0]
    content._TOUNICODE_CACHE.clear()
    for _ in range(2):
        with pdfplumber.open(pdf) as a, pdfplumber.open(pdf) as b:
            for pa, pb in zip(a.pages, b.pages):
                layout(pb)
                assert lean_view(pb).chars == deduped(pa).chars
        assert content._TOUNICODE_CACHE  # filled the first time, read the second
    first = dict(content._TOUNICODE_CACHE)
    assert content._TOUNICODE_CACHE == first


def test_a_page_read_leaves_no_reference_cycle_holding_its_layout():
    import gc

    from pdfminer.layout import LTPage

    gc.collect()
    gc.disable()
    try:
        with pdfplumber.open(SAMPLES / "000-hiratsuka-r5-shisaku-4-1.pdf") as pdf:
            for page in pdf.pages:
                layout(page)
                page.flush_cache()
            alive = sum(isinstance(o, LTPage) for o in gc.get_objects())
    finally:
        gc.enable()
    assert alive == 0


def test_the_installed_pdfminer_is_the_release_whose_tokenizer_is_modelled():
    import pdfminer

    from hyoka.extract.sources import content

    assert pdfminer.__version__ == content.PDFMINER_MODELLED and content.MODELLED
