"""Repair double-decoded UTF-8 text ("mojibake"), including the lossy kind.

The damage this undoes: UTF-8 bytes were decoded with a single-byte code page
(ISO-8859-16 in the known case, cp1252 / Latin-1 are tried too) and the result
re-encoded as UTF-8, so ``é`` reads ``Ă©``.  On the way the bytes 0x80-0x9F (and
sometimes 0xA0) were deleted, so ``’`` (E2 80 99) reads as a bare ``â`` and
``à`` (C3 A0) as a bare ``Ă``.

Rules, in order:

1. Document gate.  For each candidate code page, every line that it can encode is
   scanned; the code page with the most valid multi-byte UTF-8 sequences (then the
   most other strong signals) wins.  Nothing is repaired unless that code page
   shows at least ``_DOC_MIN_SIGNALS`` strong signals.
2. Per line.  The line is encoded with the code page (a line holding a character
   the code page cannot encode is left alone) and decoded as UTF-8 with a
   repairing error handler (rule 3).  The repair is kept only if it decoded or
   rebuilt at least one character and the line scores strictly lower on
   ``ftfy.badness.badness`` plus the mojibake signals of rule 4.
3. Error handler.  A byte that is not part of a sequence decodes back as its own
   code-page character.  A lead byte whose continuation bytes were lost is rebuilt
   from the characters plausible in Latin-script prose (Latin-1 letters, œ Œ,
   ’ ‘ “ ” – — … •, €, NBSP) whose UTF-8 form equals the surviving bytes plus
   missing bytes from 0x80-0xA0.  If none fits, the lead byte is a stray byte.
   One candidate counts as repaired; several count as guessed and context picks
   one (see ``_choose``).
4. Signals.  Strong: a valid sequence (``Ă©``), a rebuild that kept a
   continuation byte (``âŠ``), a bare lead with no letter on either side
   (``Ă trouver``, a line holding only ``Â``).  Weak: a bare lead touching a
   letter (``nâa``), indistinguishable from real text (``château``); it counts
   only when the same lead after the same word start (``l`` in ``lâ``) was seen in
   a line that had strong signals, i.e. the document taught the pattern.

Line endings are preserved exactly; only repaired lines change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

__all__ = ["RepairResult", "repair_text"]

# Code pages tried, in order of preference when they tie.
_CODECS: tuple[str, ...] = ("iso8859_16", "cp1252", "latin_1")

# Strong signals a document needs before any line is touched.
_DOC_MIN_SIGNALS = 2

# Values a lost byte may have had (the deleted C1 range, plus NBSP's A0).
_LOST_MIN, _LOST_MAX = 0x80, 0xA0

# Characters a lost-byte rebuild may produce: plausible in Latin-script prose.
_REBUILD_CHARS: frozenset[str] = frozenset(
    [chr(cp) for cp in range(0xC0, 0x100) if chr(cp).isalpha()] + list("œŒ’‘“”–—…•€\u00a0")
)

_REBUILD_ORDER: tuple[str, ...] = tuple(sorted(_REBUILD_CHARS))

# Frequency order in French/English prose, used when context leaves a choice.
_LETTER_RANK = "éèàêçôîûùâëïüœöäñáíóúÉÀÈÇÊÔÎŒÂÛÙËÏÜÖÄÑÁÍÓÚßÆæÅåØøÃãÕõÌìÒòÝýÞþÐð"
_PUNCT_RANK = "’—“”–‘…•€\u00a0"
# Lower-case letters that do not begin a word of several letters.
_NOT_WORD_INITIAL = "àß"
_SENTENCE_END = ".!?…«“"

_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


class RepairResult(NamedTuple):
    """Outcome of :func:`repair_text`."""

    text: str  # the cleaned text
    codec: str | None  # e.g. "iso8859_16" when a repair was applied, else None
    lines_repaired: int
    chars_repaired: int  # sequences re-decoded + rebuilds with a single candidate
    chars_guessed: int  # rebuilds chosen among several candidates by context


@dataclass(frozen=True)
class _Pending:
    """A lead byte (plus surviving continuation bytes) whose sequence lost bytes."""

    candidates: tuple[str, ...]
    raw: str  # the lead byte as a code-page character, e.g. "â"
    bare: bool  # True when no continuation byte survived


@dataclass
class _LineScan:
    """What decoding one line with the repairing handler found."""

    text: str
    decoded: int = 0  # valid multi-byte sequences
    repaired: int = 0  # rebuilds with a single candidate
    guessed: int = 0  # rebuilds chosen by context
    strong: int = 0
    weak: list[tuple[str, str]] = field(default_factory=list)  # (lead, word start)

    @property
    def changed(self) -> int:
        """Characters rebuilt or re-decoded."""
        return self.decoded + self.repaired + self.guessed


def _sequence_length(byte: int) -> int:
    """Length of the UTF-8 sequence a lead byte opens; 0 if it is not a lead."""
    if 0xC2 <= byte <= 0xDF:
        return 2
    if 0xE0 <= byte <= 0xEF:
        return 3
    if 0xF0 <= byte <= 0xF4:
        return 4
    return 0


def _is_continuation(byte: int) -> bool:
    """True for a UTF-8 continuation byte (0x80-0xBF)."""
    return 0x80 <= byte <= 0xBF


def _plausible_decoded(ch: str) -> bool:
    """Whether a fully present sequence decodes to text rather than noise.

    Accepted: Latin-1 Supplement and Latin Extended-A, Romanian ș ț, Greek,
    Cyrillic, Hebrew and Arabic letters, general punctuation, currency and
    letterlike symbols, arrows, maths operators, shapes, dingbats and emoji.
    Controls, format characters, CJK, braille and private use are refused.
    """
    cp = ord(ch)
    if unicodedata.category(ch).startswith("C"):
        return False
    ranges = (
        (0x00A0, 0x017F),
        (0x0218, 0x021B),
        (0x0370, 0x03FF),
        (0x0400, 0x04FF),
        (0x05D0, 0x05EA),
        (0x0600, 0x06FF),
        (0x2010, 0x205E),
        (0x20A0, 0x20CF),
        (0x2100, 0x215F),
        (0x2190, 0x22FF),
        (0x2500, 0x27BF),
        (0x1F300, 0x1FAFF),
    )
    return any(lo <= cp <= hi for lo, hi in ranges)


@lru_cache(maxsize=4096)
def _rebuild_candidates(lead: int, present: bytes, length: int) -> tuple[str, ...]:
    """Characters whose UTF-8 form is ``lead`` + ``present`` with lost bytes put back.

    The lost bytes (0x80-0xA0) may sit at any continuation position; only
    ``_REBUILD_CHARS`` qualify.  Returned in a fixed (code point) order.
    """
    found: list[str] = []
    for ch in _REBUILD_ORDER:
        enc = ch.encode("utf-8")
        if len(enc) != length or enc[0] != lead:
            continue
        tail = enc[1:]
        for kept in combinations(range(len(tail)), len(present)):
            if bytes(tail[i] for i in kept) != present:
                continue
            lost = [tail[i] for i in range(len(tail)) if i not in kept]
            if all(_LOST_MIN <= b <= _LOST_MAX for b in lost):
                found.append(ch)
                break
    return tuple(found)


_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _tokenize(data: bytes, codec: str) -> list[str | _Pending]:
    """Decode ``data`` as UTF-8, handling errors by the rules of the module doc.

    Returns decoded characters, plus ``_Pending`` for rebuilt characters whose
    choice needs context.  Valid sequences are returned as the decoded character
    wrapped in a one-candidate ``_Pending`` with ``bare=False`` and empty ``raw``.
    """
    tokens: list[str | _Pending] = []
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte < 0x80:  # a run of ASCII: one character each, taken in one step
            found = _NON_ASCII.search(data, i)
            end = found.start() if found is not None else n
            tokens.extend(data[i:end].decode("ascii"))
            i = end
            continue
        length = _sequence_length(byte)
        if length:
            present = 0
            while present < length - 1 and i + 1 + present < n and _is_continuation(data[i + 1 + present]):
                present += 1
            if present == length - 1:
                try:
                    ch = data[i : i + length].decode("utf-8")
                except UnicodeDecodeError:
                    ch = ""
                if ch and _plausible_decoded(ch):
                    tokens.append(_Pending((ch,), "", False))
                    i += length
                    continue
            matched = False
            for kept in range(min(present, length - 2), -1, -1):
                cands = _rebuild_candidates(byte, data[i + 1 : i + 1 + kept], length)
                if cands:
                    raw = bytes([byte]).decode(codec)
                    tokens.append(_Pending(cands, raw, kept == 0))
                    i += 1 + kept
                    matched = True
                    break
            if matched:
                continue
        tokens.append(bytes([byte]).decode(codec))  # stray byte: its own character
        i += 1
    return tokens


def _at_sentence_start(out: list[str]) -> bool:
    """True at line start or after sentence-ending punctuation (spaces skipped)."""
    for ch in reversed(out):
        if ch.isspace():
            continue
        return ch in _SENTENCE_END
    return True


def _pick_ranked(cands: list[str], rank: str) -> str:
    """The candidate ranked first in ``rank`` (unranked ones last, stable)."""
    return min(cands, key=lambda c: rank.index(c) if c in rank else len(rank))


def _choose(cands: tuple[str, ...], prev: str | None, nxt: str | None, next_cased: bool, sentence_start: bool) -> str:
    """Pick among several rebuild candidates from the neighbouring characters.

    Punctuation (the E2 80 xx family): between two letters ``’``; between two
    digits ``–``; with no letter or digit on either side (spaces, line edges)
    ``—``; opening a word ``“``, closing one ``”``.
    Letters: alone (a one-letter word) ``à``, ``À`` at sentence start; inside or
    at the end of a word, the case of the previous letter; starting a word, upper
    case before an upper-case letter or at sentence start, else lower case unless
    the only lower-case candidates never start a word (then upper case).  Within
    the case, the most frequent in French/English prose.  ``next_cased`` is False
    when ``nxt`` is itself an unresolved lead, whose case says nothing.
    """
    prev_alpha = prev is not None and prev.isalpha()
    next_alpha = nxt is not None and nxt.isalpha()
    prev_alnum = prev is not None and prev.isalnum()
    next_alnum = nxt is not None and nxt.isalnum()
    letters = [c for c in cands if c.isalpha()]
    if not letters:
        if prev_alpha and next_alpha and "’" in cands:
            return "’"
        if prev is not None and nxt is not None and prev.isdigit() and nxt.isdigit() and "–" in cands:
            return "–"
        if not prev_alnum and not next_alnum and "—" in cands:
            return "—"
        if not prev_alnum and next_alnum and "“" in cands:
            return "“"
        if prev_alnum and not next_alnum and "”" in cands:
            return "”"
        return _pick_ranked(list(cands), _PUNCT_RANK)

    upper = [c for c in letters if c.isupper()]
    lower = [c for c in letters if c.islower()]
    if not prev_alpha and not next_alpha:
        pool = (upper or lower) if sentence_start else (lower or upper)
        for one_letter_word in ("À", "à") if sentence_start else ("à", "À"):
            if one_letter_word in pool:
                return one_letter_word
    elif prev_alpha:
        pool = (upper or lower) if prev is not None and prev.isupper() else (lower or upper)
    elif sentence_start or (next_cased and nxt is not None and nxt.isupper()):
        pool = upper or lower
    else:
        initial = [c for c in lower if c not in _NOT_WORD_INITIAL]
        pool = initial or upper or lower
    return _pick_ranked(pool or letters or list(cands), _LETTER_RANK)


def _scan_line(line: str, codec: str) -> _LineScan | None:
    """Encode ``line`` with ``codec`` and decode it with the repairing handler.

    Returns None when the line is ASCII or holds a character ``codec`` cannot
    encode (such a line is left alone).
    """
    if line.isascii():
        return None
    try:
        data = line.encode(codec)
    except UnicodeEncodeError:
        return None
    tokens = _tokenize(data, codec)
    scan = _LineScan(text="")
    out: list[str] = []
    for idx, tok in enumerate(tokens):
        if isinstance(tok, str):
            out.append(tok)
            continue
        if not tok.raw:  # a valid sequence
            out.append(tok.candidates[0])
            scan.decoded += 1
            scan.strong += 1
            continue
        prev = out[-1] if out else None
        following = tokens[idx + 1] if idx + 1 < len(tokens) else None
        nxt: str | None
        if isinstance(following, _Pending):
            nxt = following.raw or following.candidates[0]
            next_cased = not following.raw  # a pending lead's raw case means nothing
        else:
            nxt, next_cased = following, True
        if len(tok.candidates) == 1:
            choice = tok.candidates[0]
            scan.repaired += 1
        else:
            choice = _choose(tok.candidates, prev, nxt, next_cased, _at_sentence_start(out))
            scan.guessed += 1
        touches_letter = (prev is not None and prev.isalpha()) or (nxt is not None and nxt.isalpha())
        if not tok.bare or not touches_letter:
            scan.strong += 1
        else:
            start = len(out)
            while start > 0 and out[start - 1].isalpha():
                start -= 1
            scan.weak.append((tok.raw, "".join(out[start:]).lower()))
        out.append(choice)
    scan.text = "".join(out)
    return scan


def _score(line: str, scan: _LineScan | None, learned: set[tuple[str, str]]) -> int:
    """Badness of a line: ftfy badness plus strong and learned weak signals."""
    from ftfy.badness import badness  # imported here: clean articles never need it

    signals = 0
    if scan is not None:
        signals = scan.strong + sum(1 for key in scan.weak if key in learned)
    return badness(line) + signals


def _split_lines(text: str) -> list[tuple[str, str]]:
    """Split into (line, ending) pairs; endings are kept verbatim (\\r\\n, \\r, \\n)."""
    parts = _LINE_BREAK.split(text)
    return [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


def _pick_codec(lines: list[str]) -> tuple[str | None, dict[int, _LineScan]]:
    """The code page with the most valid sequences (then strong signals), if any
    reaches ``_DOC_MIN_SIGNALS`` strong signals; with its per-line scans."""
    best: tuple[int, int] = (0, 0)
    chosen: tuple[str | None, dict[int, _LineScan]] = (None, {})
    for codec in _CODECS:
        scans = {i: s for i, line in enumerate(lines) if (s := _scan_line(line, codec)) is not None}
        decoded = sum(s.decoded for s in scans.values())
        strong = sum(s.strong for s in scans.values())
        if strong >= _DOC_MIN_SIGNALS and (decoded, strong) > best:
            best = (decoded, strong)
            chosen = (codec, scans)
    return chosen


def repair_text(text: str) -> RepairResult:
    """Repair lossy double-decoded UTF-8 in ``text``; see the module docstring.

    Clean text comes back unchanged with ``codec=None`` and zero counts.  A line
    changes only when its repair decodes or rebuilds a character and lowers its
    badness score; line endings are kept exactly.
    """
    if text.isascii():
        return RepairResult(text, None, 0, 0, 0)
    pairs = _split_lines(text)
    lines = [line for line, _ in pairs]
    codec, scans = _pick_codec(lines)
    if codec is None:
        return RepairResult(text, None, 0, 0, 0)

    learned = {key for s in scans.values() if s.strong for key in s.weak}
    new_lines = list(lines)
    lines_repaired = chars_repaired = chars_guessed = 0
    for i, scan in scans.items():
        if not scan.changed or scan.text == lines[i]:
            continue
        if not scan.strong and not any(key in learned for key in scan.weak):
            continue
        before = _score(lines[i], scan, learned)
        after = _score(scan.text, _scan_line(scan.text, codec), learned)
        if after >= before:
            continue
        new_lines[i] = scan.text
        lines_repaired += 1
        chars_repaired += scan.decoded + scan.repaired
        chars_guessed += scan.guessed

    if not lines_repaired:
        return RepairResult(text, None, 0, 0, 0)
    repaired = "".join(line + ending for line, (_, ending) in zip(new_lines, pairs))
    return RepairResult(repaired, codec, lines_repaired, chars_repaired, chars_guessed)
