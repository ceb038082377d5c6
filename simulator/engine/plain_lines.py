"""Plain lines any client can say, in each call language (a persona's bank has its own)."""

from __future__ import annotations

# Plain lines any client can say, in the call's language (the persona's bank has its own).
NEUTRAL: dict[str, tuple[str, ...]] = {
    "en": (
        "Mm.",
        "I see.",
        "Okay.",
        "Right.",
        "Hm, okay.",
        "Uh-huh.",
        "Go on.",
        "And?",
        "Sure.",
        "Noted.",
        "Fine, go on.",
        "Okay, and then?",
    ),
    "id": (
        "Hmm.",
        "Oh, gitu.",
        "Oke.",
        "Iya.",
        "Hm, oke.",
        "He-eh.",
        "Lanjut.",
        "Terus?",
        "Baik.",
        "Dicatat.",
        "Ya, lanjut.",
        "Oke, terus?",
    ),
}
# A goodbye back, when the trainee says thanks and goodbye: any client can say these.
FAREWELLS: dict[str, tuple[str, ...]] = {
    "en": (
        "Okay, speak soon.",
        "Right. Talk soon.",
        "Fine. Until then.",
        "Okay, bye for now.",
        "Sure. Bye.",
    ),
    "id": (
        "Oke. Sampai nanti.",
        "Baik. Sampai ketemu.",
        "Ya sudah, sampai nanti.",
        "Oke, dah dulu ya.",
        "Iya. Sampai jumpa.",
    ),
}
# When the trainee missed what was said: a plain brush-off any client can give.
SAY_AGAIN: dict[str, tuple[str, ...]] = {
    "en": (
        "Never mind. Go on.",
        "Forget it, it doesn't matter. Carry on.",
        "It wasn't important. Where were we?",
    ),
    "id": (
        "Nggak apa-apa. Lanjut aja.",
        "Lupakan, nggak penting. Lanjut.",
        "Bukan hal penting. Tadi sampai mana?",
    ),
}
