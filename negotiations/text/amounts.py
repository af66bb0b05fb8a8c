"""Amounts of money in a sentence: "£2.5bn in 2024", "up to $1.5 billion over ten years",
"3 млрд евро", "von 1 bis 2 Milliarden Euro", normalised into a number and an ISO 4217 code.

The words are the language pack's (``LanguagePack.commitment_words``: scale words, currency
words, "up to", range links, per-year phrases, period links, written numbers where no library
reads them); the libraries do the rest: Babel reads digits with each locale's separators
(``1.500`` is 1500 in German, ``1,5`` is 1.5; ``7 000`` in French and Polish), text2num reads
written numbers in English, German, French, Italian and Spanish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal
from text_to_num import text2num

from negotiations.text.morph import WORD_RE, word_keys
from negotiations.text.normalize import normalize_name

# Languages text2num reads written numbers in; the others list theirs in the pack.
TEXT2NUM_LANGS = frozenset({"en", "de", "fr", "it", "es"})

# Symbols and codes are the same in every language.
SYMBOLS = {
    "US$": "USD",
    "C$": "CAD",
    "A$": "AUD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₴": "UAH",
    "₽": "RUB",
    "¥": "JPY",
}
CODES = frozenset(
    {"EUR", "USD", "GBP", "UAH", "RUB", "PLN", "CHF", "JPY", "CAD", "AUD", "NOK", "SEK", "DKK"}
    | {"CZK", "HUF", "RON", "BGN", "TRY", "CNY", "KRW", "NZD"}
)

_SPACES = "[ \u00a0\u202f]"
# Digits with the group separators of any of the languages (1,500 / 1.500 / 1 500 / 1'500), a
# decimal part, or plain digits; Babel decides what the separators mean in the language.
_NUMBER = (
    rf"(?<![\d.,])(?:\d{{1,3}}(?:(?:[.,'’]|{_SPACES}(?=\d{{3}}(?!\d)))\d{{3}})+|\d+)"
    r"(?:[.,]\d+)?(?!\d)"
)
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
TOKEN_RE = re.compile(
    rf"(?P<num>{_NUMBER})|(?P<sym>{_SYMBOL})|(?P<dash>[-–—])|(?P<word>{WORD_RE.pattern})"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class Token:
    kind: str  # num, sym, dash, word
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Amount:
    """An amount as the sentence states it; ``start``/``end`` are offsets into the sentence."""

    value: Decimal  # the amount, or a range's upper bound
    currency: str  # ISO 4217
    start: int
    end: int
    low: Decimal | None = None  # a range's lower bound ("between 1 and 2 billion")
    up_to: bool = False  # a ceiling ("up to", "bis zu", "до")
    per_year: bool = False  # "a year", "jährlich", "щороку"
    first_year: int | None = None  # the years it is for ("in 2024", "2024–2027")
    last_year: int | None = None
    years: int | None = None  # a duration ("over ten years")
    period_phrase: str = ""  # the words the period came from


def tokens(sentence: str) -> list[Token]:
    return [
        Token(m.lastgroup or "word", m.group(0), m.start(), m.end())
        for m in TOKEN_RE.finditer(sentence)
    ]


@lru_cache(maxsize=4096)
def parse_digits(text: str, lang: str) -> Decimal | None:
    """Digits as the language writes them: its group and decimal separators (Babel)."""
    group = get_group_symbol(locale=lang)
    if group.isspace():
        text = re.sub(_SPACES, group, text)
    try:
        return parse_decimal(text, locale=lang, strict=True)
    except NumberFormatError:
        pass
    try:
        return parse_decimal(re.sub(_SPACES, "", text), locale=lang)
    except (NumberFormatError, InvalidOperation):
        return None


def parse_words(words: list[str], lang: str, table: dict[str, Decimal]) -> Decimal | None:
    """A written number ("ten", "zwei", "три", "pięć", "δύο"): text2num where it reads the
    language, the pack's table (summed: двадцять п'ять) elsewhere."""
    if not words:
        return None
    if lang in TEXT2NUM_LANGS:
        try:
            return Decimal(text2num(" ".join(words), lang))
        except ValueError:
            pass
    total = Decimal(0)
    for word in words:
        values = [table[k] for k in word_keys(word, lang) if k in table]
        if not values:
            return None
        total += values[0]
    return total


class AmountReader:
    """The amounts of one language (its pack's commitment words)."""

    def __init__(self, lang: str, words) -> None:
        self.lang = lang
        self.words = words
        # The pack's words as written (folded); a word of the text matches by any of its keys
        # (its form or a lemma: "миллиарда" -> миллиард). The pack's words are not lemmatised
        # themselves: an abbreviation would take a stranger's lemma ("m" -> "be").
        self.scales = {normalize_name(w): Decimal(v) for w, v in words.scales.items()}
        self.currency_words = {
            normalize_name(w): code for code, ws in words.currencies.items() for w in ws
        }
        self.numbers = {normalize_name(w): Decimal(str(v)) for w, v in words.numbers.items()}
        self.year_keys = {normalize_name(w) for w in words.year_words}
        self.links = {w.lower() for w in words.amount_links}

    def _keys(self, token: Token) -> frozenset[str]:
        return word_keys(token.text, self.lang) if token.kind == "word" else frozenset()

    def scale(self, token: Token) -> Decimal | None:
        keys = self._keys(token)
        return next((self.scales[k] for k in keys if k in self.scales), None)

    def currency(self, token: Token) -> str | None:
        if token.kind == "sym":
            return SYMBOLS[token.text]
        if token.kind != "word":
            return None
        if token.text in CODES:
            return token.text
        keys = self._keys(token)
        return next((self.currency_words[k] for k in keys if k in self.currency_words), None)

    def number(self, toks: list[Token], end: int) -> tuple[int, Decimal] | None:
        """The number that ends just before token ``end``: (its first token, value)."""
        if end == 0:
            return None
        last = toks[end - 1]
        if last.kind == "num":
            value = parse_digits(last.text, self.lang)
            return (end - 1, value) if value is not None else None
        for first in range(max(0, end - 5), end):  # the longest run of number words
            run = toks[first:end]
            if any(t.kind != "word" for t in run):
                continue
            value = parse_words([t.text for t in run], self.lang, self.numbers)
            if value is not None:
                return first, value
        return None

    def find(self, sentence: str) -> list[Amount]:
        toks = tokens(sentence)
        if not any(t.kind in ("num", "sym") or self.currency(t) for t in toks):
            return []  # no digits and no currency: nothing to read (the common case)
        found: list[tuple[int, int, Amount]] = []
        i = 0
        while i < len(toks):
            hit = self._amount_at(toks, i)
            if hit is None:
                i += 1
                continue
            first, last, value, currency = hit
            low, first = self._range_before(toks, first, value, found)
            amount = Amount(
                value=_plain(value),
                currency=currency,
                start=toks[first].start,
                end=toks[last].end,
                low=_plain(low) if low is not None else None,
                up_to=low is None and self._ceiling_before(sentence, toks[first].start),
                **self._period(sentence, toks, last + 1),
            )
            found = [f for f in found if f[0] < first]
            found.append((first, last, amount))
            i = last + 1
        return [f[2] for f in found]

    def _amount_at(self, toks: list[Token], i: int):
        """An amount whose number ends at token ``i`` or whose currency symbol is token ``i``:
        (first token, last token, value, currency)."""
        before = None
        n = i
        if toks[i].kind == "sym" or (toks[i].kind == "word" and toks[i].text in CODES):
            before = self.currency(toks[i])
            n = i + 1
            if n >= len(toks):
                return None
        # the number: digits at n, or number words that end before a scale or currency word
        if toks[n].kind == "num":
            num_first, value, after = n, parse_digits(toks[n].text, self.lang), n + 1
            if value is None:
                return None
        else:
            end = n
            while end < len(toks) and end - n < 5 and toks[end].kind == "word":
                if self.scale(toks[end]) or self.currency(toks[end]):
                    break
                end += 1
            if end == n or end >= len(toks):
                return None
            got = self.number(toks[:end], end)
            if got is None or got[0] != n:
                return None
            num_first, value, after = n, got[1], end
        j = after
        # scale words: "bn", "billion", "Milliarden", "mil millones" (several multiply)
        while j < len(toks) and (scale := self.scale(toks[j])) is not None:
            value *= scale
            j += 1
        currency = before
        k = j
        if currency is None:
            while k < len(toks) and toks[k].kind == "word" and toks[k].text.lower() in self.links:
                k += 1  # "d'euros", "di euro", "de euros", "worth of"
            if k < len(toks):
                currency = self.currency(toks[k])
            if currency is None:
                return None
            j = k + 1
        elif j < len(toks) and self.currency(toks[j]) == currency:
            j += 1  # "$1.5 billion USD"
        first = i if before else num_first
        return first, j - 1, value, currency

    def _range_before(self, toks, first: int, value: Decimal, found) -> tuple:
        """A lower bound before the amount: "1 to 2 billion euros", "€1bn-€2bn", "від 1 до 2
        млрд", "between 1 and 2": (low, the range's first token) or (None, first)."""
        k = first - 1
        if k < 1:
            return None, first
        link = toks[k]
        word = link.text.lower()
        if link.kind != "dash" and word not in self.words.range_links + self.words.range_ands:
            return None, first
        opened_only = word in self.words.range_ands  # "between 1 and 2", never "tanks and 2"
        got = self.number(toks, k)
        scale_of_low = Decimal(1)
        end = k
        if got is None and k >= 2 and (low_scale := self.scale(toks[k - 1])) is not None:
            scale_of_low = low_scale
            got = self.number(toks, k - 1)
            end = k - 1
        if got is None:
            for f_first, f_last, f_amount in found:
                if f_last == k - 1:  # "€1bn to €2bn": the first amount is the lower bound
                    return self._opened(toks, first, f_first, f_amount.value, value, opened_only)
            return None, first
        low_first, low = got
        bare = toks[low_first].kind == "num" and _YEAR.match(toks[low_first].text)
        if bare and scale_of_low == 1 and not opened_only:
            return None, first  # "у 2024 році до 2 млрд": a year, not a lower bound
        if low_first > 0 and toks[low_first - 1].kind == "sym":
            low_first -= 1
        if scale_of_low == 1 and end == k:
            # "1 to 2 billion": the low bound shares the scale of the high one
            low *= _scale_of(value, low)
        else:
            low *= scale_of_low
        return self._opened(toks, first, low_first, low, value, opened_only)

    def _opened(self, toks, first, low_first, low: Decimal, value: Decimal, opened_only=False):
        opener = low_first > 0 and toks[low_first - 1].text.lower() in self.words.range_openers
        if low >= value or (opened_only and not opener):
            return None, first
        return low, low_first - 1 if opener else low_first

    def _ceiling_before(self, sentence: str, start: int) -> bool:
        before = sentence[:start].rstrip().lower()
        return any(
            before == c or before.endswith(" " + c) or before.endswith("(" + c)
            for c in self.words.ceilings
        )

    def _period(self, sentence: str, toks: list[Token], after: int) -> dict:
        """The period after the amount: per year, its years, or a duration."""
        out: dict = {}
        tail = sentence[toks[after - 1].end :].lower() if after else sentence.lower()
        for phrase in self.words.per_year:
            m = re.match(rf"\W{{0,3}}({re.escape(phrase)})\b", tail)
            if m:
                out["per_year"] = True
                offset = len(sentence) - len(tail)
                out["period_phrase"] = sentence[offset + m.start(1) : offset + m.end(1)]
                break
        years: list[int] = []
        phrases: list[str] = []
        year_start = 0
        links = {w.lower() for w in self.words.period_links}
        for k in range(after, len(toks)):
            tok = toks[k]
            if tok.kind == "num" and _YEAR.match(tok.text):
                prev = toks[k - 1] if k else None
                in_range = prev is not None and prev.kind == "dash" and years
                if in_range:
                    years.append(int(tok.text))
                    phrases[-1] = sentence[year_start : tok.end]
                elif prev is not None and prev.text.lower() in links and not years:
                    years.append(int(tok.text))
                    year_start = prev.start
                    phrases.append(sentence[year_start : tok.end])
                elif years:
                    break
            elif tok.kind == "word" and self._keys(tok) & self.year_keys and "years" not in out:
                got = self.number(toks, k)
                if got is not None and got[1] == int(got[1]) and 1 < got[1] < 100:
                    out["years"] = int(got[1])
                    # the link may stand a word or two before ("over the next ten years")
                    start = toks[got[0]]
                    for back in range(got[0] - 1, max(after, got[0] - 3) - 1, -1):
                        if toks[back].text.lower() in links:
                            start = toks[back]
                            break
                    phrases.append(sentence[start.start : tok.end])
        if years:
            out["first_year"], out["last_year"] = min(years), max(years)
        if phrases:
            out["period_phrase"] = "; ".join(filter(None, [out.get("period_phrase"), *phrases]))
        return out


def _plain(value: Decimal) -> Decimal:
    """A whole amount without a trailing ``.0`` (2.5 billion is 2500000000)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _scale_of(high: Decimal, low: Decimal) -> Decimal:
    """The power of a thousand the high bound carries that the low one (bare) lacks."""
    scale = Decimal(1)
    while high / (scale * 1000) >= low and scale < Decimal(10) ** 12:
        scale *= 1000
    return scale


@lru_cache(maxsize=32)
def _reader(lang: str) -> AmountReader | None:
    from negotiations.text.lang import pack_for

    pack = pack_for(lang)
    words = pack.commitment_words
    return AmountReader(pack.code, words) if words is not None else None


def find_amounts(sentence: str, lang: str) -> list[Amount]:
    """The amounts of money a sentence states, in the order they appear."""
    reader = _reader(lang)
    return reader.find(sentence) if reader is not None else []


__all__ = ["Amount", "find_amounts", "parse_digits", "parse_words"]
