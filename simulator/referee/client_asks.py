"""Phrase families for what the client's last line asks of the trainee (a demand, only
attention, an offer to us, a worry, an answer now), read before the trainee's moves."""

from __future__ import annotations

from simulator.referee.move_lexicon import compile_phrases as _rx

# The client asks for something: a request, an order, an ultimatum, a favour.
# A question about what the trainee can do, whole: it ends where the ask ends, so "can you
# do it for less?" is not one. A "yes or no" after it belongs to it.
CAPABILITY = _rx(
    r"\b(?:can|could) you (?:actually |even |really |honestly )?(?:build|do|handle|deliver|make|"
    r"manage|pull off|ship|code|design|run)(?: (?:it|this|that|one|something like (?:this|that)|"
    r"the (?:\w+ )?(?:app|site|system|dashboard|tracker|portal|tool|platform|work|job)))?"
    r"(?: or not)?\s*\?(?:\s*yes or no\s*[.?!]?)?"
)
# The client asks only to be heard ("Here's what I need you to do. Take notes.") or names
# their own to-do: a yes to it ("ok, taking notes, go ahead") gives nothing away.
ATTENTION = _rx(
    r"\bhere'?s what (?:i|we) (?:need|want)(?: you to (?:do|know|hear))?\b|"
    r"\b(?:take|taking|grab|get) (?:some |a few )?(?:notes?|a pen|this down)\b|"
    r"\bwrite (?:this|that|it|these) down\b|\b(?:just )?listen(?: to me| carefully| up| first)?\b|"
    # Asking for a playback or the notes in writing asks for attention, not a concession:
    # "I need you to show me you understood what I want first."
    r"\b(?:(?:i|we) (?:need|want) you to |(?:can|could) you )?(?:show|tell) me (?:that |what )?"
    r"you(?:'ve| have)? (?:understood|understand|heard|got|get it|were listening|listened)\b[^.?!]*|"
    r"\b(?:(?:i|we) (?:need|want) you to )?put (?:it|that|this|everything|what [^.?!]*?) "
    r"(?:in|into) writing\b|"
    r"\bhear me out\b|\blet me (?:finish|explain|talk|speak|tell you)\b|\bpay attention\b|"
    r"\b(?:are you|you) (?:listening|writing (?:this|any of this|it) down)\b|"
    # The client's own to-do asks nothing of the trainee: "a few bits I need to sort out first".
    r"\b(?:i|we) (?:need|want|have) to (?:sort|check|think|talk|ask|discuss|run|see|look|speak|"
    r"sleep|decide|get back|go|clear|confirm|finish|figure)\w*\b"
)
DEMAND = _rx(
    r"\b(?:can|could|will|would) you\b|\bcan we\b|\b(?:can|could|may) (?:i|we) (?:pay|get|have|move|"
    r"switch|skip|push|bring|add|change|keep|use|borrow|just)\b|\b(?:we|i)'?d like\b|\byou'?ll\b|\bi (?:need|want|expect|'?d expect|"
    r"'?d want|'?d like)\b|\bwe (?:need|want|'?d want|'?ll need|'?d love|expect)\b|\bgive me\b|"
    r"\bjust (?:do|send|book|ship|give|tell|fix|add|pick|make)\b|\bor (?:i|we)(?:'m|'ll| will| are)?"
    r" (?:walk|go|out|done|find|leave)|\bor no deal\b|take it or leave|non[- ]negotiable|final offer|"
    r"\bdeal\?|\byes or no\b|\bdecide now\b|\bmatch it\b|\bbeat it\b|\bsplit the difference\b|"
    r"\bthrow in\b|\bno extra charge\b|\bfor free\b|\bfree (?:pilot|trial|sample|audit)|\bwaive\b|"
    r"\bwe'?ll pay\b|\bnot paying\b|\bwe can'?t pay\b|\bwe pay\b|\bskip\b|\bknock\b|\bcut (?:your|the)\b|"
    r"^\W*(?:send|stamp|book|ship|cut|knock|match|beat|put|enter|do|make|skip|include|add|call|"
    r"finish|drop|change|restructure|fix|move|push|review|write|mock|give|let'?s)\b(?! you\b)|"
    r"\bnet (?:thirty|sixty|ninety|\d+)\b|\bcap (?:your|the)\b|\bpenalt\w+|\bwhile you'?re (?:in|at|here)\b|"
    r"\bone (?:more|small|tiny|quick) (?:thing|change|favou?r)\b|\bquick favou?r\b|\bpick your brain\b|"
    r"\bi'?ll take\b|\bhow about you\b|\bwhat if you\b|\bimplied\b|\bassum(?:e|ed|ing)\b|\bsurely\b|"
    r"\bright\?|\b(?:that'?s|it'?s|is) (?:included|part of (?:it|the deal|this))\b|"
    # Price pressure asked as a question: "Is that your best?", "any wiggle room?"
    r"\b(?:is that|what'?s) your (?:best|lowest|final)\b|\bbest you can do\b|"
    r"\bany (?:wiggle|flex\w*) room\b|\bcome down\b|\bdo (?:any )?better\b"
)
# The client offers us something: saying yes to an offer is not a cave.
OFFER_TO_US = _rx(
    r"\b(?:i|we)(?:'d| would| can| could|'ll| will)? (?:be willing to |be happy to )?(?:give|pay|"
    r"let) you\b|\byou can (?:have|keep|take)\b|\bhow about (?:i|we) (?:give|pay|let)\b|"
    r"\b(?:i|we)(?:'m| am| are|'re) (?:willing|happy|fine) to (?:give|pay|let you)\b"
)
# The client voices a feeling or a worry, or tells what went wrong before.
CONCERN = _rx(
    r"\b(?:worr\w*|scar\w*|nervous|anxious|afraid|fear\w*|panick?\w*|stress\w*|exhaust\w*|"
    r"tired|burn(?:ed|t)|embarrass\w*|frustrat\w*|upset|livid|angry|hate|sorry|honestly|"
    r"horror|last (?:agency|vendor|consultant|contractor|guy|guys|writer|accountant|one|va)|"
    r"took (?:the money|twelve|\w+ grand)|disappear\w*|vanish\w*|let (?:us|me) down|lost|"
    r"bleeding|crisis|can'?t sleep|feels?|feeling|odd|strange|pressure|idiot|robbery|ripped|"
    r"mess|hard|struggl\w*|wrong|skim|screwed|padd?\w*|all talk|don'?t know|not sure|"
    r"trust\w*|stopped|gave up|given up|outages?|broke\w*|fail\w*|complain\w*|problems?|"
    r"judg\w*|blam\w*|doubt\w*|risk\w*|cost us|costing|behind|late|missed|ignored|"
    r"what (?:happens )?if|what about|how do i know|i'?m the one|has to tell|have to tell|"
    r"rejected|refused|on you|you told (?:us|me)|sue|lawyers?|legal|fleeced|ripped off|"
    r"on my own|slammed|swamped|no time|haven'?t (?:got )?time|busy|"
    r"too (?:high|steep|much|expensive|pricey)|overpriced|expensive|sloppy|lazy|useless|rubbish|terrible|awful|unacceptable|poor|bad|"
    r"worse|worst|slow|copy|unhappy|annoy\w*|sick of|fed up|waste\w*|"
    r"line down|is down|went down)\b"
)
# The client asks for an answer, a number or a plan right now.
WANTS_ANSWER = _rx(
    r"\bwhat (?:do|should) (?:i|we) do\b|\bwhat (?:would|do) you (?:do|suggest|recommend|think we)\b|"
    r"\bjust (?:tell|give|say)\b|\bhow much (?:more|is|does|for|will it)\b|\bwhat'?s the (?:plan|"
    r"statement)\b|\byes,? or no\b|\bcan you (?:start|do|add|double|make)\b|\bwhen can you\b|\bgive me (?:a|the) (?:number|price|plan|quote|rate)|"
    r"\bwhat'?s (?:the|your) (?:fee|price|rate|statement|plan)|\bhow much\b|\b(?:right )?now[.!?]|"
    r"\btoday[.!?]|\bballpark\b|\bexplain yourself\b|\bdo something\b"
)
