"""The model as a light voice: it continues the chosen line, and must keep its meaning.

A tiny model started on the first words of the authored line often stops at once or
wanders off ("You didn't promise the moon, you promised me a refund."). It may add one
sentence, in its own words, that says about what the rest of the authored line says;
otherwise the rest of the authored line is spoken.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from simulator.backends.prompting import primer
from simulator.engine.director import Direction
from simulator.engine.linecheck import SENTENCE_END
from simulator.referee import embedding
from simulator.vocabulary import Beat

# Sentence-vector cosine of the model's words with the authored rest; measured on bench
# lines, paraphrases score 0.6-0.8 and drift 0.0-0.45.
MIN_SIMILARITY = 0.6
MIN_WORDS = 2
# Seconds the model's added sentence may take after the authored start is shown, when the
# call sets no deadline for the whole line: past it, the authored rest is spoken at once.
EXTRA_WORDS_BUDGET = 1.0
# Word vectors barely see a "no": "someone to say yes and build it" and "someone to say no,
# build it" are 0.9 alike. The model's words must say yes or no where the authored ones do.
NEGATION = re.compile(r"\b(?:no|not|never|nobody|nothing|none|nor|without)\b|n't\b", re.I)


def close_enough(added: str, authored: str) -> bool:
    """Whether the model's words say about what the authored words say."""
    if len(re.findall(r"[A-Za-z']+", added)) < MIN_WORDS:
        return False
    if bool(NEGATION.search(added)) != bool(NEGATION.search(authored)):
        return False
    vectors = embedding.embed([added, authored])
    if not vectors:
        return False  # no way to tell: the authored words are the safe choice
    return float(sum(a * b for a, b in zip(vectors[0], vectors[1], strict=False))) >= MIN_SIMILARITY


class _Ahead:
    """The model's chunks pulled on a worker thread, one ahead, so that waiting for the next
    can time out: a model starved of CPU mid-line never freezes the screen (live calls
    showed a first word, then nothing for 10-20 s). The worker owns the stream and closes
    it, which releases the model's lock, at most one token after being stopped."""

    DONE, LATE = object(), object()

    def __init__(self, stream: Iterator[str]) -> None:
        self._stream = stream
        self._chunks: queue.Queue[object] = queue.Queue(maxsize=1)
        self._stopped = threading.Event()
        self._worker = threading.Thread(target=self._pull, name="voice", daemon=True)
        self._worker.start()

    def _pull(self) -> None:
        end: object = self.DONE
        try:
            for chunk in self._stream:
                if not self._offer(chunk):
                    return
        except Exception as exc:  # a backend failure is raised where the line is read
            end = exc
        finally:
            close = getattr(self._stream, "close", None)
            if close is not None:
                close()
        self._offer(end)

    def _offer(self, item: object) -> bool:
        while not self._stopped.is_set():
            try:
                self._chunks.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def next(self, timeout: float) -> object:
        """The next chunk, DONE at the end, an exception the backend raised, or LATE."""
        try:
            return self._chunks.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return self.LATE

    def stop(self) -> None:
        """Stop pulling; the worker closes the stream after its current token, on its own.

        Not waited for here: inside a prompt evaluation that token can be a second away, and
        the line is already whole (live and bench turns took 2.1 s for a 1.0 s line). The
        model's lock, which the stream holds until closed, makes the next line and the
        model's unloading at exit wait for it instead.
        """
        self._stopped.set()


def voiced(
    chunks: Iterable[str],
    start: str,
    rest: str,
    budget: float = EXTRA_WORDS_BUDGET,
    clock: Callable[[], float] = time.monotonic,
    until: float | None = None,
) -> Iterator[str]:
    """Pass the primer, then one close sentence of the model's in time (by `until` on the
    clock when given, else `budget` seconds after the primer), or the authored rest."""
    handed: list[_Ahead] = []
    try:
        yield from _voiced(iter(chunks), start, rest, budget, clock, until, handed)
    finally:
        for ahead in handed:
            ahead.stop()  # its worker closes the stream
        close = getattr(chunks, "close", None)
        if close is not None and not handed:
            close()  # the backend holds the model's lock until its stream is closed


def _voiced(
    stream: Iterator[str],
    start: str,
    rest: str,
    budget: float,
    clock: Callable[[], float],
    until: float | None,
    handed: list[_Ahead],
) -> Iterator[str]:
    head = ""
    for chunk in stream:
        head += chunk
        if len(head) >= len(start):
            break
    if not head.startswith(start):  # a backend that did not start on the primer
        yield head
        yield from stream
        return
    yield start
    deadline = clock() + budget if until is None else until
    added = head[len(start) :]
    ahead = _Ahead(stream)
    handed.append(ahead)
    while True:
        remaining = deadline - clock()
        item = ahead.next(remaining) if remaining > 0 else _Ahead.LATE
        if item is _Ahead.LATE:
            yield rest  # the model is too slow today: the trainee never waits on it
            return
        if item is _Ahead.DONE:
            break
        if isinstance(item, BaseException):
            raise item
        added += str(item)
        if SENTENCE_END.search(added.strip()):
            break
    # The sentence is whole: the model stops now rather than at the line's end, so its
    # threads do not starve the check below (with two threads a line took 1.3 s for 0.9).
    ahead.stop()
    end = SENTENCE_END.search(added)
    sentence = added[: end.end()] if end else added
    if clock() >= deadline:
        yield rest  # no time left to check the model's words: the authored ones are safe
    elif close_enough(sentence.strip(), rest.strip()):
        yield sentence
    else:
        yield rest


# Lines shorter than this are always spoken as authored by a tiny model's call.
SHORT_LINE_WORDS = 6


def model_voices(backend: object, lang: str, direction: Direction) -> bool:
    """Whether the backend may voice this line, or it is spoken in authored words."""
    settings = getattr(backend, "settings", None)
    if direction.joined or (
        settings is not None and getattr(settings, "voice", "model") == "authored"
    ):
        return False
    tiny = getattr(backend, "tiny", False)
    # The embedded model writes no usable Indonesian: such a call is voiced from the bank.
    if lang != "en" and tiny:
        return False
    # A tiny model garbles facts, and wanders off from a line too short to start it on; a
    # hang-up it shortens may no longer read as one: reveals, hang-ups and short lines are
    # spoken in the persona's own authored words, and so are one-sentence lines on a model
    # that continues the line's start (it would finish it for us).
    continues = getattr(backend, "continues_start", False)
    return not tiny or not (
        direction.beat in (Beat.REVEAL, Beat.HANG_UP)
        or len(direction.example.split()) < SHORT_LINE_WORDS
        or (continues and not primer(direction.example))
    )
