"""Value given away in so many words: something free, a discount, an extra, any hour.

The concession phrases (lexicon.CONCESSION) catch "I can do it for free" and "I'll drop
the price"; trainees give value away in many more words ("one year free hosting as a gift",
"I make you 15% discount", "a twelve percent reduction on our usual fee", "gratis revisi").
A gift counts when it is offered, not refused or replaced ("no free mockups", "instead of
a free pilot"), not asked about, and not traded for something the client gives in return:
"if you go ahead" or "kalau Bapak setuju" asks only for the sale, so it trades nothing.
"""

from __future__ import annotations

import re

from simulator.models import Span
from simulator.referee.move_lexicon import TIDAK

_MONTHS = r"(?:\w+ ){0,2}(?:months?|years?|weeks?|rounds?|bulan|tahun|minggu)"
_THINGS = (
    r"(?:hosting|maintenance|support|revisions?|months?|year|templates?|mock-?ups?|pilot|trial|"
    r"audit|design|logo|set-?up|training|consult\w*|add-?on|module|feature|version|sample|review|"
    r"extras?|changes?|updates?|page|banner|session|workshop|prototype|week|configurator)"
)
GIFT = re.compile(
    r"\b(?:for|as an?) (?:free|bonus|gift|freebie|goodwill gesture)\b|\ba gift from\b|"
    r"\bfree of (?:cost|charge)\b|\bfree (?:[a-z-]+ )?" + _THINGS + r"\b|"
    # "no need to pay", "don't worry about billing for this one", "consider it a favour"
    r"\bno need to pay\b|\b(?:don'?t|no need to) worry about (?:billing|paying|the bill|payment)\b|"
    r"\bconsider it a (?:favou?r|gift)\b|"
    r"\b" + _MONTHS + r" (?:of )?(?:free|complimentary|gratis)\b|"
    r"\b(?:make|do|give|include|add|build|design) (?:\w+ ){0,6}(?:free|for free)\b|"
    r"\bcomplimentary\b|\bon the house\b|\bno extra (?:charge|cost)s?\b|"
    r"\bwithout (?:any )?(?:extra|additional) (?:payment|pay|charges?|costs?|fees?)\b|"
    r"\b(?:\d+|five|ten|fifteen|twenty) ?(?:%|percent) (?:under|below) (?:our|my|the) "
    r"(?:usual|normal|standard|regular) (?:rate|price|fee)s?\b|"
    # Scope said yes to in the price: "all part of the same job", "this we include".
    r"\b(?:all|everything) (?:part of|included in|in) the same (?:job|price|project|fee|quote)\b|"
    r"\bthis we include,? (?:of course|too|as well)\b|"
    r"\breduce (?:our|my|the) (?:fee|price|rate|quote)s? by\b|"
    r"\bat no (?:extra |additional )?(?:cost|charge)\b|\bthrow(?:ing)? in\b|"
    r"\b(?:\d+|five|ten|twelve|fifteen|twenty|thirty) ?(?:%|percent|persen) (?:off|discount|"
    r"reduction|lower|cheaper|less)\b|\b(?:a|an|my|our|special|small|little) (?:\w+ )?"
    r"(?:discount|reduction)\b|\bbring (?:it|the (?:whole )?(?:thing|price|cost|fee|total)) down\b|"
    r"\bbonus (?:from (?:my|our) side|page|month|feature|module)\b|"
    # Hours given away: "reach me any time, day or night", "weekends included", "24/7".
    r"\bany ?time,? day or night\b|\bday or night\b|\b24 ?/ ?7\b|\b24 by 7\b|\bround the clock\b|"
    r"\bweekends? included\b|\b(?:keep|leave) my phone on\b|\bwhenever you need(?: me)?\b|"
    r"\bat any hour\b|\bflexible (?:on|with|about|around|in the) (?:the )?(?:evenings?|weekends?|nights?|"
    r"hours|sundays?|saturdays?)\b|\b(?:call|message|text|ping|whatsapp) me (?:any ?time|whenever)\b"
    r"(?! (?:in|during|within) (?:office|working|business|my|normal) hours)|"
    # "i'll always pick up, whatever time it is", "on call around the clock", "the team works
    # through the weekend, whatever it takes", "I'll pick up. Whenever you call."
    r"\bwhatever time it is\b|\b(?:i'?ll|i will) always pick up\b|\baround the clock\b|"
    r"\b(?:i'?m|i am|i'?ll be|i will be) on call\b(?! (?:at|for) (?:my|a|the) (?:\w+ )?(?:rate|fee))|"
    r"\bwork(?:s|ing)? (?:through|over) the weekend\b|\bwhenever you call\b|\bweekends too\b|\beven on (?:weekends?|sundays?|saturdays?)\b|\bkapan (?:aja|saja) (?:bisa|siap|"
    r"aku siap|saya siap)\b|\b24 jam\b|\b(?:tengah )?malam (?:pun|juga) (?:bisa|oke|siap|aman)\b|"
    r"\b(?:weekend|sabtu|minggu) (?:juga|pun|tetap) (?:bisa|siap|aman|oke)\b|\bstandby terus\b|"
    # Planted calls, round 22 (regression): hours given away in Indonesian chat and formal.
    r"\b(?:hp|handphone|wa) (?:aku|saya|gue|gw) (?:nyala|aktif|on)\b|\bdua puluh empat jam\b|"
    r"\bjam (?:berapa|brp|brapa) ?(?:pun|aja|saja)\b|\bkapan ?pun (?:\w+ )?(?:telepon|telpon|chat|"
    r"hubungi|kabarin)\b|\b(?:weekend|sabtu|minggu)\b[^.!?]{0,20}\b(?:gpp|gapapa|gak papa|ga papa|"
    r"nggak apa|tidak apa)\b|\b(?:aku|saya|gue) standby\b|\bmasuk (?:sabtu|minggu|weekend)\b|"
    r"\bpasti (?:saya|aku) angkat\b|\bsepuasnya\b|\b(?:gak|nggak|tidak|ga) ada batas(?:nya)?\b|"
    r"\bberapa ?pun jumlahnya\b|"
    # Indonesian: "gratis", "free revisi", "diskon 10%", "potongan harga", "harga teman".
    r"\b(?:kami|saya|aku) ikut (?:aja |saja )?(?:di )?(?:angka |harga |budget |anggaran )?(?:\d|(?:se|dua|tiga|"
    r"empat|lima|enam|tujuh|delapan|sembilan)\w* (?:puluh|ratus|juta))|"
    r"\b" + TIDAK + r" usah (?:pakai |pake )?(?:dp|dihitung|mikirin|dipikirin|bayar)\b|"
    r"\b(?:gas|lembur|kerja) (?:pas |juga )?weekend\b|\bmalem ini (?:aku|saya) kerjain\b|\bbegadang\b|"
    r"\bgratis\b|\bcuma-cuma\b|\btanpa biaya(?: tambahan)?\b|\bdiskon\b|\bpotongan (?:harga|\d+|\w+ (?:belas |puluh )?persen)|\bharga teman\b|"
    r"\bfree (?:revisi|desain|konsultasi|logo)\b|\b(?:kasih|dapat|dapet|tambah) bonus\b|"
    r"\bbonus (?:dari (?:saya|aku|kami)|buat)\b|"
    # "sekalian aja aku bikinin", "kalau ada yang mau ditambah lagi bilang aja", "saya potong
    # 15%", "gue turunin ke 150 dari 180"
    r"\bsekalian (?:aja |saja )?(?:aku|saya|kami|gue) (?:bikinin|buatin|kerjain|tambahin|masukin|"
    r"bikin|buat)\b|\b(?:mau|perlu) ditambah(?:in|kan)? (?:lagi )?(?:bilang|kabarin|kasih tau) aja\b|"
    r"\b(?:saya|aku|kami|gue|gw) (?:potong|turunin|turunkan|kurangi|diskon)(?: (?:jadi|ke|harganya))? "
    r"\d",
    re.IGNORECASE,
)
# What turns a gift into a refusal or a replacement anywhere in its sentence (a sweetener
# after a refusal in the same sentence is missed: "I can't drop it, but a free month...").
REFUSED = re.compile(
    r"\b(?:not|never|no|nah|can'?t|cannot|won'?t|don'?t|doesn'?t|isn'?t|aren'?t|wouldn'?t|"
    r"wasn'?t (?:a|any) (?:discount|freebie|gift)|"
    r"without(?! (?:any )?(?:extra|additional) (?:payment|pay|charge|cost|fee))|"
    r"instead of|rather than|unlike|" + TIDAK + r"|tak|bukan|tanpa|daripada|"
    r"alih-alih|bukannya|jangan)\b",
    re.IGNORECASE,
)
# Something asked of the client in return; a sale alone is not a return.
IN_RETURN = re.compile(
    r"\bif (?:you|your|we)\b|\bas long as\b|\bprovided\b|\bin (?:exchange|return)\b|\bswap\b|"
    r"\bwhen you (?:pay|commit|sign up for|refer|book)\b|, and (?:i|we) (?:can|could|will|'ll)\b|"
    r"\b(?:upfront|deposit|in advance|sign-?off|referral|case study|testimonial|longer contract|"
    r"retainer)\b[^.!?]{0,40}\band (?:i|we)\b|"
    # "Sign phase two now and I'll take 10% off both" trades; "Sign today and..." does not.
    r"(?:^\s*|[.!?]\s*)(?:sign|commit to|book|pay)\s+(?!(?:it |this )?(?:today|now|this week|tonight)\b)"
    r"[^.!?]{3,60}\band (?:i|we)(?:'ll| will| can)\b|"
    # Less scope for less money: "I can drop the reporting module for 10% less".
    r"\b(?:drop(?:ping)?|remov\w*|take out|leav\w* out|skip(?:ping)?|fewer|less scope|smaller "
    r"scope|buang|hapus|kurangi|dikurangi)\b|"
    # "for 35 I can do the map and the status, and the alerts come in second phase"
    r"\b(?:comes?|go(?:es)?|moves?) (?:in|into|to) (?:a |the )?(?:second|next|later|another) "
    r"(?:phase|stage|release)\b|"
    r"\b(?:fase|tahap) (?:dua|kedua|berikutnya|selanjutnya)\b|"
    # "kalau perlu", "kalau ada apa-apa": an "if" that asks nothing in return.
    r"\b(?:kalau|kalo|klo)\b(?! (?:perlu|ada\b|butuh|urgent|darurat))|\b(?:asal|asalkan|"
    r"dengan syarat|sebagai gantinya|tukar)\b",
    re.IGNORECASE,
)
FOR_THE_SALE = re.compile(
    r"\bif you (?:do |decide to |choose to )?(?:go ahead|buy|choose us|pick us|go with us|say yes|"
    r"proceed|work with us|start with us)\b|"
    # "if you sign today" asks for the sale; "if you sign a twelve-month retainer" trades.
    r"\bif you (?:sign|book|commit|decide)\b(?=\s*(?:[,.!]|$|today|now|this (?:week|month)|by |"
    r"before |right away))|"
    r"\b(?:kalau|kalo|klo) (?:(?:bapak|ibu|kakak|kak|mas|mbak|anda|kamu|pak|bu) )?(?:setuju|jadi|"
    r"deal|ambil|lanjut|oke|ok|tanda tangan|teken|pilih)\b",
    re.IGNORECASE,
)
# "Two rounds of revisions free, beyond that billed" states terms: what is free is bounded.
PAID_BEYOND = re.compile(
    r"\b(?:beyond|after|more than|over) (?:that|those|two|three|\d+)\b[^.!?]{0,60}\b(?:bill\w*|"
    r"charg\w*|paid|pay|extra|quote\w*|cost)\b|\b(?:lebih dari itu|selebihnya|di luar itu|"
    r"tambahan(?:nya)?)\b[^.!?]{0,60}\b(?:biaya|bayar|berbayar|ditagih|dihitung|charge|extra)\b",
    re.IGNORECASE,
)
# "Without any commitment" refuses nothing: it is part of the gift ("tanpa komitmen apa pun").
# "So price isn't a worry" says why the gift is given, not that it is refused.
NO_STRINGS = re.compile(
    r"\b(?:tanpa|" + TIDAK + r") (?:ada )?(?:komitmen|ikatan)\b|\b(?:without|no) (?:any )?"
    r"(?:commitment|obligation|strings)\b|\bso (?:that )?(?:the )?(?:price|cost|budget|money) "
    r"(?:isn'?t|is not|won'?t be) (?:a |an )?(?:worry|problem|issue|concern|obstacle)\b|"
    r"\bso (?:that )?you (?:don'?t|do not|won'?t|will not) (?:feel|have to|need to|worry)\b",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# An offer taken back ("the free admin panel: I have to take that back", "saya tarik
# diskonnya"): the turn names the gift to withdraw it, which gives nothing (live rounds
# 20-22 listed such turns as given away).
TAKES_BACK = re.compile(
    r"\b(?:take|taking|took) (?:that|it|this|those|(?:the|my|our) \w+(?: \w+)?) back\b|"
    r"\bscratch that\b|\b(?:i|we) (?:withdraw|retract)\b|\bwalk (?:that|it) back\b|"
    r"\bshouldn'?t have (?:offered|said|promised)\b|\bon second thought\b|"
    r"\b(?:saya|aku|gue|gw|kami) (?:tarik|batalkan|batalin|ralat)\b|\b(?:ditarik|ralat)\b|"
    r"\b(?:nggak|gak|ga|tidak|enggak) jadi (?:gratis|diskon|bonus|free|potongan)\b",
    re.IGNORECASE,
)


def gift_spans(clean: str) -> list[Span]:
    """The gifts offered outright in the turn, in text order."""
    out: list[Span] = []
    if PAID_BEYOND.search(clean) or TAKES_BACK.search(clean):
        return out
    for sentence in SENTENCE.finditer(clean):
        text = sentence.group()
        if text.rstrip().endswith("?"):
            continue  # asked about, not given ("What discount did you have in mind?")
        if IN_RETURN.search(text) and not FOR_THE_SALE.search(text):
            continue  # traded: something is asked in return besides the sale
        if REFUSED.search(NO_STRINGS.sub(" ", GIFT.sub(" ", text))):
            # "about free mockups, honestly I don't do them" refuses the gift ("no extra
            # charge" is the gift's own "no").
            continue
        for m in GIFT.finditer(text):
            start = sentence.start() + m.start()
            out.append(Span(start=start, end=start + len(m.group()), text=m.group()))
    return out
