"""Content streams read by one regular expression instead of pdfminer's
byte-state tokenizer: the same operators with the same operands, faster.

pdfminer reads a page's content stream (PDF 32000-1 §7.8.2) through
``PDFContentParser``: a state machine stepping through the bytes in 4 KiB
buffers, one Python call per state change and a logging call per token.
On the samples that tokenizer is 60 % of a page's parse, on the 池田市
sheets 40 % (bench/README.md "Archive scale"), and it is the one cost the
bare-pdfplumber reference cannot avoid.  :func:`parse_content` reads the
same streams with one compiled pattern and builds the operand stack the
way ``PSStackParser.nextobject`` does; :class:`FastInterpreter` executes
what it returns through pdfminer's own operator methods, so the device,
the graphics state and every char are pdfminer's.

Identical, not similar: every rule below is pdfminer.six 20260107's
(``psparser.PSBaseParser._parse_*``, ``PSStackParser.nextobject``,
``pdfinterp.PDFContentParser``), including its oddities -- a backslash
before an unknown character drops both, ``\\ddd`` keeps at most three
octal digits, an odd last hex digit ``<4>`` is the byte 0x04, a name's
``#`` without hex digits vanishes, ``1.2.3`` is two numbers, a sign alone
is no number, a token is ended where one content stream of the page ends
and the next begins.  Where pdfminer's result depends on something this
reader does not model, :func:`parse_content` returns None and the page is
read by pdfminer's tokenizer unchanged: an inline image (``BI``/``ID``),
a procedure (``{``), a dictionary of odd length (pdfminer raises), an
octal escape above 255 (pdfminer asserts), a string, hex string or name
left open where a stream ends, and ``\\`` CR LF split by pdfminer's 4 KiB
buffer.  tests/extract/test_content.py compares both readers object for
object on every content stream of the samples and the corpus, and on
random streams (hypothesis).

The fonts' embedded CMaps (ToUnicode) are read by pdfminer's CMapParser
fed with :func:`tokens` while :func:`layout` reads a page
(:class:`FastCMapParser`), and a ToUnicode map already parsed in this
process for the same bytes is reused.  Only under the pdfminer.six release
these rules were taken from (:data:`PDFMINER_MODELLED`).
"""
from __future__ import annotations

import contextvars
import hashlib
import re
from collections import OrderedDict

import pdfminer
from pdfminer import pdffont
from pdfminer import settings as pdfminer_settings
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.pdfinterp import PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import (END_KEYWORD, END_STRING, ESC_STRING, KWD, LIT, PSEOF, SPC, PSBaseParser,
                               PSKeyword, PSKeywordTable, keyword_name, literal_name)
from pdfminer.utils import choplist

#: The pdfminer.six release whose tokenizer this module reproduces; under
#: any other the fast paths are off and pdfminer reads everything (its
#: rules may have changed: tests/extract/test_content.py then fails loudly).
PDFMINER_MODELLED = "20260107"
#: Whether the installed pdfminer is that release.
MODELLED = pdfminer.__version__ == PDFMINER_MODELLED

#: pdfminer's read size (``PSBaseParser.BUFSIZ``); only ``\\`` CR LF across
#: one of its boundaries reads differently (``_parse_string_1`` looks one
#: byte ahead within the buffer).
PDFMINER_BUFSIZ = PSBaseParser.BUFSIZ

#: What ends a keyword or a name: the class of pdfminer's END_KEYWORD (= END_LITERAL).
_DELIM = END_KEYWORD.pattern[1:-1]
#: One token per match, after the whitespace before it; the group number
#: says which kind (``_K_*``).  Some alternative matches at every byte (the
#: last one: a '<' opening a hex string left open, the stream is then
#: pdfminer's), so matching never searches ahead.
TOKEN = re.compile(
    rb"[\s\x00]*+(?:"                                  # whitespace (pdfminer skips NUL too)
    rb"([-+]?[0-9]++(?![.0-9]))"                       # 1 integer
    rb"|([A-Za-z][^" + _DELIM + rb"]*+)"               # 2 keyword
    rb"|/((?:[^" + _DELIM + rb"]|#[0-9a-fA-F]{0,2})*+)"  # 3 name
    rb"|\(([^()\\]*+)\)"                               # 4 plain string
    rb"|<([0-9a-fA-F]*+)>(?!>)"                       # 5 plain hex string (not '<41>>': hex, '>>')
    rb"|([-+0-9][0-9]*+(?:\.[0-9]*+)?|\.[0-9]*+)"      # 6 other number (a float, or nothing)
    rb"|(\[)|(\])"                                    # 7, 8 array
    rb"|(\()"                                         # 9 string with escapes or nesting
    rb"|(<<)"                                         # 10 dictionary begin
    rb"|<([\s0-9a-fA-F]*+)(?=[^\s0-9a-fA-F])"          # 11 hex string with spaces or not closed by '>'
    rb"|(>>)"                                         # 12 dictionary end
    rb"|(>)"                                          # 13 a lone '>': no token
    rb"|(%[^\r\n]*+)"                                 # 14 comment
    rb"|([^\s%/+\-0-9.A-Za-z(<>\x00])"                 # 15 any other byte: a one-byte keyword
    rb"|(.)"                                          # 16 '<' of a hex string left open
    rb"|(\Z)"                                         # 17 the end (after NULs)
    rb")",
    re.DOTALL,
)
(_K_INT, _K_KEYWORD, _K_NAME, _K_STRING, _K_HEX, _K_NUMBER, _K_ARRAY_BEGIN, _K_ARRAY_END,
 _K_STRING_OPEN, _K_DICT_BEGIN, _K_HEX_SPACED, _K_DICT_END, _K_GT, _K_COMMENT, _K_ONE, _K_OPEN, _K_END) = range(1, 18)
#: Last token kinds after which a stream of several may end without
#: whitespace and be ended as pdfminer ends it; after the others pdfminer's
#: token carries on into the next stream (a name is checked apart).
_CLEAN_END = {_K_INT, _K_KEYWORD, _K_STRING, _K_HEX, _K_NUMBER, _K_ARRAY_BEGIN, _K_ARRAY_END,
              _K_STRING_OPEN, _K_DICT_BEGIN, _K_HEX_SPACED, _K_DICT_END, _K_COMMENT, _K_ONE, _K_END}
_WHITESPACE = b" \t\n\r\x0b\x0c"  # \s; a NUL may end a keyword

_NAME_HEX = re.compile(rb"#([0-9a-fA-F]{0,2})")
_OCTAL = b"01234567"
#: pdfminer's ESC_STRING by byte value: the byte each escape letter stands for.
_ESCAPES = {letter[0]: byte for letter, byte in ESC_STRING.items()}

_TRUE, _FALSE = b"true", b"false"
_ARRAY_BEGIN, _ARRAY_END, _DICT_BEGIN, _DICT_END = KWD(b"["), KWD(b"]"), KWD(b"<<"), KWD(b">>")
#: pdfminer's interned keywords (``KWD`` returns the one object per name).
_KEYWORDS = PSKeywordTable.dict
#: Keywords whose handling by ``PDFContentParser`` is not modelled: inline
#: images, procedures.
_UNMODELLED = {KWD(b"BI"), KWD(b"ID"), KWD(b"{"), KWD(b"}")}


class Unmodelled(Exception):
    """Raised by :func:`tokens` where its reading could differ from
    pdfminer's (the message says why); :func:`parse_content` and
    :class:`FastCMapParser` then hand the stream to pdfminer's tokenizer."""


def _string(data: bytes, i: int) -> tuple[bytes, int]:
    """The literal string opening just before ``data[i]`` (pdfminer's
    ``_parse_string`` / ``_parse_string_1``): (its bytes, the index after
    its closing parenthesis).  Raises :class:`Unmodelled` when it is not
    closed within ``data`` or holds an octal escape above 255."""
    out = bytearray()
    depth = 1
    n = len(data)
    while True:
        m = END_STRING.search(data, i)
        if m is None:
            raise Unmodelled("string open at the end of the stream")
        j = m.start()
        out += data[i:j]
        c = data[j]
        i = j + 1
        if c == 0x28:  # (
            depth += 1
            out.append(c)
        elif c == 0x29:  # )
            depth -= 1
            if not depth:
                return bytes(out), i
            out.append(c)
        else:  # backslash
            if i >= n:
                raise Unmodelled("escape at the end of the stream")
            c = data[i]
            if c in _OCTAL:
                k = i
                while k < n and k - i < 3 and data[k] in _OCTAL:
                    k += 1
                code = int(data[i:k], 8)
                if code > 255:
                    raise Unmodelled("octal escape above 255")
                out.append(code)
                i = k
            elif c in _ESCAPES:
                out.append(_ESCAPES[c])
                i += 1
            elif c == 0x0D and data[i + 1:i + 2] == b"\n":
                if (i + 1) % PDFMINER_BUFSIZ == 0:
                    raise Unmodelled("backslash CR LF across pdfminer's buffer")
                i += 2
            else:  # pdfminer drops an unknown escaped byte with its backslash
                i += 1


def _hex(digits: bytes) -> bytes:
    """pdfminer's hex string value of ``digits`` (whitespace removed, pairs
    of hex digits to bytes, an odd last digit d to the byte 0x0d)."""
    if not digits.isalnum():
        digits = SPC.sub(b"", digits)
    if len(digits) % 2:
        return bytes.fromhex(digits[:-1].decode()) + bytes((int(digits[-1:], 16),))
    return bytes.fromhex(digits.decode())


def _name(raw: bytes):
    """pdfminer's ``PSLiteral`` of the name text ``raw`` (after '/'): ``#xx``
    read as a byte (``#`` alone dropped), UTF-8 text or else bytes."""
    if b"#" in raw:
        raw = _NAME_HEX.sub(lambda h: bytes((int(h.group(1), 16),)) if h.group(1) else b"", raw)
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def tokens(data: bytes, last: bool = True) -> list:
    """The tokens pdfminer's ``PSBaseParser.nexttoken`` yields for ``data``
    (one stream), in order: int, float, bool, bytes (strings),
    ``PSLiteral`` (names) and ``PSKeyword`` (operators and the one-byte
    ones: ``[`` ``]`` ``{`` ``}`` ``'`` ``"`` ..., and ``<<`` ``>>``).
    ``last``: whether this stream is the last one read (where one stream
    of a page's several ends, pdfminer carries an open token on into the
    next).  Raises :class:`Unmodelled` where this reading could differ
    from pdfminer's (see the module doc)."""
    out: list = []
    append = out.append
    keywords = _KEYWORDS
    text = data.rstrip(_WHITESPACE)
    pos, end = 0, len(text)
    kind = 0
    name = b""
    while pos < end:
        for m in TOKEN.finditer(text, pos):
            if m.start() != pos:
                raise Unmodelled("no token")
            if m.lastindex == _K_END:
                if m.end() > pos:  # NULs skipped: pdfminer is between tokens
                    kind, pos = _K_END, m.end()
                break
            kind = m.lastindex
            pos = m.end()
            if kind == _K_INT:
                append(int(m.group(1)))
            elif kind == _K_KEYWORD:
                tok = m.group(2)
                if tok == _TRUE or tok == _FALSE:
                    append(tok == _TRUE)
                else:
                    kw = keywords.get(tok)
                    append(kw if kw is not None else KWD(tok))
            elif kind == _K_NAME:
                name = m.group(3)
                append(_name(name))
            elif kind == _K_STRING:
                append(m.group(4))
            elif kind == _K_HEX:
                append(_hex(m.group(5)))
            elif kind == _K_NUMBER:
                tok = m.group(6)
                try:
                    append(float(tok) if b"." in tok else int(tok))
                except ValueError:  # a sign or a point alone: pdfminer drops it
                    pass
            elif kind == _K_ARRAY_BEGIN:
                append(_ARRAY_BEGIN)
            elif kind == _K_ARRAY_END:
                append(_ARRAY_END)
            elif kind == _K_STRING_OPEN:
                tok, pos = _string(text, pos)
                append(tok)
                break  # go on matching after the string
            elif kind == _K_DICT_BEGIN:
                append(_DICT_BEGIN)
            elif kind == _K_HEX_SPACED:
                append(_hex(m.group(11)))
            elif kind == _K_DICT_END:
                append(_DICT_END)
            elif kind == _K_ONE:
                append(KWD(m.group(15)))
            elif kind == _K_OPEN:
                raise Unmodelled("hex string open at the end of the stream")
            # a lone '>' and a comment give no token
        else:
            if pos < end:
                raise Unmodelled("no token")
    if end == len(data) and data:
        # a name ending in #, #x or #xx is lost at the end of the last stream
        # and carries on into the next one; pdfminer ends another open token
        # where a stream ends only when it has text (its _curtoken)
        if kind == _K_NAME and b"#" in name[-3:]:
            raise Unmodelled("name in its #xx where a stream ends")
        if not last and kind not in _CLEAN_END and not (kind == _K_NAME and name):
            raise Unmodelled("token may carry on into the next stream")
    return out


def parse_content(datas: list[bytes]) -> list | None:
    """The top-level objects pdfminer's ``PDFContentParser.nextobject``
    returns for the decoded content streams ``datas`` of one page (or form
    XObject), in order: operands (int, float, bool, bytes, ``PSLiteral``,
    list for an array, dict for a dictionary) and operators
    (``PSKeyword``).  None when the streams hold something this reader
    does not model (see the module doc): read them with pdfminer's parser.
    """
    results: list = []
    stack = results  # where the next object goes: the results, or an open array / dict
    context: list = []  # (type, outer stack) of the open arrays / dicts
    curtype = None
    last_stream = len(datas) - 1
    try:
        for n, data in enumerate(datas):
            for tok in tokens(data, n == last_stream):
                if type(tok) is not PSKeyword:
                    stack.append(tok)
                elif tok is _ARRAY_BEGIN or tok is _DICT_BEGIN:
                    context.append((curtype, stack))
                    curtype, stack = ("a" if tok is _ARRAY_BEGIN else "d"), []
                elif tok is _ARRAY_END or tok is _DICT_END:
                    want = "a" if tok is _ARRAY_END else "d"
                    if curtype != want:  # pdfminer ignores a stray closer (PSTypeError)
                        continue
                    objs = stack
                    curtype, stack = context.pop()
                    if want == "a":
                        stack.append(objs)
                    elif len(objs) % 2:
                        return None  # pdfminer raises PSSyntaxError
                    else:
                        stack.append({literal_name(k): v for (k, v) in choplist(2, objs) if v is not None})
                elif tok in _UNMODELLED:
                    return None
                else:
                    stack.append(tok)
    except Unmodelled:
        return None
    return results


class FastInterpreter(PDFPageInterpreter):
    """pdfminer's ``PDFPageInterpreter`` reading content streams through
    :func:`parse_content` (pdfminer's own parser where it returns None).

    Only ``execute`` differs; operators, state and device calls are
    pdfminer's, and form XObjects get a FastInterpreter too (``dup``).
    """

    def execute(self, streams) -> None:
        """Execute the content ``streams`` (pdfminer's ``execute``: the same
        circular-reference guard, the same operator dispatch -- an operator
        runs only when enough operands are on the stack, an unknown one is
        skipped unless pdfminer's STRICT setting is on)."""
        if not MODELLED:
            return super().execute(streams)
        valid = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                return super().execute(streams)  # pdfminer logs and skips these
            valid.append(stream)
            self.stream_ids.add(stream.objid)
        if not valid:
            return None
        try:
            datas = [s.get_data() for s in valid]
        except Exception:  # a damaged stream: pdfminer's order of failure
            return super().execute(streams)
        objects = parse_content(datas)
        if objects is None:
            return super().execute(streams)
        # operator -> (bound method, operand count), local: kept on the
        # interpreter it would make a cycle holding the page's layout until
        # the cyclic collector runs (+70 MiB peak on a 500-page book)
        methods: dict = {}
        push, pop = self.push, self.pop
        for obj in objects:
            if type(obj) is PSKeyword:
                entry = methods.get(obj)
                if entry is None:
                    entry = methods[obj] = _method(self, obj)
                func, nargs = entry
                if func is None:
                    if pdfminer_settings.STRICT:
                        raise PDFInterpreterError(f"Unknown operator: {keyword_name(obj)!r}")
                    continue
                if nargs:
                    args = pop(nargs)
                    if len(args) == nargs:
                        func(*args)
                else:
                    func()
            else:
                push(obj)
        return None


def _method(interp: FastInterpreter, kw: PSKeyword) -> tuple:
    """pdfminer's lookup of operator ``kw``: ``do_`` + its name with ``*``
    ``"`` ``'`` spelled ``_a`` ``_w`` ``_q``; (method, operand count) or
    (None, 0) when the interpreter has none."""
    name = keyword_name(kw)
    method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
    func = getattr(interp, method, None)
    if func is None:
        return None, 0
    return func, func.__code__.co_argcount - 1


#: Set while :func:`layout` reads a page: only then do the CMaps of the
#: page's fonts go through :class:`FastCMapParser`'s tokens (pdfminer's
#: own callers, the bare-pdfplumber reference of bench/archive.py among
#: them, keep pdfminer's tokenizer).
_FAST_CMAPS: contextvars.ContextVar[bool] = contextvars.ContextVar("hyoka_fast_cmaps", default=False)


#: Parsed ToUnicode CMaps by their bytes' digest, last used last: one
#: writer embeds the same map in every file (the 100 池田市 sheets hold
#: 206 ToUnicode streams, 3 distinct, 2.4 MB of CMap text).
_TOUNICODE_CACHE: OrderedDict[bytes, tuple[dict, dict]] = OrderedDict()
#: Entries kept (a map is a dict of at most a few thousand codes).
TOUNICODE_CACHE_SIZE = 64


class FastCMapParser(CMapParser):
    """pdfminer's ``CMapParser`` (embedded ToUnicode and encoding CMaps of a
    page's fonts, PDF 32000-1 §9.10.3) fed by :func:`tokens` instead of
    pdfminer's tokenizer while :func:`layout` reads a page; CMap
    semantics (``do_keyword``: code-space ranges, bfchar/bfrange, cidrange)
    stay pdfminer's.  A ToUnicode map (a fresh ``FileUnicodeMap``) whose
    bytes were parsed before in this process is copied from
    :data:`_TOUNICODE_CACHE` instead (the result depends on the bytes
    alone; the cached dicts are shared, not copied: pdfminer only reads a
    parsed map).  On the 池田市 sheets CMap parsing was 22 % of a page's parse.
    A CMap whose tokens :func:`tokens` does not model is read by pdfminer's
    tokenizer."""

    def run(self) -> None:
        """Parse the CMap into ``self.cmap`` (pdfminer's ``run``), from the cache where it can."""
        if not (_FAST_CMAPS.get() and MODELLED):
            return super().run()
        here = self.fp.tell()
        data = self.fp.read()
        self.fp.seek(here)
        cmap = self.cmap
        cacheable = type(cmap) is FileUnicodeMap and not cmap.cid2unichr and not cmap.attrs
        if cacheable:
            key = hashlib.blake2b(data, digest_size=16).digest()
            hit = _TOUNICODE_CACHE.get(key)
            if hit is not None:
                _TOUNICODE_CACHE.move_to_end(key)
                cmap.cid2unichr, cmap.attrs = hit  # shared: pdfminer reads a parsed map, never changes it
                return None
        try:
            queue = tokens(data)
            queue.reverse()
        except Unmodelled:
            queue = False
        self._fast_queue = queue
        super().run()
        if cacheable:
            _TOUNICODE_CACHE[key] = (cmap.cid2unichr, cmap.attrs)
            while len(_TOUNICODE_CACHE) > TOUNICODE_CACHE_SIZE:
                _TOUNICODE_CACHE.popitem(last=False)
        return None

    def nexttoken(self):
        """The next (position, token); positions are 0 (CMapParser does not
        read them).  pdfminer's own where :meth:`run` found the tokens unmodelled."""
        queue = self.__dict__.get("_fast_queue", False)
        if queue is False:
            return super().nexttoken()
        if not queue:
            raise PSEOF("Unexpected EOF")
        return 0, queue.pop()


def install_cmap_parser() -> None:
    """Make pdfminer's font code build :class:`FastCMapParser` s (it reads
    ``pdffont.CMapParser`` at each font); idempotent.  Outside
    :func:`layout` they read exactly as pdfminer's."""
    pdffont.CMapParser = FastCMapParser


install_cmap_parser()


def layout(page):
    """pdfplumber's ``Page.layout`` of the pdfplumber ``page``, its content
    read by :class:`FastInterpreter`; cached on the page as pdfplumber
    caches it.  Raises pdfplumber's ``PdfminerException`` as ``Page.layout`` does."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.exceptions import PdfminerException

    if hasattr(page, "_layout"):
        return page._layout
    device = PDFPageAggregatorWithMarkedContent(page.pdf.rsrcmgr, pageno=page.page_number,
                                                laparams=page.pdf.laparams)
    interpreter = FastInterpreter(page.pdf.rsrcmgr, device)
    token = _FAST_CMAPS.set(True)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as e:
        raise PdfminerException(e) from e
    finally:
        _FAST_CMAPS.reset(token)
    page._layout = device.get_result()
    return page._layout


__all__ = ["FastCMapParser", "FastInterpreter", "Unmodelled", "install_cmap_parser", "layout", "parse_content",
           "tokens"]
