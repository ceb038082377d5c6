"""Amounts of money said in a turn or a line, in figures or words, English or Indonesian.

Only amounts with a scale are read ("16k", "$30,000", "thirty grand", "45 juta", "seratus
lima puluh juta", "500rb"): a bare "16" could be weeks, people or thousands.
"""

from __future__ import annotations

import re

SCALES = {
    "k": 1e3,
    "grand": 1e3,
    "thousand": 1e3,
    "rb": 1e3,
    "ribu": 1e3,
    "jt": 1e6,
    "juta": 1e6,
    "million": 1e6,
    "miliar": 1e9,
}
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100,
}  # fmt: skip
_SCALE = r"(?:k|grand|thousand|rb|ribu|jt|juta|million|miliar)\b"
_FIGURE = re.compile(r"(\d+(?:[.,]\d+)*)\s?(" + _SCALE + r")?", re.IGNORECASE)
_WORDS = re.compile(
    r"((?:(?:" + "|".join(_UNITS) + r"|puluh|belas|ratus|and)[\s-]+)+)(" + _SCALE + ")",
    re.IGNORECASE,
)


_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def _number(digits: str, scale: str | None) -> float | None:
    """'30,000' -> 30000; '2,5' with a scale (Indonesian decimal comma) -> 2.5. Without a
    scale word only grouped thousands count ("$30,000", "Rp 45.000.000")."""
    if _GROUPED.fullmatch(digits):
        value = float(re.sub(r"[.,]", "", digits))
    elif scale is None:
        return None
    else:
        value = float(digits.replace(",", "."))
    return value * SCALES[scale.lower()] if scale else value


def _words(text: str) -> float:
    """'thirty' -> 30, 'seratus lima puluh' -> 150, 'twenty-five' -> 25, 'lima belas' -> 15."""
    total, current = 0.0, 0.0
    for w in re.split(r"[\s-]+", text.lower().strip()):
        if w in ("and", ""):
            continue
        if w == "puluh":
            current *= 10
        elif w == "belas":
            current += 10
        elif w in ("ratus", "hundred"):
            current = (current or 1) * 100
        elif w in _UNITS:
            if w == "seratus" or (current and _UNITS[w] < 10 and current % 10 == 0):
                total, current = total + current, _UNITS[w]
            else:
                current += _UNITS[w]
    return total + current


def amounts(text: str) -> list[float]:
    """Every amount of money in TEXT, in order."""
    found: list[tuple[int, float]] = []
    for m in _FIGURE.finditer(text):
        value = _number(m.group(1), m.group(2))
        if value is not None:
            found.append((m.start(), value))
    for m in _WORDS.finditer(text):
        value = _words(m.group(1))
        if value:
            found.append((m.start(), value * SCALES[m.group(2).lower()]))
    return [v for _, v in sorted(found)]
