"""Reading people: titles ("Phó Thủ tướng, Bộ trưởng Ngoại giao"), names (Vietnamese and
foreign), and the state each person serves.

A Vietnamese name is a surname from a closed list followed by one to three capitalised
syllables ("Lê Thị Thu Hằng"). A foreign name is a run of capitalised tokens of which at least
one cannot be a Vietnamese syllable ("Kassym-Jomart Tokayev", "Chan Foong Hin", "B. Elvira").
Titles come from a list of heads ("Thứ trưởng") followed by the tail that names the body and
state ("Bộ Ngoại giao Cộng hòa Kyrgyzstan"); a person's title is the text between the nearest
head on the left and the name, or an apposition on the right ("ông X, Chủ tịch ...").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .gazetteer import Gazetteer, GazetteerMatch
from .lexicon import lexicon
from .reader import INITIAL as _INITIAL
from .reader import UPPER_CLASS
from .syllables import is_capitalised, is_vietnamese_syllable

SURNAMES = frozenset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lương
    Trương Vương Uông Tô Đào Đoàn Hà Mai Trịnh Lâm Chu Tạ Cao Quách Thái Kiều Phùng Lại Văn
    Hứa Tăng Lưu Mạc Nghiêm Khổng Triệu Thân Tống Giang Âu Diệp Từ Lục Mẫn Châu Kim Ninh Cù
    Doãn Hầu Khúc Lạc Phó Tôn Thạch Viên Yên Bế Chế Đàm Giáp Lò Lục Nông Quan Sầm Tiêu
    Bạch Bành Đồng Hàn Khương Khúc Lã Lữ Mã Mạch Ôn Phí Phương Quản Tào Thi Trình Vi Xa
    Tập Tôn Tiền Mạnh Nhậm Cố Hạ Lật Tần Ngụy Đổng Tưởng Thẩm Khâu Diêm Hác Mao Hồng Hùng""".split()
    # the last line: Sino-Vietnamese forms of Chinese surnames ("Tập Cận Bình")
)

# Title heads, their kinds and the states some name, from the word list: "Chủ tịch" alone is a
# head too (its tail names the body: "Chủ tịch Hạ viện", "Chủ tịch VUFO"), the longest wins.
_HEAD_ENTRIES = lexicon("title_heads")
TITLE_HEADS = [e.phrase for e in _HEAD_ENTRIES]
# ... and each office's deputy: "Phó Thứ trưởng", "Phó Đại sứ", "Phó Thống đốc"
TITLE_HEADS += [f"Phó {e.phrase}" for e in _HEAD_ENTRIES
                if e["kind"] == "office" and not e.phrase.startswith("Phó ") and f"Phó {e.phrase}" not in TITLE_HEADS]
# Military ranks: a title, unless the office follows the name ("Đại tướng X, Bộ trưởng ...").
RANKS = frozenset(e.phrase for e in _HEAD_ENTRIES if e["kind"] == "rank")
# The surnames above that are Chinese only: a name with one is never a Vietnamese official's.
CHINESE_SURNAMES = frozenset("Tập Lật Tần Ngụy Đổng Tưởng Thẩm Khâu Diêm Hác Mao Nhậm".split())
# Heads that name an office of one state whatever the tail says: Viet Nam's ("Tổng Bí thư"),
# the Holy See's ("Giáo hoàng").
HEAD_STATES = {e.phrase: e["state"] for e in _HEAD_ENTRIES if e["state"] != "-"}
VIETNAMESE_HEADS = frozenset(h for h, state in HEAD_STATES.items() if state == "VN")
# Heads that never introduce a named person on their own ("Lãnh đạo Kazakhstan").
ROLE_ONLY_HEADS = frozenset(e.phrase for e in _HEAD_ENTRIES if e["kind"] == "role")

# Words of address before a name: "ông X", "bà Y", "Ngài Z", "đồng chí W", "Đức ông V" (the
# word list's "address" entries, as written and with a capital).
_ADDRESS_WORDS = [e.phrase for e in lexicon("honorifics") if e["use"] == "address"]
_HONORIFIC = "(?:" + "|".join(
    r"\s+".join(map(re.escape, w.split()))
    for w in sorted({*_ADDRESS_WORDS, *(w[0].upper() + w[1:] for w in _ADDRESS_WORDS)}, key=lambda w: (-len(w), w))
) + ")"
# Honorifics and styles foreign names are written with, which are no part of the name:
# Cambodian ("Samdech Techo Hun Sen"), Malay ("Tan Sri", "Dato' Seri"), Burmese ("U", "Daw"),
# Arab ("Sheikh"), ... (the word list's "style" entries, matched as written).
_FOREIGN_HONORIFIC = "(?<![\\w'’])(?:" + "|".join(
    r"\s+".join(map(re.escape, e.phrase.split()))
    for e in sorted(lexicon("honorifics"), key=lambda e: (-len(e.phrase), e.phrase)) if e["use"] == "style"
) + ")"
_HONORIFIC_FIRST = re.compile(_FOREIGN_HONORIFIC + r"\s+")
# Styles written after the name ("Hassanal Bolkiah Mu'izzaddin Waddaulah"), cut with what follows
_STYLE_AFTER = re.compile(r"\s+(?:" + "|".join(
    r"\s+".join(map(re.escape, e.phrase.split())) for e in lexicon("honorifics") if e["use"] == "after"
) + r")(?![\w])[^,;.:()]*")
# Lower-case particles inside foreign names ("Akma binti Ngah Hamid").
_NAME_PARTICLES = {"bin", "binti", "bte", "al", "de", "van", "von", "der", "da", "dos", "das", "do", "du", "del",
                   "la", "le", "della", "dalla", "delle", "degli"}
# Capitalised Vietnamese words that open body names; they never start a foreign name.
_BODY_WORDS = frozenset(
    """Bộ Ngoại Nông Ủy Ủy Ban Cục Hội Quốc Chính Tổng Liên Thương Công Đầu Văn Giáo Khoa Kinh
    Lao Tài Tư Nội Y Xây Giao Thông An Phát Dịch Thú Hồi Gia Phụ Phó Thủ Chủ Đại Trưởng Nhà
    Nước Cộng Hạ Thượng Viện Nghị Hữu Nhân Việt Nam Trung Á Âu Phu Ông Bà Ngài Đoàn Thư Ký Lễ
    Vụ Sở Sân Cung Phủ Tòa Học Trường Tập Đảng Mặt Thành Tỉnh Thủ Hiệp Phong Diễn Tuần Lãnh
    Hoàng Thái Các Những Theo Tại Trong Nhận Ngày Sau Trước Về Với Đây Hai Ba Ảnh Xin Tôi
    Chiều Sáng Tối Trưa Khi Cùng Đón Tiếp Thay Ngoài Riêng Năm Tháng Người Đặc""".split()
)

# Words that go on naming an institution after a foreign word ("Đại Hural Nhà nước",
# "Khural Quốc gia", "Majlis Nghị viện").
_INSTITUTION_WORDS = frozenset({"Nhà", "Quốc", "Viện", "Nghị", "Hội"})


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


_TOKEN = re.compile(r"[^\s,;:()\[\]{}“”\"!?|/…]+")


def tokenize(text: str) -> list[Token]:
    tokens = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        start, end = m.start(), m.end()
        # a full stop that ends a sentence or clause is not part of the word
        while word.endswith(".") and not re.fullmatch(_INITIAL, word) and len(word) > 1:
            word, end = word[:-1], end - 1
        cut = _glued_at(word)
        if cut:  # "Thủ tướng Kim Yêng Incảm ơn": a page that lost a space
            tokens += [Token(word[:cut], start, start + cut), Token(word[cut:], start + cut, end)]
            continue
        tokens.append(Token(word, start, end))
    return tokens


def _glued_at(word: str) -> int:
    """Where a capitalised syllable runs into a lower-case Vietnamese word that opens with a
    consonant ("Incảm": "In" + "cảm"), or 0."""
    if not (word[:1].isupper() and word[1:].islower()) or len(word) < 4 or not _vietnamese_word(word):
        return 0
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if unicodedata.normalize("NFD", tail)[0] in "aeiouy" or not _vietnamese_word(tail):
            continue
        if head.isascii() and is_vietnamese_syllable(head) and is_vietnamese_syllable(tail):
            return cut
    return 0


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    text: str
    vietnamese: bool


@dataclass(frozen=True)
class PersonMention:
    """A person named in a sentence, with the title and state read around the name."""

    name: str
    start: int
    end: int
    title: str | None
    state: str | None
    vietnamese_name: bool
    title_start: int  # where the title (or the name, without one) begins
    # the state is Viet Nam only because the title is one of its offices ("Tổng Bí thư"), which
    # other states have too ("Tổng Bí thư, Chủ tịch Tập Cận Bình", told after "... Trung Quốc")
    assumed_state: bool = False


@dataclass(frozen=True)
class RoleMention:
    """A title without a name ("Tổng thống Kazakhstan", "Lãnh đạo Kazakhstan")."""

    head: str
    title: str
    state: str | None
    start: int
    end: int


def _sentence_case(head: str) -> str:
    """"Phó Thủ tướng" as some pages write it: "Phó thủ tướng"."""
    return head[0] + head[1:].lower()


def _head_pattern(head: str) -> str:
    """A head's first letter as written, the rest in any case: "Tổng thống" also reads "Tổng
    Thống" (older and overseas pages), "Phó thủ tướng", but not "tổng thống" (running text)."""
    return re.escape(head[0]) + "(?i:" + r"\s+".join(map(re.escape, head[1:].split(" "))) + ")"


# A head as the text writes it, case folded -> as the word list does
_HEAD_FORMS = {h.casefold(): h for h in TITLE_HEADS}
_HEAD_RE = re.compile(
    r"(?<![\w])(" + "|".join(_head_pattern(h) for h in sorted(set(TITLE_HEADS), key=len, reverse=True))
    + r")(?![\w])"
)
_CAPITALISED_BEFORE = re.compile(rf"[{UPPER_CLASS}][\w-]*\s+$")


# "nhân dịp", "nhân kỷ niệm": the occasion, which ends a title; not "nhân dân" ("Đại hội đại
# biểu nhân dân toàn quốc")
_ON_AN_OCCASION = r"nhân(?=\s+(?:dịp|kỷ niệm|chuyến|ngày|lễ))"
_GAP_STOP = re.compile(
    r"(?<![\w])(đã|sẽ|đang|vừa|là|có|tiếp|gặp|thăm|hội đàm|hội kiến|điện đàm|gửi|cho|với|"
    r"khẳng định|nhấn mạnh|bày tỏ|chúc|cảm ơn|đề nghị|mời|đến|tới|từ|vào|ngày|trong|khi|"
    + _ON_AN_OCCASION + "|"
    r"được|và các|cùng|ra|đón|sau|trước|nhằm|để|này|đó|hai|các nước|"
    r"kêu gọi|đề xuất|nhất trí|hoan nghênh|thúc đẩy|tăng cường|cho biết|phát biểu)(?![\w])"
)


def _masked(spans: list[GazetteerMatch], start: int, end: int) -> GazetteerMatch | None:
    for s in spans:
        if s.start < end and start < s.end:
            return s
    return None


def _vietnamese_end(tokens: list[Token], i: int, text: str) -> int:
    """Where a Vietnamese name that starts at token ``i`` (a surname) ends: up to three
    capitalised syllables after it, one space apart."""
    j = i + 1
    while (
        j < len(tokens) and j - i <= 3 and is_capitalised(tokens[j].text)
        and is_vietnamese_syllable(tokens[j].text)
        and text[tokens[j - 1].end:tokens[j].start] == " "
    ):
        j += 1
    return j


def find_name_spans(text: str, places: list[GazetteerMatch]) -> list[NameSpan]:
    """Candidate person names in a sentence (not yet checked against titles)."""
    tokens = tokenize(text)
    spans: list[NameSpan] = []
    i = 0
    foreign_state_ends = {g.end for g in places if g.kind == "state" and g.code != "VN"}
    while i < len(tokens):
        tok = tokens[i]
        # Right after a foreign state's name, capitalised words are a name even when each could
        # be a Vietnamese syllable: "Thủ tướng Campuchia Hun Manet", "Chủ tịch Thượng viện
        # Campuchia Hun Sen".
        if i and tokens[i - 1].end in foreign_state_ends and text[tokens[i - 1].end:tok.start] == " " \
                and is_capitalised(tok.text) and tok.text not in _BODY_WORDS and not _is_acronym(tok.text) \
                and not _masked(places, tok.start, tok.end):
            # "Thủ tướng Campuchia Samdech Thipadei Hun Manet": the styles first, then the name
            style = _HONORIFIC_FIRST.match(text, tok.start)
            while style and (nxt := next((k for k in range(i, len(tokens)) if tokens[k].start == style.end()), None)) \
                    and nxt + 1 < len(tokens) and is_capitalised(tokens[nxt + 1].text):
                i, tok = nxt, tokens[nxt]  # (a style and one word is the name: "Sultan Ibrahim")
                style = _HONORIFIC_FIRST.match(text, tok.start)
            j, words = i, 0  # up to four words, and the particles between them ("Lula da Silva")
            while j < len(tokens) and words < 4 and tokens[j].text not in _BODY_WORDS \
                    and not _masked(places, tokens[j].start, tokens[j].end) \
                    and (j == i or text[tokens[j - 1].end:tokens[j].start] in (" ", ". ")):
                word = tokens[j].text
                if j > i and (after := _after_particles(tokens, j, text)):
                    j = after
                    continue
                if not (is_capitalised(word) or _is_initial(word) or (j > i and _JOINED_PARTICLE.fullmatch(word))):
                    break
                j, words = j + 1, words + 1
            # "Đảng Azerbaijan Mới Ilham Aliyev": the party's Vietnamese words are no part of the name
            while j - i > 2 and _vietnamese_word(tokens[i].text) and tokens[i].text not in SURNAMES and not any(
                    _vietnamese_word(t.text) for t in tokens[i + 1:j]) and any(_is_foreign(t.text) for t in tokens[i + 1:j]):
                i, tok = i + 1, tokens[i + 1]
            # a Vietnamese name runs on over words that also open bodies ("Trương Trọng Hữu Tuấn")
            if j - i >= 2 and not (tok.text in SURNAMES and _vietnamese_end(tokens, i, text) > j):
                start, end = tok.start, tokens[j - 1].end
                vietnamese = tok.text in SURNAMES and all(is_vietnamese_syllable(t.text) for t in tokens[i:j])
                spans.append(NameSpan(start, end, text[start:end], vietnamese))
                i = j
                continue
        # Vietnamese: surname + 1-3 capitalised syllables
        if tok.text in SURNAMES:
            j = _vietnamese_end(tokens, i, text)
            if j - i >= 2:
                start, end = tok.start, tokens[j - 1].end
                hit = _masked(places, start, end)
                if hit is not None and hit.start == start and hit.kind in ("state", "head"):
                    # a state's name that starts like a surname ("Hàn Quốc Trương Trọng Hữu Tuấn",
                    # "Thái Lan"): the state, and the name, if any, after it
                    while i < len(tokens) and tokens[i].start < hit.end:
                        i += 1
                    continue
                if hit is None or (hit.start >= start and hit.end <= end and hit.end - hit.start < end - start):
                    # a gazetteer name wins unless it sits inside a longer personal name
                    if hit is None or not (hit.start == start and hit.end >= end):
                        spans.append(NameSpan(start, end, text[start:end], True))
                        i = j
                        continue
        # Foreign: run of capitalised tokens, initials and particles with a non-Vietnamese token
        if (is_capitalised(tok.text) or _is_initial(tok.text)) and tok.text not in _BODY_WORDS \
                and not _is_acronym(tok.text):
            j = i
            foreign = False
            while j < len(tokens):
                t = tokens[j]
                if j > i and text[tokens[j - 1].end:t.start] not in (" ", ". ", ""):
                    break
                if _masked(places, t.start, t.end):
                    break
                if j > i and (after := _after_particles(tokens, j, text)):
                    j = after  # "Lula da Silva", "Ursula von der Leyen"
                    continue
                if j > i and _JOINED_PARTICLE.fullmatch(t.text):  # "Mohamed al-Menfi", "Abdel Fattah el-Sisi"
                    j += 1
                    foreign = True
                    continue
                if not (is_capitalised(t.text) or _is_initial(t.text)):
                    break
                if j > i and (t.text in _BODY_WORDS or _is_acronym(t.text)):
                    break
                if j > i and t.text in SURNAMES and _vietnamese_end(tokens, j, text) - j >= 3:
                    break  # "Tập đoàn MobiFone Nguyễn Văn Hùng": a Vietnamese name begins
                if _is_foreign(t.text):
                    foreign = True
                j += 1
            # one foreign word followed by a capitalised body word is a body's name, not a
            # person's: "Chủ tịch Đại Hural Nhà nước Mông Cổ ..."
            in_body = j - i == 1 and j < len(tokens) and tokens[j].text in _INSTITUTION_WORDS \
                and text[tokens[j - 1].end:tokens[j].start] == " "
            if foreign and j > i and not in_body:
                if j < len(tokens) and _REGNAL.fullmatch(tokens[j].text) and text[tokens[j - 1].end:tokens[j].start] == " ":
                    j += 1  # "Quốc vương Mohammed VI", "Vua Charles III": the number is the name's
                start, end = tok.start, tokens[j - 1].end
                spans.append(NameSpan(start, end, text[start:end], False))
                i = j
                continue
        i += 1
    return spans


_JOINED_PARTICLE = re.compile(r"(?:al|el|ad|ash|as|at|az|ibn|abu|abd|de|di|du|da|la|le)-[A-ZĐ][\w’'-]*")
_REGNAL = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{0,3})")


def _after_particles(tokens: list[Token], j: int, text: str) -> int:
    """Where the name goes on after the particles at ``j`` ("von der" in "Ursula von der
    Leyen"): the capitalised word after one or two of them, or 0."""
    k = j
    while k < len(tokens) and k - j < 2 and tokens[k].text in _NAME_PARTICLES \
            and text[tokens[k].end:tokens[k].end + 1] == " ":
        k += 1
    return k if k > j and k < len(tokens) and is_capitalised(tokens[k].text) else 0


def _vietnamese_word(token: str) -> bool:
    """A word only Vietnamese writes ("Mới", "Thống", "Đảng"): a horn, a dot below, a hook above,
    a breve, "đ", or two marks on one letter; "José", "Müller", "Łukasz" are none."""
    decomposed = unicodedata.normalize("NFD", token)
    if any(c in decomposed for c in "\u031b\u0323\u0309\u0306đĐ"):
        return True
    return any(unicodedata.combining(a) and unicodedata.combining(b) for a, b in zip(decomposed, decomposed[1:]))


def _is_acronym(token: str) -> bool:
    """"VUFO", "DVS", "PH": an organisation's acronym, never part of a personal name."""
    return len(token) >= 2 and token.isupper() and not re.fullmatch(r"[A-ZĐ]\.", token)


def _is_initial(token: str) -> bool:
    return bool(re.fullmatch(_INITIAL + r"(?:[A-ZĐ][\w’'-]+)?", token))


def _is_foreign(token: str) -> bool:
    if re.search(r"\d", token):
        return False
    if _is_initial(token) or "-" in token or "’" in token or "'" in token:
        return True
    return not is_vietnamese_syllable(token)


# Before a head, words that make it the name of a place or an office, not a person's title:
# "tại Phủ Chủ tịch" (the Presidential Palace), "Văn phòng Chủ tịch nước", "Dinh Thủ tướng".
# "Chủ tịch Hội đồng Bộ trưởng" (the Council of Ministers), "Hội nghị Bộ trưởng Ngoại giao
# ASEAN" (a meeting of ministers): a head inside a body's or an event's name.
_PLACE_OF_HEAD = re.compile(r"(?:Phủ|Dinh|Văn phòng|Nhà khách|Trụ sở|Hội đồng|Hội nghị)\s+$")
# "viếng Lăng Chủ tịch Hồ Chí Minh", "Bảo tàng Chủ tịch X", "đường mang tên X": a leader
# remembered, or a place named for one, is no one taking part in what the article tells.
_IN_MEMORY = re.compile(r"(?<![\w])(?:[Ll]ăng|[Vv]iếng|tưởng niệm|[Tt]ượng đài|Bảo tàng|Khu di tích|Đền thờ|mang tên"
                        r"|Quảng trường|[Đđ]ường|phố)\s+$")


def find_heads(text: str) -> list[tuple[int, int, str]]:
    heads = []
    for m in _HEAD_RE.finditer(text):
        written = " ".join(m.group(1).split())
        head = _HEAD_FORMS.get(written.casefold(), written)
        if written not in (head, _sentence_case(head)) and _CAPITALISED_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "Trung Quốc Vương Nghị": a name's words, not "Quốc Vương" (a king)
        if not _PLACE_OF_HEAD.search(text, max(0, m.start() - 12), m.start()):
            heads.append((m.start(), m.end(), head))
    return heads


def _names_a_foreign_state(text: str, gazetteer: Gazetteer) -> bool:
    return any(st.code != "VN" for st in gazetteer.states(re.split(r"\btại\b", text)[0]))


def _gap_ok(gap: str) -> bool:
    if len(gap) > 100 or re.search(r"[.;:!?]", gap):
        return False
    return _GAP_STOP.search(gap.replace("ngài", "")) is None or bool(
        re.fullmatch(r"[^,]*\btại\b[^,]*", gap)
    )


def _title_left(text: str, name: NameSpan, heads: list[tuple[int, int, str]],
                names: list[NameSpan], gazetteer: Gazetteer) -> tuple[int, str] | None:
    """The title written before a name: nearest head, extended over "HEAD, HEAD ..."."""
    candidates = [h for h in heads if h[1] <= name.start]
    if not candidates:
        return None
    start, end, head = candidates[-1]
    gap = text[end:name.start]
    if re.search(r"(?<![\w])và\s+" + _HONORIFIC + r"\s*$", gap):
        return None  # "bà X, Đại sứ New Zealand và ông Y": another person's title
    if gap.count(")") > gap.count("("):
        return None  # "(Chủ tịch Nhân đại-Chủ tịch Quốc hội) X": a gloss in brackets, not X's title
    gap_clean = re.sub(r"(?:(?:,\s*)?(?:" + _HONORIFIC + "|" + _FOREIGN_HONORIFIC + r")\s*)+$", " ", gap)
    if any(n.start >= end and n.end <= name.start for n in names):
        return None
    if "," in gap and any(re.fullmatch(r"\s*,\s*", text[n.end:start]) for n in names if n.end <= start):
        return None  # "Ngài A, Chủ tịch nước X, Ngài B, Quốc vương Y": A's title, told after A's name
    if not _gap_ok(gap_clean) and not re.fullmatch(r"[^.;:]*\btại\b[^.;:]*", gap_clean):
        return None
    if re.search(r"[.;:!?]", gap_clean) or len(gap_clean) > 110:
        return None
    first = start
    for prev in reversed(candidates[:-1]):
        if head in VIETNAMESE_HEADS and prev[2] not in VIETNAMESE_HEADS:
            break  # "Tiếp Đại sứ Maroc, Chủ tịch nước X ...": the title before is another's
        between = text[prev[1]:first]
        crosses = any(n.start >= prev[1] and n.end <= first for n in names)
        if name.vietnamese and name.text.split()[0] not in CHINESE_SURNAMES \
                and _names_a_foreign_state(between, gazetteer) \
                and not _names_a_foreign_state(text[start:name.start], gazetteer):
            break  # "... X làm Bộ trưởng Ngoại giao Hàn Quốc, Phó Thủ tướng Lê Y": the office before is X's
        # "Phó Thủ tướng, Bộ trưởng Ngoại giao"; "Phó Thủ tướng kiêm Bộ trưởng Ngoại giao" (concurrently)
        joined = re.fullmatch(r"[^.;:()]{0,60}(?:,|\s+kiêm|\s+[-–])\s*", between)
        if not crosses and joined and not _GAP_STOP.search(between):
            first = prev[0]
        else:
            break
    title = re.sub(r"[\s,]+$", "", text[first:start] + text[start:end] + gap_clean)
    return first, title.strip()


# "ông X, Ủy viên Bộ Chính trị, Ngoại trưởng Trung Quốc, ...": the title after the name, past
# the party offices before it
_APPOSITION = re.compile(r"^\s*,\s*(?:Ủy viên[^,;.:]{0,90},\s*){0,3}(" + _HEAD_RE.pattern + r"[^;.:]*)")
_APPOSITION_STOP = re.compile(
    r"\s+(?:bày tỏ|nhấn mạnh|khẳng định|cho biết|nói|phát biểu|tiếp|đã|sẽ|là|được|mong|đề nghị|"
    r"chúc mừng|cảm ơn|đánh giá|làm|dẫn đầu|ký|ký kết|trao|chứng kiến|hội đàm|hội kiến|điện đàm|gặp|thăm|"
    r"đến|sang|" + _ON_AN_OCCASION + r"|trước khi|sau khi|để|nhằm)(?![\w]).*$"
    r"|\s+và\s+(?=" + _HEAD_RE.pattern + r").*$"  # "..., Bộ trưởng X và Đại tướng Y": the next person
    r"|\s+và\s+" + _HONORIFIC + r"\s.*$"
    r"|\s*,\s*" + _HONORIFIC + r"\s.*$"  # "..., Ngài Y, Quốc vương ...": the next person
    # "..., Bộ trưởng Ngoại giao Đức, nhân dịp bà thăm ...": a clause, not another title
    rf"|\s*,\s*(?![{UPPER_CLASS}])(?=[^\W\d_]).*$"
)


def _title_right(text: str, name: NameSpan) -> str | None:
    after = _STYLE_AFTER.match(text, name.end)
    m = _APPOSITION.match(text[after.end() if after else name.end:])
    if not m:
        return None
    return _APPOSITION_STOP.sub("", m.group(1)).strip(" ,")


def _state_in(text: str, gazetteer: Gazetteer) -> str | None:
    """The state a title names: the first state, or for "Đại sứ X tại Y" the X."""
    before_tai = re.split(r"\btại\b", text)[0]
    for part in (before_tai, text):
        states = gazetteer.states(part)
        if states:
            # "Tổng thống nước Cộng hòa Bolivia Venezuela": of two names side by side, the first
            # qualifies the second, which is the state
            first = 0
            while first + 1 < len(states) and not part[states[first].end:states[first + 1].start].strip():
                first += 1
            return states[first].code
    return gazetteer.body_state(before_tai)  # "Thủ tướng Quốc vụ viện": the state of the body


def find_people(text: str, gazetteer: Gazetteer, known: set[str] | None = None
                ) -> tuple[list[PersonMention], list[RoleMention]]:
    """People and unnamed roles in one sentence.

    ``known`` holds names already read in the article: a known name counts without a title.
    """
    masks = gazetteer.states(text) + gazetteer.places(text) + gazetteer.organisations(text) + gazetteer.regions(text)
    heads = find_heads(text)
    # a head is no part of a name ("Vua Harald", "Phó Trưởng Ban Trần Thị Lan": "Phó" opens names too)
    masks += [GazetteerMatch("head", "", s, e, h) for s, e, h in heads]
    # "4 Phó Thống đốc tỉnh": a title ("Thống đốc") inside what looks like a name is no name
    names = [n for n in find_name_spans(text, masks) if not any(n.start < e and s < n.end for s, e, _ in heads)]
    names = [_without_honorific(text, _after_region(text, n)) for n in names]
    names = [n for n in map(lambda n: _after_place(text, n), names) if n is not None and not _fragment(n)]
    # "Tổng Giám đốc Viettel Tào Đức Thắng": one foreign word right before a name is a body's
    names = [n for i, n in enumerate(names)
             if not (i + 1 < len(names) and not n.vietnamese and len(n.text.split()) == 1
                     and text[n.end:names[i + 1].start] == " ")]
    # "Tập đoàn Boeing", "bang Victoria": one word after such a word is the body's or the place's name
    names = [n for n in names if n.vietnamese or len(n.text.split()) > 1 or not _REGION_WORD.search(text, 0, n.start)]
    people: list[PersonMention] = []
    used_heads: set[int] = set()
    for name in names:
        if re.search(r"(?:Cộng hòa|CH|Vương quốc|Liên bang)\s+$", text[max(0, name.start - 12):name.start]):
            continue  # a state's name (perhaps cut short), not a person
        left = _title_left(text, name, heads, names, gazetteer)
        if _IN_MEMORY.search(text, max(0, (left[0] if left else name.start) - 20), left[0] if left else name.start):
            continue
        before = text[max(0, name.start - 12):name.start]
        honorific = bool(re.search(r"(?<![\w])" + _HONORIFIC + r"\s*$", before))
        # "Đại tướng X, Bộ trưởng ...", "đồng chí Hồng Tiểu Dũng, Đại sứ ...": the title after the name
        right = None if left and left[1] not in RANKS else _title_right(text, name)
        if right is not None and not honorific:
            # "tại Điện Élysée, Đại sứ ... Đinh Toàn Thắng": a place, and the title is the next
            # person's, who is named in it
            at = text.find(right, name.end)
            if re.search(r"(?:tại|ở|đến|tới|từ)\s+$", text[max(0, name.start - 6):name.start]) or any(
                    at <= n.start < at + len(right) for n in names if n is not name):
                right = None
        if left and right:  # "Đại tướng Chansamone Chanyalath, Phó Thủ tướng, Bộ trưởng ...": the office
            left = None
        title = left[1] if left else right
        if left and re.search(r"(?:phu nhân|Phu nhân)\s*$", text[max(0, left[0] - 12):left[0]]):
            continue  # "phu nhân Chủ tịch Quốc hội Hàn Quốc Han Myeong Hee": the officeholder's wife
        if title and re.sub(r"[\s,]", "", title) in {h.replace(" ", "") for h in ROLE_ONLY_HEADS}:
            title = None
        if title is None and not honorific and not (known and _known(name.text, known)):
            continue
        if not name.vietnamese and title is None and len(name.text.split()) == 1 and not known:
            continue
        state = _state_in(title, gazetteer) if title else None
        # "Tổng Bí thư, Chủ tịch nước Tập Cận Bình": an office Viet Nam has too, held by a
        # Chinese name, is no Vietnamese one
        chinese = name.text.split()[0] in CHINESE_SURNAMES
        assumed = state is None and title is not None and not chinese \
            and any(title.startswith(h) for h in VIETNAMESE_HEADS)
        if assumed:
            state = "VN"
        fixed = next((st for h, st in HEAD_STATES.items() if st != "VN" and title and title.startswith(h)), None)
        if fixed and state is None:
            state = fixed  # "Đức Giáo hoàng X": the Holy See's
        if left:
            used_heads.add(left[0])
        people.append(
            PersonMention(
                name=_clean_name(name.text), start=name.start, end=name.end, title=title,
                state=state, vietnamese_name=name.vietnamese and not chinese,
                title_start=left[0] if left else name.start, assumed_state=assumed,
            )
        )
    # "Thủ tướng Lào X và Chủ tịch Quốc hội Y", "Chủ tịch Trung Quốc Tập Cận Bình, Ủy viên trưởng
    # ... Lật Chiến Thư": a foreign name whose title names no state, listed after one whose title
    # does, is of the same state (assumed: what the article says elsewhere outweighs it)
    carry: str | None = None  # the state of the list so far
    for i in range(1, len(people)):
        p, q = people[i], people[i - 1]
        joined = text[q.end:p.title_start]
        if not re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", joined):
            carry = None
            continue
        if q.state not in (None, "VN") and not q.assumed_state:
            carry = q.state
        if carry and p.state is None and p.title and not p.vietnamese_name:
            people[i] = replace(p, state=carry, assumed_state=True)
    roles = _roles(text, heads, people, gazetteer)
    return people, roles


def _fragment(name: NameSpan) -> bool:
    """"Thủ tướng Ph", "Chủ tịch nước V": a name cut short at the end of an excerpt."""
    return len(name.text.split()) == 1 and len(name.text.rstrip(".")) <= 2


def _after_place(text: str, name: NameSpan) -> NameSpan | None:
    """After "tại" (at), a foreign word is a place: "... tại Kazan" names no one, and "Lãnh sự
    danh dự tại Bari Marco Conti" names Marco Conti."""
    if name.vietnamese or not re.search(r"(?<![\w])(?:tại|ở)\s+$", text[max(0, name.start - 6):name.start]):
        return name
    words = name.text.split()
    if len(words) == 1:
        return None
    if len(words) < 3:
        return name
    start = name.start + len(words[0]) + 1
    return NameSpan(start, name.end, text[start:name.end], False)


# Words before the name of a region or a company, which no gazetteer holds: "bang New South
# Wales", "Tập đoàn Samsung".
_REGION_WORD = re.compile(r"(?<![\w])(?:tiểu bang|bang|tỉnh|thành phố|vùng|Tập đoàn|tập đoàn|Công ty|công ty"
                          r"|Hãng|hãng)\s+$")


def _after_region(text: str, name: NameSpan) -> NameSpan:
    """"Thống đốc bang New South Wales Margaret Beazley", "Tổng Giám đốc Tập đoàn Samsung Roh
    Tae-moon": the region's or company's name, which no gazetteer holds, is the title's; the
    person's name is the last two words."""
    words = name.text.split()
    if name.vietnamese or len(words) < 3 or not _REGION_WORD.search(text, 0, name.start):
        return name
    start = name.start + name.text.rindex(" ".join(words[-2:]))
    return NameSpan(start, name.end, text[start:name.end], False)


def _without_honorific(text: str, name: NameSpan) -> NameSpan:
    """"Samdech Techo Hun Sen", "U Win Myint", "Pehin Dato Lim Jock": the name is what follows
    the styles (when two words or more are left)."""
    start, end = name.start, name.end
    while (m := _HONORIFIC_FIRST.match(text, start, end)) and len(text[m.end():end].split()) >= 2:
        start = m.end()
    after = _STYLE_AFTER.search(text, start, end)
    if after and len(text[start:after.start()].split()) >= 2:
        end = after.start()
    if (start, end) == (name.start, name.end):
        return name
    return NameSpan(start, end, text[start:end], name.vietnamese)


def _known(name: str, known: set[str]) -> bool:
    key = name.casefold()
    return any(key == k.casefold() or key in k.casefold().split() for k in known)


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,")
    return re.sub(r"^([A-ZĐ])\.(?=\w)", r"\1. ", name)


def _roles(text: str, heads: list[tuple[int, int, str]], people: list[PersonMention],
           gazetteer: Gazetteer) -> list[RoleMention]:
    """Titles not attached to a name: "Tổng thống Kazakhstan", "Lãnh đạo Kazakhstan"."""
    roles = []
    for start, end, head in heads:
        if any(p.title_start <= start < p.end for p in people):
            continue
        if re.search(r"(?<![\w])(?:[Cc]ác|[Nn]hững|[Hh]ai|[Bb]a)\s+$", text[max(0, start - 8):start]):
            continue  # "các Lãnh đạo Kyrgyzstan", "hai Thứ trưởng": several people
        tail = re.match(r"[^,.;:]{0,60}", text[end:])
        tail_text = tail.group(0) if tail else ""
        cut = [m.start() for m in (_GAP_STOP.search(tail_text), _HEAD_RE.search(tail_text),
                                   re.search(r"(?<![\w])(?:hội|điện|thăm|tiếp|gặp|gửi)(?![\w])", tail_text)) if m]
        if cut:
            tail_text = tail_text[:min(cut)]
        if re.match(r"[^,.;:]{0,25}\b(?:các|những) nước\b", tail_text):
            continue  # "Bộ trưởng Ngoại giao các nước Australia, Malaysia": several people
        states = gazetteer.states(tail_text)
        state = states[0].code if states and states[0].start <= 25 else None
        if state is None and head in VIETNAMESE_HEADS:
            state = "VN"
        stop = states[0].end if states and state else 0
        roles.append(RoleMention(head, (head + tail_text[:stop]).strip(), state, start, end + stop))
    return roles
