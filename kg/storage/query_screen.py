"""Which queries may reach the store: a query text in; nothing out when it is a read query, a
:class:`~kg.errors.QueryError` when some reading of it holds SERVICE (a call to another
endpoint, which Oxigraph makes) or an update keyword (LOAD, INSERT, ...).

The decision comes from a lexer of every terminal of the SPARQL 1.1 grammar (and the SPARQL 1.2
forms Oxigraph reads): strings and long strings, IRIs, comments, variables, prefixed names,
blank nodes, numbers, language tags and punctuation, each read whole, so a keyword inside one of
them is not a keyword. Two facts about Oxigraph's parser (a PEG) shape it:

- Where a token begins depends on context: ``<`` is an IRI in a triple and less-than in an
  expression (``FILTER(1<2#>'''``: an IRI to a context-free lexer, a comparison and a comment
  to Oxigraph). So every ``<`` is read both ways, and each reading is followed to its end:
  the readings form a graph of token starts, walked once (linear in the text).
- Keywords are matched without a word boundary: ``SERVICE:x{...}`` and ``SERVICEx:y{...}``
  are calls. So a name refuses the query when SERVICE appears anywhere in it but the local part
  of a prefixed name, which the parser always reads whole (``ex:service`` is a name).

A reading stops where the parser must stop too: a string that never closes, two ``/`` in a row
(``<http://...>`` read as a comparison), a character that starts no token. Every read query
Oxigraph accepts is accepted, except one whose own prefix or bare word holds "service" or whose
relative IRI, read as an expression, does (``<service>``): those are refused, as the parser
could read them as a call.
"""

from __future__ import annotations

import bisect
import re

from ..errors import QueryError

UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})

_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
         "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_VARNAME = _CHARS_U + r"0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}:.]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"

# Strings are read leniently (any escape), which ends every string the parser reads where the
# parser ends it; one that does not end here does not end for the parser either.
_TOKEN = re.compile(rf"""
    (?P<space>[ \t\r\n]+)
  | (?P<string>'''(?:[^'\\]|\\[\s\S]|'(?!''))*''' | \"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*\"\"\"
      | '(?:[^'\\\r\n]|\\[^\r\n])*' | "(?:[^"\\\r\n]|\\[^\r\n])*")
  | (?P<unclosed>['"])
  | (?P<var>[?$][{_VARNAME}]+)
  | (?P<blank>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)
  | (?P<pname>(?P<prefix>[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)?:(?:{_LOCAL})?)
  | (?P<word>[{_CHARS_U}][{_CHARS}]*)
  | (?P<number>[0-9]+\.?[0-9]*[eE][+-]?[0-9]+ | \.[0-9]+[eE][+-]?[0-9]+ | [0-9]*\.[0-9]+ | [0-9]+)
  | (?P<langtag>@[A-Za-z0-9\-]+)
  | (?P<punct>[{{}}()\[\].,;|/^!=<>*+\-?~&])
""", re.X)
_LINE_END = re.compile(r"[\r\n]")
_IRI = re.compile(r"""<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>""")


def _forbidden(kind: str | None, match: re.Match[str]) -> str | None:
    """The keyword a token may be read as, if it is one we refuse."""
    if kind == "word":
        text = match.group().upper()
        return "SERVICE" if "SERVICE" in text else text if text in UPDATES else None
    if kind == "pname" and "SERVICE" in (match.group("prefix") or "").upper():
        return "SERVICE"
    if kind == "langtag" and "SERVICE" in match.group().upper():
        return "SERVICE"
    return None


def refused_keyword(text: str) -> str | None:
    """SERVICE or the update keyword that some reading of the query holds; None for a read query."""
    found: str | None = None
    breaks: list[int] = []  # where lines end, found once: a comment ends at the next ('<#><#>...')

    def line_end(pos: int) -> int:
        if not breaks:
            breaks.extend(m.start() for m in _LINE_END.finditer(text))
            breaks.append(len(text))
        return breaks[bisect.bisect_left(breaks, pos)]

    todo, seen = [(0, False)], set()  # (where a token starts, whether the last token was '/')
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        pos, after_slash = state
        if pos >= len(text):
            continue
        if text[pos] == "#":  # a comment, to the end of its line
            todo.append((line_end(pos), after_slash))
            continue
        if text[pos] == "<":
            iri = _IRI.match(text, pos)
            if iri:
                todo.append((iri.end(), False))
            todo.append((pos + 1, False))  # '<' as less-than
            continue
        m = _TOKEN.match(text, pos)
        if m is None or m.lastgroup == "unclosed":
            continue  # this reading stops here, and so would the parser's
        kind = m.lastgroup
        slash = kind == "punct" and m.group() == "/"
        if slash and after_slash:
            continue
        word = _forbidden(kind, m)
        if word == "SERVICE":
            return word
        found = found or word
        todo.append((m.end(), after_slash if kind == "space" else slash))
    return found


def check_read_only(text: str) -> None:
    """Refuse updates (INSERT, DELETE, LOAD, CLEAR, ...) and federated SERVICE calls."""
    word = refused_keyword(text)
    if word:
        what = "reaches another endpoint" if word == "SERVICE" else "would change data"
        raise QueryError(f"refused: the query uses {word}, which {what}; only read queries run here")
