"""Phrase families for what a turn does in the conversation (moves), kept apart from logic.

Every pattern is linear-time: no nested or unbounded wildcards, so a 200 KB turn is
still scored in milliseconds.
"""

from __future__ import annotations

import re


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (outside groups and character classes)."""
    parts, depth, in_class, escaped, current = [], 0, False, False, ""
    for ch in pattern:
        if escaped:
            current, escaped = current + ch, False
            continue
        if ch == "\\":
            current, escaped = current + ch, True
            continue
        if in_class:
            current += ch
            in_class = ch != "]"
            continue
        if ch == "[":
            in_class = True
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    return [*parts, current]


def compile_phrases(pattern: str) -> re.Pattern[str]:
    """Compile a phrase family for speed: one leading word boundary shared by all the
    alternatives that start with one or with a letter, ASCII classes (the lists are English)."""
    alts = _alternatives(pattern)
    # A phrase starts at a word: "no." is not the end of "Harjono.", nor "i cant" the middle
    # of "presentasi cantik" (an Indonesian turn read as a refusal).
    bounded = [
        a[2:] if a.startswith(r"\b") else a for a in alts if a[:2] == r"\b" or a[:1].isalpha()
    ]
    rest = [a for a in alts if not (a[:2] == r"\b" or a[:1].isalpha())]
    parts = ([r"\b(?:" + "|".join(bounded) + ")"] if bounded else []) + rest
    return re.compile("|".join(parts), re.IGNORECASE | re.ASCII)


_rx = compile_phrases
# Indonesian "not", typed out or short ("sy tdk bisa", "gk jadi"): one list for every family.
TIDAK = r"(?:tidak|tdk|nggak|ngga|gak|gk|ga|enggak|ndak)"


# --- The trainee's turn -------------------------------------------------------------------

# Saying yes: agreement markers that open a sentence, or a demand echoed back as settled.
ACCEPT = _rx(
    r"(?:^|[.!?;,\u2014]\s*|\bso,? )(?:sure|of course|absolutely|totally|definitely|certainly|ok(?:ay)?|fine|"
    r"yes|yeah|yep|no problem|no worries|done|deal|agreed|you got it|will do|consider it done|"
    r"you'?re the boss|great|perfect|sounds good|happy to|for you)\b|"
    r"\b\w+ it is\b|\b(?:\d[\d,.]*k?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|grand) +it'?s(?= *(?:then\b|[.,!;]|$))|\b(?:that|this|\w+) works(?: for (?:me|us))?[.!]|\bagreed\b|"
    r"\b(?:i|we)(?:'ll| will) (?:make it (?:work|happen)|figure|absorb|eat|throw|fit it|squeeze|"
    r"stay up|add it|do it|send (?:them|it) (?:now|over)|stamp|book it|zip|have it|be there|hop on|"
    r"set my alarm|move (?:things|a couple)|get that approved|send (?:you )?everything|pull an all)|"
    r"\b(?:i|we) can do (?:that|it|twelve|fifteen|forty|sixty|twenty|\w+ (?:percent|hours|a seat))\b|"
    r"\bwe can do that\b|\b(?:i|we) can make (?:it|that|this) work\b|\bwhatever (?:you need|you want|you say|it takes|works|comes up|'?s easiest)|"
    r"\banything (?:for|you need|else)\b|\bcall (?:me )?(?:any ?time|whenever)\b|\bhere it is\b|"
    r"\bi promise\b|\bshipping it\b|\b(?:call|ring|text|message|email|reach) me (?:any ?time|whenever|"
    r"day or night)|\bday or night\b|\b24/7\b|\baround the clock\b|\bfor as long as you (?:need|want|"
    r"like)\b|\b(?:i|we) can (?:fit|slot|squeeze|absorb) (?!\w+ (?:if|once|when)\b)|"
    r"\bwithout any trouble\b|\bno trouble\b|\bno bother\b|\bgo on then\b|\bsure thing\b|\bcalling now\b|\bstarting now\b|\bi'?m in\b|\blet'?s (?:just )?do it\b|"
    r"\bmeeting in the middle\b|\b(?:'s|is|are) (?:fine|doable|ok(?:ay)?|no problem)\b|\bdoable\b|\bi guess (?:it'?s|that'?s) (?:fine|fair)\b|\bcould work\b|"
    r"\b(?:is|are|'s) (?:free|on (?:me|us|the house))\b|\bfree,? (?:of course|no problem)|"
    r"\bat no (?:charge|cost)\b|\bno (?:extra )?charge\b|\bwaive it\b|\bi'?ll waive\b|"
    r"\bi (?:can|could) (?:try|squeeze)\b|\bi'?ll try to\b|\bi'?ll do my best\b|\bwhy not\b|"
    r"\bi'?ll have a (?:quick )?look\b|\b(?:is|are) yours\b|\bon the house\b|\bfree (?:for|of charge)\b"
)
# Holding a limit: a refusal, a "not included", a price that stands, a line not crossed.
LIMIT = _rx(
    r"\b(?:i|we)(?: really| just| still| simply)? (?:can'?t|cannot|won'?t|don'?t|do not|will not|"
    r"wouldn'?t|shouldn'?t|couldn'?t) (?!worry|mind|know|wait|thank|believe|have you\b|lose|forget|miss)\w+|\bi'?d (?:really )?rather (?:not|keep)\b|"
    r"\bi'?m not (?:going|able|willing|about)\b|\bnot (?:included|part of|in (?:this|the|our) "
    r"(?:scope|package|engagement)|at (?!all\b)\w+|to \w+ or|on (?:spec|the same)|for free|tiny|the same job|"
    r"unlimited|something)\b|\bjust not\b|\b(?:isn'?t|aren'?t|doesn'?t|is not|are not|does not) "
    r"(?:in|part|included|something|tiny|the same|unlimited|work|cover)\w*|\boutside (?:this|the|my|our)\b|"
    r"\b(?:stays|stands)\b|\bis what it is\b|"
    # "the rate doesnt move", "price doesnt move", "theres no padding", "thats the quote"
    r"\b(?:rate|price|quote|fee)s? (?:doesn'?t|does not|won'?t|will not|isn'?t going to) "
    r"(?:move|budge)\b|\b(?:there'?s|there is) no (?:padding|fat|wiggle room)\b|"
    r"\bthat'?s the (?:quote|price)(?=\s*[.!]|\s*$)|\b(?:is|are) (?:billable|extra|separate|a separate|a "
    r"different)\b|\bseparate(?:ly)?\b|\bchange order\b|\bexpired\b|\bnot happening\b|\bup to (?:\w+ ){0,2}(?:people|persons|"
    r"hours|rounds|days|pages|guests|calls|revisions|users|changes|visits)\b|\b(?:is|are) (?:limited|"
    r"capped) (?:to|at)\b|\bmaximum of\b|\bno more than\b|\b(?:new|extra|additional|out of|outside (?:the )?|"
    r"beyond (?:the )?)scope\b|\b(?:isn'?t|is not|aren'?t|are not|not) (?:possible|doable|feasible|realistic|"
    r"an option|covered)\b|\b(?:it|that|this) (?:can'?t|cannot|won'?t) be\b|\bno chance\b|\babsolutely not\b|"
    r"\b(?:additional|extra|further|another) \w+ (?:is|are|would be|costs?|runs?)\b|\b(?:is|are) "
    r"(?:charged|billed|priced|quoted) (?:at|separately|extra|on top)|\bat my (?:usual|normal|"
    r"standard|emergency|weekend|rush|full) rate\b|\bon top\b|\bnobody can\b|\bno one can\b|"
    r"\bi (?:only|keep|hold|stick)\b|\bi'?m (?:fully )?(?:off|offline|booked|on other)\b|\bso,? no\b(?=\s*[,.!;\u2014-]|\s*$)|"
    r"\bthat'?s not (?:something|tiny|in|included|part)|\bextra (?:rounds?|time|hours?|calls?|work) "
    r"(?:is|are)\b|\bi don'?t (?:do|work|train|take|discount|offer|shoot|quote)\b|"
    r"(?:^|[.!?]\s*)no\b(?=\s*[,.!;\u2014-]|\s+(?:thanks|thank))|\boutside (?:what|of what)\b|"
    r"\b(?:includes?|covers?|comes? with) (?:\w+ ){0,2}(?:rounds?|hours?|revisions?|calls?|days?|"
    r"pages?|visits?|sessions?|changes?)\b|\bafter that,? (?:it'?s|it is|(?:i|we) charge)\b|"
    r"\b(?:i|we) (?:start|begin|send|release|deliver) (?:once|when|after|the moment)\b|"
    # "my portfolio is the sample, no free work"
    r"\bno (?:free|unpaid|spec) (?:work|samples?|mock-?ups?|designs?|screens?|pilots?|trials?|"
    r"audits?|labou?r)\b|\bportfolio is the sample\b|"
    # Taking a giveaway back holds the line: "I should not have offered that freebie so
    # quickly, my mistake. Tonight is only the banner, at the rush rate."
    r"\b(?:let me |i )?take (?:that|it) back\b|\bscratch that\b|\bshould(?: not|n'?t) have "
    r"(?:offered|said|promised|agreed)\b|\bwalk (?:that|it) back\b|"
    # Indonesian: "nggak bisa", "harga tetap", "di luar scope", "biaya tambahan", "saya tarik
    # lagi", "ralat", "nggak jadi" (the phrase lists above are English).
    r"\b" + TIDAK + r" bisa (?:saya |sy |aku )?(?:kasih|turun|ditawar|gratis|"
    r"dikurangi|masuk|ikut|kerjakan|ambil|lebih)\b|\bharga(?:nya)? (?:saya |aku )?(?:tetap|udah pas|"
    r"sudah pas|pas)\b|\b(?:di luar|diluar) (?:scope|lingkup|paket)\b|\b(?:ada|kena|dengan|dikenakan) biaya tambahan\b|\bbiaya tambahan (?:rp|\d|sebesar)|"
    r"\b(?:ada )?biaya(?:nya)? (?:sendiri|terpisah)\b|\bberbayar\b|\b(?:saya|aku) tarik\b|\bralat\b|"
    r"\b" + TIDAK + r" jadi\b|\b(?:tanpa|" + TIDAK + r" ada) diskon\b|"
    r"\bmaksimal \w+ (?:kali|revisi|jam)\b|\bsetelah (?:dp|DP|pembayaran)\b|"
    r"\b"
    + TIDAK
    + r" (?:saya |sy |aku )?(?:potong|dipotong|turun|turunkan|diturunkan|dikurangi)\b|"
    r"\b(?:saya|sy|aku|gue|gw) " + TIDAK + r" bisa\b(?! (?:nolak|menolak))|"
    r"\b(?:bonus|gratis|diskon)(?:nya)? " + TIDAK + r" ada\b|"
    r"\bberdiri sendiri\b|\btetap seperti yang (?:saya|aku) (?:bilang|sebut)\b|"
    r"\b(?:harga|biaya)(?:nya)? (?:\w+ )?tetap\b"
)
# Explaining why the limit is there.
REASON = _rx(
    r"\b(?:because|since|so that|so nothing|so i'?m|that'?s why|the reason|to keep|to protect|"
    r"otherwise|in order to|which (?:means|is)|it would|would push|means|the margin|covers?|"
    r"doesn'?t cover|my licen[cs]e|liabilit\w*|is the work|i'?d be \w+ing|costs? me|"
    r"once we'?ve|after that|a wrong (?:number|one))\b|\b(?:is|are) (?:\w+ )?(?:the work|real "
    r"\w+s|a different (?:job|skill|project))\b|[:\u2014]"
)
# Offering another way forward.
ALTERNATIVE = _rx(
    r"\b(?:instead|what i can (?:do|promise)|i (?:can|could) (?:offer|do|quote|set up|send|hold|"
    r"walk|refer|price|have|give|tie|get|bring|take|commit|work|lock)|how about|what if|alternatively|"
    r"(?:one|another|an) option|(?<!glad )(?<!great )(?<!nice )(?<!happy )(?<!that )we could|happy to|glad to|want me to|shall i|could (?:the|we|it)|"
    r"would (?:bring|feed|it help|that)|i'?ll (?:hold|quote|send|be on it|test|be on-site|"
    r"credit|fold|add|put|set|have|give|tie|pull|call|look)|in exchange|in return|or refer|"
    r"for (?:everything|anything) else|rather than|can be done|you can call|you'?ll (?:get|hear)|"
    r"starter now|a paid|paid \w+|flat[- ]fee|phase (?:one|two|1|2)|if (?:it|you|budget|that)\b)"
)
# A trade: something from the client in return for something from us.
CONDITION = _rx(
    r"\bif (?:you|we|your)\b|\bas long as (?!you (?:need|want|like))|\bprovided\b|\bin exchange\b|\bin return\b|"
    r"\bon condition\b|\bwith (?:a|the) (?:bigger|longer|larger|standing|twelve|weekly)|\bfor a "
    r"(?:standing|longer|bigger|weekly|twelve)|\bcommit to\b|\bcredited\b|\bcredit (?:it|me)\b|"
    r", and (?:i|we)(?:'ll| can| could| will)\b|\bthen (?:i|we) (?:can|could|'ll)\b|\bthat way\b|"
    r"\bpaired with\b|\bpair it with\b|\bswap\b|\btrade\b|\bif we\b|"
    r"\bfor (?:more|less|fewer|extra)\b|\bif i (?:get|give|take|can have|could have)\b|"
    r"\bplus a (?:royalty|bonus)\b|\bshare the risk\b|\btie part\b|\b(?:the moment|as soon as|"
    r"once|after) (?:the|your|you|it'?s|we)\b|(?:^|[.!?]\s*)(?:give|get|send|book|sign|commit|pay|"
    r"take|drop|lock|move|push|put|add|cut|swap|confirm|agree|choose|pick|book|appoint|refer|order|"
    r"prepay|introduce|extend|buy)\b[^.?!]{0,120}\band\b|(?:^|[.!?]\s*)(?:for|with|when|after|once) "
    r"[^,.?!]{3,80}, (?:i|we) (?:can|could|'ll|will)\b"
)
# Naming what the client gets out of it.
THEIR_GAIN = _rx(
    r"\byou (?:get|save|see|keep|hit|launch|lock|spread|learn|roll|walk|have|know|only pay|pay "
    r"(?:less|only|nothing))\b|\byou'?re (?:never|protected|covered|safe|not (?:stuck|locked|paying))\b|\bfor you\b|\byour (?:budget|launch|date|numbers|team|customers)\b|\bsaves? "
    r"(?:you|us both)\b|\bbudget certainty\b|\bcheaper for you\b|\bfixed budget\b|\bfewer surprises\b|"
    r"\bno surprises\b|\b(?:matters?|is important) to you\b|\byou (?:need|want|'?d like) (?:a|an|the)\b|\bsomeone fresh\b|\blow risk for you\b"
)
# Naming what we get, or both sides together.
BOTH = _rx(
    r"\b(?:i|we) get\b|\bfor (?:me|us)\b|\bboth\b|\bus both\b|\beach other\b|\bwin[- ]win\b|"
    r"\bskin in the game\b|\bworks? for (?:both|us)\b|\bi learn\b|\bi can (?:plan|afford)\b|"
    r"\bmy (?:hours|calendar|kitchen|driver|crew)\b|\bsteady\b|\bfair shot\b|\bless of a crunch\b|"
    r"\bwe both\b|\b(?:matters?|is important|counts) to (?:me|us)\b|\b(?:i|we) need (?:a|an|the|to|time)\b|\blonger runway\b|\bnot working (?:months|for free)\b"
)
# One-sided terms handed to the client: "you'll have to", "take it or leave it".
ZERO_SUM = _rx(
    r"take it or leave it|final offer|non[- ]?negotiable|that'?s my price|not my problem|"
    r"you (?:have to|must(?! be| have been| know| feel| get)|'?ll have to|need to accept)|or i walk|find someone else|your loss|"
    r"\bthen walk\b|your call[.!]|all or nothing|or i'?m out|come back when|call around|"
    r"you want the \w+, you pay|is the price|(?:my|our) rate is (?:my|our) rate|no way|"
    r"same for everyone|we'?d need you to|you accept the price|that'?s just business|"
    r"there'?s a dozen|you'?re better off|you'?ll need a bigger|go elsewhere|hard pass|"
    r"doesn'?t pay (?:the|my) (?:bills|rent)|won'?t discuss|is the going rate|(?<!to )pick one[.!]|"
    r"either (?:we|you|i) \w+ (?:the|fixed)|we won'?t|"
    # "That's never going to happen" to the client; "tomorrow's not going to happen" is the
    # trainee taking back their own date.
    r"(?:that|this|it)(?:'s| is| was)? (?:never|not) going to happen|"
    # "maybe you can find other company, we have enough projects"
    r"find (?:an)?other (?:company|vendor|supplier|agency|freelancer|developer)|(?:we|i) have "
    r"(?:enough|plenty of) (?:projects|clients|work)\b|(?:founders|clients) waiting for a slot"
)
# Answering back: correcting, justifying, lecturing the client.
REBUT = _rx(
    r"\bi'?d push back\b|\bi(?:'?d| would)? disagree\b|\bthat'?s not (?:really )?the (?:real )?(?:problem|issue|"
    r"point)\b|\blooking at it (?:the )?wrong\b|\bthe real (?:issue|problem) is\b|\bthat'?s not (?:accurate|right|the case)\b|"
    r"(?:^|[.!?]\s*)(?:actually,? (?:i|we|it|that|the|you)|with respect,|because (?:we|our|my)|"
    r"what you'?ll find|that'?s not "
    r"(?:really )?(?:fair|true)|i did\b|i'?ve (?:double[- ])?checked|it'?s (?:very|really|super|"
    r"basically|completely) |then i'?d suggest|what i can tell you)|\b(?:every|most|all) "
    # "all your sites" names the client's own; "most clients" generalises over them.
    r"(?:(?!(?:your|our|their|the|my|these|those|of)\b)\w+ )?(?:people|clients|customers|couples|practices|members|teams|fleets|sites|listings|"
    r"architects|builders|renovations|vendors|consultants|lists)\b|\bis always\b|\bactually super\b|\bdon'?t (?:worry|panic|stress)\b|\bnothing to "
    r"(?:stress|worry)|\bwon'?t happen\b|\b(?:is|are) (?:really |very |pretty )?(?:rare|routine|"
    r"intuitive|impossible|unfair|unrealistic)|\bisn'?t realistic\b|\bpeople get used\b|\bif you "
    r"read\b|\bwouldn'?t worry\b|\byou get what you pay\b|\bwe'?re not going anywhere\b|"
    r"\b(?:it|that|this|he|she|they) won'?t (?:happen|rain|break|fail|go wrong|be (?:a|an) "
    r"(?:problem|issue))\b|\byou'?re in (?:\w+ )?(?:safe|good) hands\b|\brest assured\b|"
    r"\bno need to worry\b|\byou have nothing to\b|"
    r"\bnot really fair\b|\brelax\b|\btrust me\b|\bnot a big deal\b|\bno big deal\b|"
    r"\bthese things happen\b|\bit happens\b|\byou'?ll be fine\b|\bbright side\b|(?:^|[.!?,;]\s*)at least (?:you|it|they|he|she|that)\b|"
    r"\bcould be worse\b|\bget over\b|\bmove on\b|\bgreat opportunity\b|\bblessing in disguise\b|"
    r"\blook at it this way\b|\bon the plus side\b|\bsilver lining\b|\bfigure these things out\b|\bwon'?t really help\b|\bdoesn'?t pay\b|"
    r"\bwhat (?:you'?ve heard|you need to know) is\b|\bi do have other clients\b|\bthat'?s not "
    r"(?:really )?fair\b|\bno need to (?!apologi|write|note|take|bring|prepare|send|do anything|decide)|\bmost (?:people|clients|couples|practices|"
    r"members|teams|fleets|sites)\b|\bwe'?ve (?:moved|got|been|done)\b"
)
# Talking about ourselves: product, process, credentials.
PITCH = _rx(
    r"\bwe offer\b|\bour (?:new |latest |premium |standard |full |basic )?(?:\w+ )?(?:package|"
    r"release|version|product|tool|feature|offer|plan)s?\b|"
    r"\bour (?:product|platform|solution|service|services|package|packages|agency|team|"
    r"process|methodology|audits|reviews|pricing|clients|customers|seed|rates|costs|crews|system|"
    r"minimum)\b|\bwe have (?:a|an|over|the)\b|\bwe'?re (?:strictly|the best|cheaper|actually)\b|"
    r"\bwe (?:specialize|provide|use|keep|guarantee|report|never|doubled)\b|"
    r"\bwhat makes us\b|\bcase study\b|\bour platform\b|\bcutting[- ]edge|\bstate[- ]of|"
    r"\bindustry[- ]leading|\bbest[- ]in[- ]class|\bi'?ve been doing this\b|\b\w+ years\b(?= and| of|,)|"
    r"\bi'?ll (?:put|send) (?:a|the) (?:change order|proposal|agreement|contract|invoice)|"
    r"\bwe'?d start with\b|\bwhat i'?d do (?:first|is)\b|\bwhat we'?d do\b|\bwe can definitely\b|"
    r"\bcan i show you\b|\bshall i walk you through\b|\b(?:premium|basic|full|signature) "
    r"(?:package|tier|one|audit)\b|\bi'?ll do a (?:quick )?\w+ for you\b|\bfirst, we\b|"
    r"\bhere'?s (?:a|the|my) (?:draft|plan)\b|\bexactly where (?:\w+ )?(?:helps?|comes? in)\b"
)
# Stock empathy used as a preface to a rebuttal or a pitch.
STOCK = _rx(
    r"\b(?:i (?:\w+ )?understand|i hear you|i hear that|i (?:totally )?get it|"
    r"totally (?:get|understand)|i'?m (?:so )?sorry to hear|i can imagine|no worries|understood|"
    r"that makes sense|fair enough|that'?s fair|i appreciate|makes sense)\b"
)
PIVOT = _rx(
    r"\b(?:but|however|though|anyway|that said|still|the good news|luckily|fortunately|the "
    r"upside|regardless|unfortunately|sadly|that being said|even so|nevertheless|nonetheless)\b|"
    r"(?:^|[.!?]\s*)so,"
)
# Reflecting the client's experience back to them.
REFLECT = _rx(
    r"(?<!probably )(?<!that )\bsounds like\b|\bif i'?ve got (?:it|that|this|you) right\b|\bplay (?:that|it|this) back\b|\bcheck (?:that )?i'?ve understood\b|\bif i'?ve "
    r"understood\b|\bif i'?m (?:hearing|reading|understanding) you (?:right|correctly)\b|\bit sounds\b|\bso you(?:'re|'ve| are| have| were| want| need)?\b(?! know\b)|"
    r"\byou(?:'ve been| have been| feel| felt| trusted| paid|'re picturing|'re stuck|'re worried|"
    r"'re caught| were left| got burned| lost)\b|\bmust (?:be|have been|feel)\b|\bthat'?s (?:a lot|hard|awful|"
    r"miserable|no fun|not just|fixable|stressful|a real|a strong|exactly what)|\bno wonder\b|"
    r"\bi'?d be (?:the same|exactly|annoyed|out of|asking|wary)|\banyone\b|\bin your (?:shoes|seat)\b|"
    r"\bi (?:also )?heard\b|\bi can see why\b|\bi can hear\b|\bthat (?:stings|can'?t have)\b|"
    r"\bcan'?t have been\b|\bwould make anyone\b|\bis a strong word\b|\bouch\b|\boh no\b|"
    r"\bit'?d be strange\b|\bthank(?:s| you) for (?:telling|saying|letting|being)\b|"
    r"\bnothing to be embarrassed\b|\bno need to apologi[sz]e\b|\bdon'?t apologi[sz]e\b|"
    r"\bso the (?:real |main |big |bigger )?(?:worry|concern|issue|question|fear|problem|risk|"
    r"headache) is\b|\b(?:caught|stuck) in the middle\b|\byou'?re left\b|\bleft (?:holding|"
    r"explaining|carrying)\b|\bin an? (?:tough|awkward|hard|difficult) (?:spot|position)\b|"
    r"\bput on the spot\b|\bthe last thing you need\b|\byou'?re (?:\w+ )?(?:running|swamped|"
    r"stretched|slammed|juggling|dealing|carrying|up against|worn|exhausted|frustrated|worried|"
    r"nervous|anxious|under)\b|\bi'?m guessing\b|\bi imagine\b|\bi suspect\b|\bmy guess is\b|"
    r"\b(?:i'?d|i would|would)\b[^.?!]{0,80}\b(?:too|as well)\b(?=[.!?,;]|$)"
)
# A question that asks the client to open up rather than to commit.
EXPLORE_Q = _rx(
    r"\b(?:what|which|how|who|when|where|why)\b[^?.!]{0,120}\?|\btell me\b|\bwalk me through\b|"
    r"\bwant to talk\b|\bis it (?:the|all)\b[^?.!]{0,120}\?|\bare these\b|\bdo you know\b|"
    r"\bhas (?:anything|anyone)\b|\bhumou?r me\b|\bpicture\b|"
    r"\b(?:is|are|was|were|do|does|did)\b[^?.!]{0,100}\bor\b[^?.!]{0,80}\?|"
    r"\b(?:can|could) you (?:forward|send|share|show) me\b[^?.!]{0,100}\?"
)
# A question or close that asks for commitment, not understanding.
PUSH = _rx(
    r"\b(?:could|can|would) (?:you|we) (?:sign|get (?:it|the paperwork|everyone)|commit|close)|"
    # "Shall I send the contract over?" presses; "Shall I send you two names?" offers.
    r"\bshall (?:we|i) (?:go ahead|set|hold|walk|book|send (?:(?:it|you|them) )?(?:the |over )?"
    r"(?:contract|agreement|invoice|paperwork|papers|order form|docusign))|\bready to (?:move forward|sign)|"
    r"\bdeal\?|\bwant it\?|\bwould you (?:like to|be willing|consider)|\bare you willing\b|"
    r"\bwill you (?:sign|commit|agree|donate|pay|take|go)|\bcan you (?:commit|agree|donate|pay)\b|"
    r"\bhow much\b[^?.!]{0,40}\b(?:giv|donat|pay|spend|commit|invest|put in|count on|sign)|"
    r"\bwhy not (?:just )?(?:give|pay|sign|buy|commit|go ahead|take|donate|book)\b|\bare you "
    r"interested in (?:\w+ing|signing|buying|donating)\b|\byou(?:'re| are) (?:donating|paying|"
    r"signing|committing|buying)\b[^?.!]{0,60}\?|\bhow about just\b|"
    r"\bhow (?:would|do) you feel about (?:\w+ing|a (?:deposit|donation|contract))\b|\bwant to see how\b|\bhow'?s (?:thursday|monday|friday|tuesday|wednesday)\b|"
    r"\bare we (?:still )?good to\b|\bdoes that work for your budget\b|\bwhen would you like to "
    r"book\b|\bsign (?:it|off) by\b|\bshake on it\b|\bin the next hour\b|\block in\b|"
    r"\bcan i (?:show|send) you\b|\bshall i walk\b|\bdiscount ends\b|\bwould that (?:work|address)"
)
# Acting or answering at once: a number, a plan, a yes, a done.
INSTANT = _rx(
    r"(?:^|[.!?]\s*)(?:yes|done|calling now|on it|i'?m in|here'?s|first,|ballpark|what i'?d do)|\b(?:right now|"
    r"within the hour|starting now|tonight|right away)\b|\bwe can start\b|\b\d[\d,.]*k?\b|\b(?:ten|"
    r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand)\b"
)
# Slowing things down, checking before answering, giving room.
DEFER = _rx(
    r"\bbefore (?:i|we) (?:answer|react|talk|lock|suggest|start|send|get|respond|give|quote|put)\b|"
    r"\blet me (?:check|understand|take|think|pull|look|make sure|confirm)\b|\bi'?ll (?:pull|look at it|"
    r"check)\b|\bslow (?:down|ly)\b|\bone (?:at a time|piece at a time|question first)\b|"
    r"\btake (?:whatever time|your time|a breath|it slowly)\b|\bno rush\b|\bi'?d rather (?:get it right|"
    r"not guess)|\bnot (?:going to )?decide\b|\bon the spot\b|\bso i'?m not guessing\b|\bgive me two "
    r"minutes\b|\bi don'?t want to (?:give|say)\b|\bi'?d be guessing\b|\bit depends\b|\bmaybe\.|"
    r"\bpossibly\.|\bhumou?r me\b|\bthen we talk\b|\bso (?:i|we) can (?:read|check|look|understand|see|review)\b|"
    r"\bnot going to argue\b|\b(?:give|send|tell) me (?:the|your|a|an) [\w-]+(?: [\w-]+)? (?:and|then|first)\b|"
    r"\b(?:quote|guess|price it|answer) blind\b|\bcall you (?:back|by)\b|\bfirst\b(?=[^?]{0,60}\?)"
)
# Vague non-answers to a demand.
HEDGE = _rx(
    r"\bi'?ll see (?:what|how)\b|\blet me see\b|\bi might\b|\bmaybe\?|\bwe'?ll see\b|\bpossibly\?|"
    r"\bi'?ll think about it\b|\bget back to you\b|\bi suppose\b|\bi'?m not sure\b|\bno promises\b|"
    r"\bsee what i can do\b|\bfigure something out\b|\bi probably\b|\btricky\b"
)
OVER_APOLOGY = _rx(
    r"\b(?:so|really|terribly|very) sorry\b|\bi apologi[sz]e\b|\bmy apologies\b|\bsorry,? sorry\b|"
    r"\bi feel terrible\b|\bi hate it too\b|\bif that'?s okay\b|\bsorry\.\s*$"
)
HOSTILE = _rx(
    r"\b(?:that'?s|is|are|you'?re|so|totally|completely) (?:ridiculous|absurd)\b|\byou'?re wrong\b|\bnot my problem\b|\bcalm down\b|\byou people\b|\bstupid\b|"
    r"\bidiot\b(?!-? ?proof)|\bnonsense\b|\bget real\b|\bare you kidding\b|\bshut up\b|\bwasting my "
    r"time\b|\bi don'?t care\b|\bdeal with it\b|\bgrow up\b|\bpathetic\b|\bthen walk\b|"
    r"\bin their right mind\b|\bnot a charity\b|\bso now you want\b|\bwho do you think\b|\bisn'?t my (?:emergency|problem|fault|issue)\b|\bthat'?s on you\b|"
    r"\byour (?:poor|bad|lack of|own bad)\b|\bstick to\b|\band you know it\b|\byou know it\s*[.!]|\bif you read it\b|\bi'?m not about to\b|\blying\b|"
    r"\bthreatens\b|\bwhich is it going to be\b"
)
# Jumping to a fix: solving before the client feels heard.
SOLVE = _rx(
    r"\b(?:i|we)(?:'ll| will| can) (?:fix|sort|handle|solve|take care of|get (?:it|that|this) "
    r"(?:fixed|sorted|done))\b|\bthe (?:fix|solution|answer) is\b|\bwhat you need (?:is|to do)\b|"
    r"\byou (?:should|need to|just need|just have to)\b|\bthe best thing (?:to do|is)\b|"
    r"\bstep one\b|\bhere'?s what (?:we|you|i)\b"
)
# Asking for a moment is not a trade: "give me twenty minutes and I'll...".
TIME_ASK = _rx(
    r"\bgive me (?:\w+ )?(?:minutes?|moments?|seconds?|secs?|hours?|a bit|a sec|an hour|a day)\b"
)
# Meeting in the middle: a concession by arithmetic, not a trade of interests.
SPLIT = _rx(r"\bsplit (?:the|it|our) difference\b|\bmeet (?:you )?in the middle\b|\bhalfway\b")
# A quiet yes: a first-person promise; it accepts only when it answers the demand itself.
COMMITS = _rx(
    r"(?:^|[.!?;,\u2014]\s*|\band )(?:i|we)(?:'ll| will)(?! not\b) (?!try\b|need\b|check\b|look\b|"
    r"pull\b|think\b|come back\b|get back\b|call you\b|send you (?:the|a) (?:thread|email|proposal|"
    r"quote)\b)\w+[^.?!]{0,120}"
)
SOON = _rx(
    r"\b(?:now|tonight|today|tomorrow|this (?:weekend|evening|afternoon|morning)|first thing|asap|"
    r"right away|straight away|immediately|by (?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|the end))\b"
)
# An appeal to fairness: part of the rubric's win-win anchor.
FAIR = _rx(
    r"\b(?:fair|fairer|fairest|fairly|fairness|equal(?:ly)?|even(?:ly)? split|split (?:it )?evenly|"
    r"balanced?|reasonable for (?:both|us|you)|same for both)\b"
)
