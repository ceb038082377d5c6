"""Which language a turn is written in, as far as the referee's phrase lists care.

The rules and the word features read English; a turn in Bahasa Indonesia (formal, casual,
chat-style or code-mixed with English business words) is scored by the language-neutral
model instead (the e5 vectors and the act reading). Function words decide: business words
are borrowed both ways ("budget", "deadline", "DP"), the small words are not.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[a-z]+")


def _words(text: str) -> frozenset[str]:
    """A word list written as lines of words."""
    return frozenset(text.split())


# Small words a sentence in that language can hardly avoid, chat spellings included.
INDONESIAN = _words(
    """yang dan di ke dari ini itu saya aku gue gua kamu lo lu anda kita kami mereka dia
    tidak nggak ngga gak ga enggak engga tak bukan belum sudah udah udh sdh blm
    bisa bs mau akan harus perlu boleh ada adalah jadi jg juga aja saja dong deh sih
    nih kok kan ya yah kak kakak pak bu bapak ibu mas mbak dengan dgn untuk utk buat
    kalau kalo kl klo tapi tp tetapi karena krn soalnya biar supaya agar atau lagi
    apa apakah gimana bagaimana berapa kapan siapa kenapa mengapa mana dimana yg
    terima kasih makasih banget bgt sekali sama seperti nanti sekarang skrg dulu
    baik oke sip siap maaf tolong silakan mohon bapak ibu kok pun lah kah"""
)
ENGLISH = _words(
    """the a an and or but to of in on at for with from by about as is are was were be
    been being i you we they he she it me us them my your our their this that these
    those what which who when where why how do does did have has had will would can
    could should not no yes if then so just really very there here any some"""
)


def reads_as(text: str) -> str:
    """'id' when the turn's small words are mostly Indonesian, else 'en'."""
    words = WORD.findall(text.lower())
    ours = sum(w in INDONESIAN for w in words)
    theirs = sum(w in ENGLISH for w in words)
    return "id" if ours > theirs else "en"
