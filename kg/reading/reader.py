"""Stage 1, reading: an article file in, an :class:`Article` (metadata and sentences) out.

Real input is messy: a page header (``21:02 | 05/03/2025 GMT+7``), a ``url:``/``date:``
preamble or a `` date 2025-08-28`` marker, menus, related-news lists, photo credits, words
glued together, both Vietnamese tone-mark placements. The reader keeps the article body and
its publication date and splits the body into sentences, each with its position.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..errors import ArticleError
from .sources import read_limited

MAX_ARTICLE_BYTES = 5_000_000

UPPER = "A-ZĐÀ-ỸÂĂÊÔƠƯ"
_VN_UPPER_CHARS = "".join(
    c for c in (chr(i) for i in range(0xC0, 0x1EFA)) if c.isalpha() and c.isupper()
)
UPPER_CLASS = f"A-ZĐ{_VN_UPPER_CHARS}"


@dataclass(frozen=True)
class Sentence:
    position: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article, ready for extraction."""

    stem: str
    path: str
    published: str | None
    url: str | None
    sentences: tuple[Sentence, ...]
    content_hash: str
    skipped_lines: int = 0
    notes: tuple[str, ...] = field(default=())
    headline: str | None = None
    outlet: str | None = None  # the URL's host ("vietnamplus.vn"), else the page's credit ("TTXVN")

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.sentences)


# ---------------------------------------------------------------- decoding and normalising

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Old-style tone placement ("hoà", "Thuỳ", "khoẻ") moved to the vowel the modern
# orthography marks ("hòa", "Thùy", "khỏe"); "quý" keeps its mark (qu is a consonant).
_TONE_MOVE = re.compile(
    "(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\u0300-\u036f]|[^\\W\\d_])"
)


def normalise_text(text: str) -> str:
    """NFC, one tone-mark placement, no zero-width characters, Unix newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = unicodedata.normalize("NFD", text)
    text = _TONE_MOVE.sub(r"\1\3\2", text)
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00a0", " ").replace("Ð", "Đ")


def decode(data: bytes, path: str) -> str:
    """Bytes to text; UTF-8 (with or without BOM) is expected."""
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            path, f"the file is {len(data):,} bytes, over the {MAX_ARTICLE_BYTES:,}-byte limit"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(path, f"not valid UTF-16 despite its byte-order mark ({exc})") from None
    if b"\x00" in data[:4096]:
        raise ArticleError(path, "binary data (NUL bytes), not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            path, f"not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start}); save it as UTF-8, "
                  "for example with: iconv -f WINDOWS-1258 -t UTF-8"
        ) from None


# ---------------------------------------------------------------- a saved web page

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


class _PageText(HTMLParser):
    """The visible text of a web page, one line per block; scripts, styles and menus dropped."""

    HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "nav", "head", "iframe", "button", "form"})
    BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
                        "table", "section", "article", "header", "footer", "aside", "figure", "figcaption",
                        "blockquote", "main", "title", "dd", "dt"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(text: str) -> str:
    """Text as it reads: a saved HTML page becomes its visible text; anything else is unchanged."""
    if not _HTML_START.match(text):
        return text
    parser = _PageText()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- header and furniture

_ISO = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_URL_LINE = re.compile(r"^\s*url:\s*(\S+)\s*$", re.I)
_DATE_LINE = re.compile(r"^\s*date:\s*(\S+)\s*$", re.I)
_DATE_MARK = re.compile(rf"^\s*date\s+({_ISO})\b\s*")
# "21:02 | 05/03/2025 GMT+7", "Việt Đức (TTXVN/Vietnam+)| 20/08/2023 10:22",
# "Dương Thuỳ 22/01/2024 - 22:38"
# "21:21 14-04-2025 | :98", "10:22 20.08.2023": the day's parts apart by dashes or dots too
_DMY_STAMP = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_STAMP = re.compile(rf"(?:\d{{1,2}}:\d{{2}}\s*\|?\s*{_DMY_STAMP})|(?:{_DMY_STAMP}\s*(?:-\s*)?\d{{1,2}}:\d{{2}})")
# "Thứ Hai, 21 tháng 8, 2023", "Thứ hai, 21/08/2023 - 10:22", "Chủ nhật, ngày 5/5/2024": a
# page's date line, the weekday first
_WEEKDAY_STAMP = re.compile(
    r"^\s*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\s*,\s*(?:ngày\s+)?(\d{1,2})"
    r"(?:\s*tháng\s*(\d{1,2})\s*(?:,|năm)?\s*|/(\d{1,2})/)(\d{4})\b[\s\d:|,-]*(?:GMT\s*\+\s*7)?\s*$",
    re.I,
)
# A line that is a date and nothing else, near the top of a page: "Ngày 27 tháng 5 năm 2021",
# "27/05/2021", "Tháng Năm 27, 2021" (the month in words, as some sites print it), "Cập nhật:
# 27-05-2021"
_MONTH_WORDS = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
                "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_DATE_PREFIX = r"^\s*(?:(?:cập nhật|ngày đăng|đăng ngày|đăng lúc|xuất bản|ngày cập nhật)\s*:?\s*)?"
_DATE_ONLY = re.compile(
    _DATE_PREFIX + r"(?:ngày\s+)?(\d{1,2})(?:\s+tháng\s+(\d{1,2})\s*(?:,|năm)?\s*|\s*([/.-])\s*(\d{1,2})\s*\3\s*)"
    r"(\d{4})\s*\.?\s*$", re.I)
_WORDED_DATE = re.compile(
    _DATE_PREFIX + r"tháng\s+(" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\s+(\d{1,2})\s*,\s*(\d{4})\s*$",
    re.I)

# A line that ends the article: everything after it is page furniture.
_END_MARKERS = re.compile(
    r"^(tin bài liên quan|tin liên quan|các tin bài khác|các tin/bài khác|các tin khác|tin khác"
    r"|tin cùng chuyên mục|đọc nhiều|đọc thêm|xem thêm|xem nhiều|phản hồi|bình luận|ý kiến bạn đọc"
    r"|copy link|nổi bật|mới nhất|powered by|xin chờ trong giây lát|phiên bản di động"
    r"|bài viết liên quan|chia sẻ bài viết|tags?:|từ khóa:)\b",
    re.I,
)
_CREDIT_LINE = re.compile(r"^(theo|nguồn:?)\s+[^,.;]{0,45}$", re.I)
_DROP_LINE = re.compile(
    r"^(\S+\.(jpe?g|png|gif|webp)|https?://\S+|www\.\S+|\W*|aa|\[video\].*|trang chủ\b.*"
    r"|theo dõi .{0,40} trên|•.*|!\[\]\(\).*|\|?\s*quang cảnh .{0,40})$",
    re.I,
)
# The mark of a list's item ("•", "-", "1.", "2)", "(3)", "b)", "(c)"): its text is a sentence of the article (a short one, "• Mặc định",
# is a page's menu)
_LIST_MARK = re.compile(r"^(?:[•·▪●◦‣*+]|[-–](?!\d)|\(?\d{1,2}[.)]|\(?[a-zđ]\))\s+(?=\S)")
# It starts where a run of spaces starts (the lookbehind): tried from each space of a long run,
# with two ways to share the run out, it took time cubic in the run's length.
_PHOTO_CREDIT = re.compile(
    r"(?<!\s)\s*(?:[\(\[]\s*)?(?:ảnh|nguồn ảnh|nguồn|photo)\s*:\s*[^)\].]{0,60}[\)\]]?\.?\s*$", re.I
)
_LEAD_CREDIT = re.compile(r"^\s*\((?:VOV\d?|TTXVN|VNA|Chinhphu\.vn|Dân trí)\)\s*[-–]\s*", re.I)
_ANTD = re.compile(r"^\s*[A-ZĐ]{2,6}\s*[-–]\s+")
# "…Viet Nam-Kazakhstan hinh anh 1Tổng thống": a slug and "ảnh 1" glued before a caption.
_IMAGE_GLUE = re.compile(rf"^.*?(?:hình ảnh|hinh anh|ảnh|anh)\s?\d+\s?(?=[{UPPER_CLASS}])")
_GLUED_WORDS = re.compile(rf"(?<=[a-zà-ỹđ]{{3}})(?=[{UPPER_CLASS}][a-zà-ỹđ])")
_MISSING_SPACE = re.compile(rf"(?<=[a-zà-ỹđ]{{2}}[.;!?])(?=[{UPPER_CLASS}])")


@dataclass
class _Header:
    published: str | None = None
    url: str | None = None
    credit: str | None = None  # "TTXVN/Vietnam+" of a byline "Việt Đức (TTXVN/Vietnam+)| 20/08/2023 10:22"


def _iso_from_dmy(day: str, month: str, year: str) -> str | None:
    d, m = int(day), int(month)
    if 1 <= d <= 31 and 1 <= m <= 12:
        return f"{int(year):04d}-{m:02d}-{d:02d}"
    return None


def _date_line(line: str) -> tuple[str, str, str] | None:
    """The day, month and year of a line that is a page's date and nothing else (a weekday's,
    a stamp with its time, the date alone, the month in words), or None."""
    if m := _WEEKDAY_STAMP.match(line):
        return m.group(1), m.group(2) or m.group(3), m.group(4)
    if m := _DATE_ONLY.match(line):
        return m.group(1), m.group(2) or m.group(4), m.group(5)
    if m := _WORDED_DATE.match(line):
        return m.group(2), str(_MONTH_WORDS[m.group(1).lower()]), m.group(3)
    if (m := _STAMP.search(line)) and len(line) < 90:
        day, month, year = [g for g in m.groups() if g][:3]
        return day, month, year
    return None


def _read_header(lines: list[str]) -> tuple[_Header, list[str]]:
    """Take metadata off the first lines; return it and the remaining lines."""
    header = _Header()
    body: list[str] = []
    seen_text = 0
    for line in lines:
        if seen_text < 8:
            if m := _URL_LINE.match(line):
                header.url = m.group(1)
                continue
            if m := _DATE_LINE.match(line):
                value = m.group(1)
                if re.fullmatch(_ISO, value):
                    header.published = header.published or value
                continue
            if m := _DATE_MARK.match(line):
                header.published = header.published or m.group(1)
                line = line[m.end():]
            elif (day := _date_line(line)) is not None:
                iso = _iso_from_dmy(*day)
                if iso and not header.published:
                    header.published = iso
                if (credit := _BYLINE_CREDIT.search(line)) and not header.credit:
                    header.credit = credit.group(1).strip()
                continue
        if line.strip():
            seen_text += 1
        body.append(line)
    return header, body


def _trim(line: str) -> str:
    """The line without spaces and bars at either end (a regular expression anchored at the end
    took time quadratic in a run of spaces inside the line)."""
    start, end = 0, len(line)
    while start < end and (line[start].isspace() or line[start] == "|"):
        start += 1
    while end > start and (line[end - 1].isspace() or line[end - 1] == "|"):
        end -= 1
    return line[start:end]
# The agency or paper a byline or a lead names: "(TTXVN/Vietnam+)| 20/08/2023", "(VOV5) - Nhân dịp ..."
_BYLINE_CREDIT = re.compile(r"\(([^()\d]{2,30})\)\s*\|")
_LEAD_MARK = re.compile(r"^\s*\(([^()\d]{2,20}|VOV\d)\)\s*[-–]")
# A headline: a line of a few words that is not a sentence (no full stop) nor a caption
_HEADLINE_END = re.compile(r"[.!?…:;]$")


def _outlet(url: str | None, credit: str | None) -> str | None:
    """The outlet of an article: its URL's host without ``www.`` ("vietnamplus.vn"), else the
    credit its byline or lead gives ("TTXVN/Vietnam+", "VOV5")."""
    if url and (m := re.match(r"^[a-z][a-z0-9+.-]*://([^/?#:]+)", url.strip(), re.I)):
        host = m.group(1).lower().rstrip(".")
        return host[4:] if host.startswith("www.") else host
    return credit


def _headline(body: list[str]) -> str | None:
    """The article's headline: its first line when that line reads as one (4 to 40 words, no
    closing full stop, not a photo's caption), after at most one short label ("Đối ngoại")."""
    for line in body[:2]:
        words = line.split()
        if 4 <= len(words) <= 40 and not _HEADLINE_END.search(line) and not re.search(r"\bẢnh\b", line):
            return line
        if len(words) >= 4:
            return None  # the article opens on a sentence: it has no headline here
    return None


def _clean_line(line: str) -> str:
    line = _trim(line)
    line = _IMAGE_GLUE.sub("", line)
    line = _LEAD_CREDIT.sub("", line)
    line = _ANTD.sub("", line) if re.match(r"^\s*ANTĐ\s*[-–]", line) else line
    line = _PHOTO_CREDIT.sub("", line)
    line = _GLUED_WORDS.sub(" ", line)
    line = _MISSING_SPACE.sub(" ", line)
    line = _trim(line)
    return re.sub(r"[ \t]+", " ", line).strip()


def _undouble(line: str) -> str:
    """'X X' (a heading printed twice on one line) becomes 'X'."""
    half = len(line) // 2
    for cut in (half, half + 1, half - 1):
        left, right = line[:cut].strip(), line[cut:].strip()
        if left and left == right:
            return left
    return line


# A box of links a page may put in the middle of an article ("TIN LIÊN QUAN", then a few
# headlines): the article goes on after it when prose follows.
_INLINE_BOX = re.compile(r"^(tin bài liên quan|tin liên quan|bài viết liên quan|đọc thêm|xem thêm)\s*:?\s*$", re.I)
_BOX_LINES = 8  # the most headlines such a box holds
_PROSE = re.compile(r"[.?!:…]\W*$")


def _prose(line: str) -> bool:
    """A line of the article's text: a sentence or more of at least 20 words, ended as one."""
    return len(line.split()) >= 20 and bool(_PROSE.search(line))


def _after_box(lines: list[str], start: int) -> int | None:
    """Where the article goes on after a box of links that opens at ``start`` (the box's
    headlines run to the first blank line; then at least two lines of prose come before any
    other marker), or None: the marker ends the article."""
    end = start + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    if end - start - 1 > _BOX_LINES:
        return None
    prose = 0
    for raw in lines[end:end + 12]:
        line = raw.strip()
        if _END_MARKERS.match(line):
            break
        prose += _prose(line)
    return end if prose >= 2 else None


def body_lines(lines: list[str]) -> tuple[list[str], int]:
    """The article body: furniture dropped, cut at the first end-of-article marker (a box of
    links in the middle of the text, with prose after it, is skipped)."""
    kept: list[str] = []
    seen: set[str] = set()
    dropped = 0
    at = 0
    while at < len(lines):
        raw = lines[at]
        at += 1
        line = raw.strip()
        if _END_MARKERS.match(line) and kept:
            goes_on = _after_box(lines, at - 1) if _INLINE_BOX.match(line) else None
            if goes_on is None:
                dropped += 1
                break
            dropped += goes_on - at + 1
            at = goes_on
            continue
        if _CREDIT_LINE.match(line) and kept:
            break
        marked = _LIST_MARK.match(line)
        if marked and len(line[marked.end():].split()) >= 4:
            line = line[marked.end():]  # an item of a list: "1. Bản ghi nhớ giữa ...", "• Hiệp định ..."
        if _DROP_LINE.match(line):
            dropped += 1 if line else 0
            continue
        line = _undouble(_clean_line(line))
        if not line or line in seen:
            dropped += 1
            continue
        seen.add(line)
        if kept and _wrapped(kept[-1], line):
            kept[-1] = f"{kept[-1]} {line}"  # a sentence the page broke over lines
            continue
        kept.append(line)
    return kept, dropped


# Words a sentence does not end on: a line that ends on one goes on in the next ("Hai" /
# "Ngoại trưởng trao đổi ..."), as does one followed by a line that opens in lower case.
_GOES_ON = re.compile(r"(?:^|\s)(?:và|của|với|các|những|hai|Hai|đã|sẽ|là|cho|tại|ở|từ|về|trong|giữa|cùng)$")


# A sentence that opens on its day ("Ngày 16/2 vừa qua, ..."): no headline, and unfinished
# until its full stop.
_DATED_LEAD = re.compile(r"^(?:Vào\s+)?(?:[Nn]gày|Sáng|Chiều|Tối|Trưa|Đêm|Hôm nay)(?:\s+ngày)?\s+\d{1,2}/\d{1,2}[^,]{0,30},")


def _wrapped(line: str, following: str) -> bool:
    """Whether ``following`` carries on the sentence ``line`` leaves unfinished."""
    if re.search(r"[.!?…:;\"”)]$", line):
        return False
    return bool(re.match(r"[^\W\d_]", following) and following[0].islower()) or bool(_GOES_ON.search(line)) \
        or bool(_DATED_LEAD.match(line))


# ---------------------------------------------------------------- sentences

# Tokens after which a full stop does not end a sentence ("TP. Hồ Chí Minh", "K. Tokayev").
_ABBREVIATIONS = {"tp", "st", "dr", "mr", "mrs", "ms", "gs", "ts", "pgs", "ths", "ng", "v.v", "no"}
# An initial: one capital, or a Latin digraph that transliterates one Cyrillic letter ("Sh.
# Mirziyoyev", "Kh. Battulga", "Yu. Ushakov")
INITIAL = r"(?:[A-ZĐ]|[CKSTZ]h|Y[aeou])\."
_SPLIT = re.compile(rf"(?<=[.!?…])[\"”’)]?\s+(?=[\"“(]?[{UPPER_CLASS}0-9])")
# "./." closes a Vietnamese news article; text glued after it ("hai nước./.Chiều 3/3") is a new sentence.
_CLOSING_MARK = re.compile(r"(?<=\.)/\.\s*")


# The longest sentence the extractor is given: a longer one is cut at its last ';', ',' or space
# before this length. The longest of the shared corpora has 933 characters; the extractor's work
# on one sentence grows faster than its length (each trigger looks at its clause), so a page of
# one sentence repeating a clause 5,000 times took minutes, where cut it takes a second.
MAX_SENTENCE = 2_000


def _bounded(sentence: str) -> list[str]:
    """A sentence in pieces of at most MAX_SENTENCE characters, cut where a clause or a word ends."""
    pieces = []
    while len(sentence) > MAX_SENTENCE:
        window = sentence[:MAX_SENTENCE]
        cut = max(window.rfind(";"), window.rfind(","))
        cut = cut + 1 if cut > MAX_SENTENCE // 2 else window.rfind(" ") if window.rfind(" ") > 0 else MAX_SENTENCE
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [p for p in [*pieces, sentence] if p]


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, not on initials, "TP." or dates."""
    paragraph = _CLOSING_MARK.sub(" ", paragraph).strip()
    pieces: list[str] = []
    start = 0
    for m in _SPLIT.finditer(paragraph):
        before = paragraph[max(start, m.start() - 64):m.start()].rstrip()  # its last word is all we need
        last_word = re.split(r"[\s(]", before)[-1] if before else ""
        token = last_word.rstrip(".").casefold()
        if len(token) == 1 and token.isalpha() or re.fullmatch(INITIAL, last_word):  # "B. Elvira", "Sh. Mirziyoyev"
            continue
        if token in _ABBREVIATIONS:
            continue
        pieces.extend(_bounded(paragraph[start:m.start()].strip()))
        start = m.end()
    pieces.extend(_bounded(paragraph[start:].strip()))
    return pieces


def parse_article(text: str, stem: str, path: str = "") -> Article:
    """Text of one article to an :class:`Article`."""
    text = normalise_text(page_text(text))
    header, lines = _read_header(text.split("\n"))
    body, dropped = body_lines(lines)
    sentences: list[Sentence] = []
    for paragraph in body:
        for piece in split_sentences(paragraph):
            sentences.append(Sentence(len(sentences), piece))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    credit = header.credit or next((m.group(1).strip() for line in lines[:12] if (m := _LEAD_MARK.match(line))), None)
    return Article(
        stem=stem,
        path=path or stem,
        published=header.published,
        url=header.url,
        sentences=tuple(sentences),
        content_hash=digest,
        skipped_lines=dropped,
        headline=_headline(body),
        outlet=_outlet(header.url, credit),
    )


def read_article(path: Path) -> Article:
    """Read and parse one article file; raise :class:`ArticleError` when it is not one."""
    try:
        data = read_limited(path, MAX_ARTICLE_BYTES)
    except OSError as exc:
        raise ArticleError(str(path), f"cannot be read ({exc.strerror})") from None
    text = decode(data, str(path))
    article = parse_article(text, path.stem, str(path))
    if not article.sentences:
        raise ArticleError(str(path), "no article text left after removing page furniture")
    return article
