"""The words a client hears tone and intent in: put-downs, hurries, caves, small talk, goodbyes.

Kept apart from listening.py, which decides what the turn did from these, the referee's
signals and the act reader.
"""

from __future__ import annotations

import re

# What a client hears as a put-down or a hurry even when the referee's scoring does not
# count it (it scores skills; the client reacts to tone). Kept small on purpose.
RUDE = re.compile(
    r"\b(?:ridiculous|absurd|nonsense|stupid|idiot(?!-? ?proof)\w*|clearly (?:don'?t|do not) (?:understand|get)|"
    r"you'?re (?:wrong|overthinking|being unrealistic)|not how (?:it|this|that) works|"
    r"waste of (?:my )?time|get over)\b",
    re.IGNORECASE,
)
MONEY = re.compile(
    r"\b(?:budget|price|pric\w+|cost|costs|rate|pay|spend|afford|invest\w*|fee|quote|money)\b", re.I
)
DEMANDS = re.compile(r"\b(?:tell|give|show) me\b|\bwhat'?s your\b|\bi need to know\b", re.I)
SELF_TALK_WORDS = 15
# The client asked to hear what the trainee understood: what follows is a playback, even
# when it reads like a plan ("one tool across all your sites... did I miss anything?").
PLAYBACK_ASKED = re.compile(
    r"\b(?:show|tell) me (?:that |what )?you(?:'ve| have)? (?:understood|understand|heard|got)\b|"
    r"\bwhat (?:have|did) you (?:understood|understand|heard|hear|got|get)\b|"
    r"\btunjukkan dulu kamu paham\b|\b(?:apa|coba) (?:yang )?(?:kamu|anda) (?:tangkap|pahami)\b",
    re.IGNORECASE,
)
# "Does the paid day work for you or not?" asks about the offer on the table, not about the
# client's business: no answer line is owed, the offer is what gets a reaction.
OFFER_ASKED = re.compile(
    r"\b(?:does|would|will|is|can) (?:that|this|it|the [\w -]{1,25}?) (?:work|suit|sound|fit|do)\b|"
    r"\b(?:cocok|oke|setuju|bisa diterima) (?:nggak|gak|ga|tidak|kah)\b|"
    # A bare "Gmn?" or "Deal?" after a proposal asks what the client makes of it.
    r"^\W*(?:jadi |terus |so )?(?:gmn|gimana|gmana|bagaimana|deal|ok|oke|okay|setuju|cocok|"
    r"how about (?:it|that)|thoughts|what do you think)"
    r"(?: (?:kak|ka|pak|bu|mas|mbak|bang|sis|ya|nih|dong|then))?\W*$",
    re.IGNORECASE,
)
# Telling the client what they think, or waving their worry away: heard as answering back.
TALKS_DOWN = re.compile(
    r"\byou'?d agree\b|\bwouldn'?t you (?:agree|say)\b|\bdon'?t you think\b|\bsurely you\b|"
    r"\byou must admit\b|\bnever happens\b|\bwon'?t (?:ever )?happen\b|\bwouldn'?t (?:even )?worry\b|"
    r"\bnothing to worry about\b|\bnot (?:really )?listening\b|\banyone could\b",
    re.IGNORECASE,
)
# Asking the client to say it again: answered as that, never read for a topic.
MISSED_IT = re.compile(
    r"\bwhat was that\b|\bsay (?:that|it) again\b|\bcome again\b|\bdidn'?t (?:catch|hear) (?:that|it|you)\b|"
    r"\bmissed (?:that|it|what you said)\b|\bcould you repeat\b|\bsorry,? what\?",
    re.IGNORECASE,
)
MISSED_IT_WORDS = 14
# Thanks and goodbye: the client says goodbye back.
FAREWELL = re.compile(
    r"\b(?:speak|talk|chat) (?:to you )?(?:soon|then|(?:on )?(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day|next week|tomorrow)\b|"
    r"\b(?:bye|goodbye|take care)\b|\bhave a (?:good|great|nice|lovely) (?:one|day|week|weekend|evening)\b|"
    # "Sip pak, makasih waktunya ya", "sampai jumpa Kamis"
    r"\b(?:makasih|terima ?kasih)(?: banyak)? (?:atas )?waktu(?:nya)?\b|\bsampai (?:jumpa|ketemu|nanti)\b|"
    r"\b(?:dadah|pamit dulu)\b",
    re.IGNORECASE,
)
# Goodbye words themselves, in either language: a first line holding one is no greeting.
GOODBYE = re.compile(
    FAREWELL.pattern + r"|\bsampai (?:jumpa|ketemu|bertemu|nanti)\b|\b(?:dadah|pamit|dah dulu)\b",
    re.IGNORECASE,
)
# "We hear that one a lot": putting the client at ease, not talking about us.
NORMALISES = re.compile(
    r"\bwe (?:hear|see|get) (?:that|this)(?: one)? (?:quite )?(?:a lot|all the time|often)", re.I
)
# How I work, unasked: "I usually start with a discovery phase, then sketches, then..."
PROCESS_TALK = re.compile(
    r"\b(?:how i work|the way i work|my (?:process|approach|method)|i (?:usually|always|normally|"
    r"typically) (?:start|begin|kick off|do|work|run)|our (?:process|approach|method))\b",
    re.IGNORECASE,
)
# "We talk tomorrow 10", "then we meet again": the two of us, not the firm.
WE = re.compile(
    r"\b(?:we(?! (?:talk|speak|meet|catch up|chat|agree|decide)\b)|we'\w+|our|us|ours)\b",
    re.IGNORECASE,
)
# "Here is what I can do: ... Would that work?" asks about an offer; it rushes nobody.
OFFER_CHECK = re.compile(r"^(?:would that (?:work|address)|how about just)", re.IGNORECASE)
SCOPE = re.compile(
    r"\b(?:phase|stage|first (?:version|release|piece|part|step)|scope|smaller|pilot|start with|"
    r"must-haves?|second round|later|extra|deadline|timeline|weeks?|months?)\b",
    re.IGNORECASE,
)
# Giving in to whatever the client wants, with nothing asked back.
# "Sure, whatever you think is best"; advice that ends "...whatever you decide" gives nothing.
CAPITULATES = re.compile(
    r"\b(?:yes|yeah|sure|fine|okay|ok|absolutely|of course|no problem|happy to)\b[^.?!]{0,40}"
    r"\b(?:whatever|anything) you (?:think|want|say|need|prefer|decide)\b|"
    r"\bwhatever you (?:think|want|say|need|prefer|decide) (?:is|works|goes)\b|"
    r"\banything you (?:want|say|need)\b",
    re.IGNORECASE,
)
# The small-talk questions themselves (not the thanks around a real question).
_DAY_Q = (
    r"\bone of those (?:days|weeks)\b|\b(?:busy|calm|calmer|hectic|crazy|quiet) (?:day|week|morning|one)\b|"
    r"\bhow(?:'?s| is| are| was| has| have)? (?:your|the|you|things|life|everything|it)(?: been)? "
    r"(?:week|day|weekend|morning|afternoon|month|trip|holiday|summer|doing|going)\b(?!-)|"
    # "Apa kabar?", "Bapak sendiri bagaimana?", "minggu ini sibuk?"
    # ...and typed fast: "bapak gmn kabarnya?", "kbr baik?", "apa kbr"
    r"\b(?:apa (?:kabar|kbr)|(?:gimana|bagaimana|gmn|bgmn|gmna) (?:kabar|kbr)\w*|"
    r"(?:kabar|kbr)\w* (?:baik|gimana|bagaimana|gmn))\b|"
    r"\b(?:bapak|ibu|pak|bu|kak|kakak|mas|mbak|sampeyan|anda|kamu) sendiri (?:bagaimana|gimana)\b|"
    r"\b(?:minggu|hari) ini (?:sibuk|padat|ramai|lancar)\b|"
    # The question handed back: "busy but good, thanks for asking. how about yours?"
    r"\b(?:how|what) about (?:you|yours|yourself|your (?:week|day|end|side))\s*\?|"
    r"(?:^|[.!,]\s*)and (?:you|yours|yourself)\s*\?|"
    r"\b(?:bapak|ibu|pak|bu|kak|kakak|mas|mbak|kamu|anda) sendiri\s*\?"
)
SMALL_TALK_Q = re.compile(_DAY_Q, re.IGNORECASE)
BUY_NOW = re.compile(
    r"\b(?:\d+ ?%|\w+ percent|discount)[^.?!]{0,40}\bif you (?:go with us|sign|commit|book|decide|"
    r"buy|say yes)|"
    # ...and the other way round: "if you sign by the end of the month I can knock off 20%".
    r"\bif you (?:could |can |were to |would )?(?:go with us|sign|commit|book|decide|buy|say yes)"
    r"[^.?!]{0,50}"
    r"(?:\b(?:knock|take)\w* (?:\w+ )?(?:off|\d+)|\d+ ?%|\bpercent\b|\bdiscount)",
    re.IGNORECASE,
)
GIVES_AWAY = re.compile(
    r"\b\d+ ?%|\b(?:\w+ percent|discount\w*|knock\w* (?:\w+ )?off|take \w+ off|for free|"
    r"free of charge|no charge|on the house|throw(?:n)? in|waive\w*|(?:lower|drop|cut|reduce)\w* "
    r"(?:my|our|the) (?:price|rate|fee)s?)\b",
    re.IGNORECASE,
)
# Any pleasantry: the small-talk questions, "how's things?", the weather, thanks for the time.
SMALL_TALK = re.compile(
    _DAY_Q + r"|\bhow(?:'?s| is| are)? (?:things|life|everything|it)(?: going)?\s*(?:[?!.]|$)|"
    r"\bhow (?:are|have) you(?: been)?(?: doing| keeping)?(?: today)?\s*(?:[?!.]|$)|"
    r"\b(?:weather|weekend|coffee|traffic)\b|"
    r"\bthanks?(?: you)?(?: so much| very much)? for (?:making|taking|agreeing|joining|jumping|"
    r"finding|having|the time)|\b(?:cuaca|macet|akhir pekan)\b|"
    r"\b(?:makasih|terima ?kasih)(?: banyak)?(?: (?:sudah|udah|atas))? (?:waktu|meluangkan|"
    r"menyempatkan|nyempetin)",
    re.IGNORECASE,
)
HURRY = re.compile(
    r"\b(?:(?:answer|decision|decide|sign|commit)\w*(?: (?:it|this|that|the \w+))? "
    r"(?:today|now|this week)|lock it in|only good until|\b(?:a|your|the) yes or no|(?:speed|hurry) (?:this|it|things) up|"
    r"(?:i'?ve|i have) got (?:another|a) call|wrap (?:this|it) up|get to the point|"
    r"let me know (?:today|tonight|by (?:tomorrow|tonight|the end of)|tomorrow)|"
    r"(?:holds?|only good|valid) (?:only )?(?:until|till|through) \w+|goes up (?:after|on|from)|"
    r"no (?:reason|point) (?:to|in) wait|why wait|"
    r"take it or leave it|final (?:price|offer)|stop wasting time|just tell me)\b",
    re.IGNORECASE,
)
