"""Phrase lists the referee matches; kept apart from logic so they are easy to review."""

from __future__ import annotations

import re

from simulator.referee.move_lexicon import compile_phrases

OPEN_STARTS = (
    r"what|how|why|where|who|which|tell me|walk me|talk me|help me understand|"
    r"could you (?:tell|walk|describe|share|explain|say more)|can you (?:tell|walk|describe|"
    r"share|explain|say more)|would you (?:tell|walk|describe|share|explain)|describe|"
    r"i'?m curious|i'?d love to (?:hear|know|understand)|say more"
)
CLOSED_STARTS = (
    r"is|are|am|do|does|did|can|could|would|will|won't|have|has|had|should|shall|may|"
    r"isn't|aren't|don't|doesn't|wouldn't|right|ok|okay|so you"
)
ACKNOWLEDGE = (
    r"i hear you|i hear (?:that|what)|(?:it|that) sounds|sounds like|i understand|i get (?:it|that)|"
    r"makes sense|i can see|i see (?:why|that|how)|thank you for|thanks for|that must|must be|"
    r"fair point|you'?re right|i appreciate|that'?s (?:hard|tough|frustrating|a lot|understandable)|"
    r"i'?m sorry|sorry to hear|no wonder|of course|that'?s fair|i can imagine|totally get"
)
FEELINGS = (
    r"frustrat\w*|worr\w*|anx\w*|stress\w*|concern\w*|nervous|burn(?:ed|t)|upset|disappoint\w*|"
    r"pressure|overwhelm\w*|risk\w*|afraid|fear\w*|tired|skeptic\w*|doubt\w*|hurt|angry|"
    r"excit\w*|happy|glad|hard|difficult|tough|struggl\w*|urgent|scared|trust|vanish\w*|"
    r"disappear\w*|let down|lost|painful|awful|embarrass\w*|blamed|panic\w*|drowning"
)
INVITE = (
    r"tell me more|say more|what else|what happened|how did that|how does that|what would|"
    r"what matters|help me understand|what'?s (?:behind|driving|most important)|how are you feeling"
)
CONCESSION = (
    r"(?:i|we) can (?:lower|drop|cut|reduce|knock|waive|throw in|do it for less|do it for free)|"
    r"for free|free of charge|no charge|at no cost|half (?:the )?price|i'?ll (?:drop|cut|lower|"
    r"waive|throw in|do it for free|make it work|take it)|whatever you (?:need|want)|fine,? "
    r"(?:i'?ll|we'?ll)|ok(?:ay)?,? (?:fine|deal)|you win|i'?ll do (?:it|that) (?:tonight|this "
    r"weekend|for free)|sure,? no problem|anything you (?:need|want)|i'?ll just|i can squeeze|"
    r"(?:give|take) (?:you )?(?:a )?\d+ ?% (?:off|discount)|i'?ll match|we can match (?:that|it|their)|(?:we|i) (?:will|'?ll|can) match the (?:\d|lowest|cheapest|other)|"
    r"(?:knock|shave) (?:\d+ ?%|\w+ percent) off|take (?:\d+ ?%|\d+ percent) off|"
    # Taking the client's number: "Ah, fair enough, £800 it is then".
    # (contractions are folded first: "it is" reads "it's").
    r"(?<=[£$€])\d+(?:[.,]\d+)*k?\s+it(?: i|')s(?: then)?(?=\s*(?:[,.!]|$))|"
    r"\d+(?:[.,]\d+)*k?\s+it(?: i|')s then\b"
)
OVER_APOLOGY = r"(?:so|really|terribly|very) sorry|i apologi[sz]e|my apologies|sorry,? sorry"
REFUSAL = (
    r"i can'?t|i cannot|i won'?t|i'?m not able|i am not able|not able to|that'?s not something|"
    r"isn'?t something|i don'?t (?:do|work|offer|take|discount)|i'?d rather not|not possible|"
    r"i'?m not going to|i am not going to|doesn'?t work for me|won'?t work for me|i need to "
    r"(?:hold|keep|stay)|my rate (?:is|stays)|i keep|i hold|outside (?:my|the) (?:hours|scope)|"
    r"not (?:included|in scope|part of)|i have to say no|i'?ll pass|\b(?<!oh )(?<!oh, )no[,.]|i decline|"
    r"not willing|unwilling|not interested|no thanks|don'?t want to|not comfortable|not ready to"
)
REASON = r"because|since|so that|that'?s why|the reason|to keep|to protect|in order to|otherwise"
ALTERNATIVE = (
    r"instead|what i can do|what we can do|i can offer|i could offer|how about|what if|alternatively|"
    r"an option|one option|two options|another option|we could|i could|happy to|glad to|"
    r"(?:a|the) smaller|phase (?:one|1)|if we|either [^.?!]{0,80} or|would it help|in exchange|in return"
)
HEDGE = r"i'?ll see what i can do|i'?ll try|maybe|we'?ll see|possibly|i might be able|let me see"
HOSTILITY = (
    r"(?:that'?s|is|are|so) ridiculous|you'?re wrong|take it or leave it|not my problem|calm down|you people|stupid|"
    r"idiot(?!-? ?proof)|nonsense|get real|are you kidding|that'?s absurd|whatever\.|shut up|don'?t waste my|"
    r"wasting my time|listen to me|i don'?t care|deal with it|your problem|grow up|pathetic"
)
DEFENSIVE = (
    r"that'?s not true|(?:^|[.!?]\s*)actually,? i\b|i'?m (?:very )?(?:experienced|good|the best)|you don'?t "
    r"understand|with all due respect|to be fair to me|i have \d+ years|my work is|you'?re missing|"
    # "I've done this for fifteen years, I don't need you lecturing me": a retort, not a limit.
    r"i'?ve (?:been doing|done) this for \w+ years|(?:don'?t|do not) need (?:you )?(?:to )?"
    r"(?:lectur|tell|teach)\w* me|lecturing me"
)
PITCH = (
    r"we offer|our (?:product|platform|solution|service|services|package|agency|team is)|"
    r"industry[- ]leading|best[- ]in[- ]class|world[- ]class|let me tell you about|we specialize|"
    r"my (?:package|services|offer)|i (?:can|will) build you|i'?m the best|we'?re the best|"
    r"cutting[- ]edge|state[- ]of[- ]the[- ]art|guarantee(?:d)? results|sign (?:up|today)|"
    r"limited time|special offer|our (?:clients|customers) love"
)
WE = r"\bwe\b|\bus\b|\bour\b|together|both|each other|let'?s|shared|partner\w*|mutual\w*"
WINWIN = (
    r"works? for (?:both|you and me|us)|win[- ]win|fair (?:to|for) (?:both|you|us|everyone)|"
    r"both (?:of us|sides|get)|in exchange|in return|trade|meet (?:you )?(?:in the|halfway)|"
    r"(?:a )?middle ground|compromise|split|shared goal|what matters to you|your (?:goal|"
    r"priorit\w+|needs?)|for you and|so (?:you|we) (?:get|can)|if you [^.?!]{0,80} (?:i|we) can|"
    r"if (?:i|we) [^.?!]{0,80} (?:could you|would you|you could)"
)
ZERO_SUM = (
    r"take it or leave it|final offer|non[- ]negotiable|that'?s my price|not my problem|"
    r"you have to|you must(?! be| have been| know| feel| get)|or i walk|find someone else|your loss"
)
PRICE = (
    r"\$|€|£|\bprice\w*|\brate\b|\brates\b|\bcost\w*|\bbudget\w*|\bfees?\b|discount\w*|\bquote\w*|"
    r"\binvoice\w*|\bpay(?:ing)? (?:you|for|me|us|more|less)\b|\bpayment terms\b|\b\d+k\b|\bper hour\b|\bhourly\b|\bretainer\b"
)
NEXT_STEP = (
    r"next step|schedule|follow[- ]up|set up (?:a|another)\b|book (?:a|another)\b|send (?:you )?(?:a|the) "
    r"(?:proposal|quote|contract|sow|outline)|meet again|move forward|(?:a|the) kick[- ]?off|shall we|"
    r"(?:a second|a follow[- ]up) (?:call|meeting)|(?:book|schedule|set up|have|arrange) another "
    r"(?:call|meeting)|put something on the calendar|"
    r"how about (?:we|a call)|can we (?:meet|talk) (?:again|next)|sign off (?:on )?(?:it|this|the \w+) (?:today|now|this "
    r"week)|start on|(?:we|let'?s|we can|we could|we'?ll) go ahead|go ahead (?:with|and (?:sign|book|start))|"
    # ("go ahead" alone, after "Take notes", invites the client to talk: "pen at the ready. go ahead")
    # "I've set aside half an hour, does that still suit you?" is this call's time, not another.
    r"(?<!i've )(?<!i have )(?<!we've )(?<!we have )(?<!i’ve )(?<!we’ve )(?<!already )"
    r"(?:book|pencil in|grab|block out|set aside|find) (?:[\w-]+ ){0,2}(?:minutes|an? hour|half[- ]hour|"
    r"slot|call|meeting|session|workshop)|send (?:you )?(?:a |the )?(?:short |quick |written |rough )?"
    r"(?:summary|plan|recap|write-?up)"
)
CLARIFY = (
    r"just to (?:make sure|confirm|check)|if i understand|so you'?re saying|what do you mean|"
    r"can you say more|help me understand|when you say|do you mean|let me (?:make sure|confirm|check)|"
    r"to clarify|so what i'?m hearing|correct me if|am i right that"
)
PAUSE = (
    r"let me think|give me a (?:moment|second)|let'?s (?:slow down|step back|take a step)|"
    r"before i (?:answer|respond|give you a (?:number|price|quote)|quote|put a number)|"
    r"before we (?:get to|talk about|talk|compare|discuss) (?:price|numbers|the price|rates?|additions)"
)
NEED_STATEMENT = (
    r"\bi need\b|\bwe need\b|\bi'?d (?:like|prefer)\b|\bi want\b|\bmy (?:priority|need|main)|"
    r"important (?:to|for) me|i require|my (?:rate|terms|hours|minimum|policy)|i (?:work|only work)"
)
# Turns that address the evaluator instead of the client: never allowed to raise a score.
INJECTION = (
    r"ignore (?:all |any |your |the |previous |prior )*(?:instructions|rubric|rules|prompt)|"
    r"\bsystem\s*:|\bassistant\s*:|\b(?:empathy|boundary|pacing|win-?win|overall)\s*[=:]\s*\d|"
    r"score (?:me|this|it)\b|give (?:me|this (?:turn|reply|answer)) (?:a |an )?(?:full marks|max\w*|perfect (?:score|marks)|top (?:score|marks)|high(?:est)? score|\d+ ?(?:/ ?\d+|out of \d+|points|stars))|full marks|"
    # "to judge my style" and "where you are now" are a trainee talking to the client.
    r"\brubric\b|\bevaluator\b|\bgrader\b|(?:dear|hey|attention|note to) (?:the )?(?:judge|"
    r"referee|scorer|ai|model)\b|\bto the (?:judge|referee|scorer|ai|model)\b|maximum score|"
    r"perfect score|highest score|"
    r"rate (?:me|this)|</?\s*(?:system|instruction|s)\s*>|\[/?inst\]|developer mode|"
    r"(?<!where )(?<!how )(?<!what )you are now (?:a|an|the|in|my|acting|playing)\b|new instructions|override|jailbreak|as an ai|language model"
)

# A question that asks for a commitment rather than for understanding: pushy, not pacing.
COMMIT_Q = re.compile(
    r"\b(?:will you|would you (?:like to|be willing|consider)|are you willing|can you (?:commit|agree|"
    r"sign|donate|pay)|could you (?:commit|donate|pay)|how much (?:would|will|can) you|do we have a deal|"
    r"deal\?|agreed\?|ok\?|okay\?)",
    re.IGNORECASE,
)

PATTERNS: dict[str, re.Pattern[str]] = {
    name: compile_phrases(value)
    for name, value in {
        "acknowledge": ACKNOWLEDGE,
        "feelings": r"\b(?:" + FEELINGS + r")\b",
        "invite": INVITE,
        "concession": CONCESSION,
        "over_apology": OVER_APOLOGY,
        "refusal": REFUSAL,
        "reason": r"\b(?:" + REASON + r")\b",
        "alternative": r"\b(?:" + ALTERNATIVE + r")\b",
        "hedge": HEDGE,
        "hostility": HOSTILITY,
        "defensive": DEFENSIVE,
        "pitch": PITCH,
        "we": WE,
        "winwin": WINWIN,
        "zero_sum": ZERO_SUM,
        "price": PRICE,
        "next_step": NEXT_STEP,
        "clarify": CLARIFY,
        "pause": PAUSE,
        "need": NEED_STATEMENT,
        "injection": INJECTION,
    }.items()
}
OPEN_RE = re.compile(
    r"^\W*(?:" + OPEN_STARTS + r")\b|[,;:\u2014-]\s*(?:so )?(?:what|how|why|where|which|who)\b|"
    # "Can I ask one more thing: when is your next busy period?"
    r"[:\u2014]\s*when\b",
    re.IGNORECASE,
)
CLOSED_RE = re.compile(r"^\W*(?:" + CLOSED_STARTS + r")\b", re.IGNORECASE)
SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
# What a client line does that the trainee should not react to at once.
PROVOCATION_RE = re.compile(
    r"too expensive|too much|too high|too steep|ridiculous|cheaper|discount|competitor|another (?:vendor|agency|"
    r"freelancer)|take it or leave|final offer|for free|free trial|tonight|this weekend|by "
    r"tomorrow|half|lower|cut|\bnow\b|waste|prove|guarantee|why should|not convinced|last "
    r"(?:guy|vendor|agency)|burned|deadline|just do|i need you to|can you also|one more thing|"
    r"quick favou?r|disappear|vanish|how do i know|promise|not sure|hard to say|upfront|"
    r"\$|\d+k|!|\?{2,}|\bsue\b|lawyer|legal action|\bcancel|walk away|on you\b|rejected|"
    r"moving (?:the|our) (?:contract|business|account|work)|or we'?re (?:moving|going|done|out)",
    re.IGNORECASE,
)
