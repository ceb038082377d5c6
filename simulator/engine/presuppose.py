"""Lines that take something for granted: only said when the trainee's turn gave it to them.

"A contract already?" answers a push to sign, not a request for a half-hour call; "Wow,
that's a lot of features" answers a feature list, not a firm's credentials. A line whose
words name one of these things is only chosen when the trainee's turn names it too.
"""

from __future__ import annotations

import re

from simulator.engine.amounts import amounts

# A figure named as a price: "around eighteen thousand", "12k", "$4,000"; in Indonesian
# "Rp 45 juta", "45jt", "seratus lima puluh juta".
FIGURE = re.compile(
    r"(?:[$£€]\s?\d|\brp\.?\s?\d|\b\d{1,3}(?:,\d{3})+\b|\b\d[\d,.]*\s?(?:k|grand|thousand|jt|juta|rb|"
    r"ribu|m|miliar)\b|\b\w+(?:[- ]\w+)? (?:thousand|grand|juta|ribu|miliar)\b)(?! (?:users|people|"
    r"customers|members|downloads|visitors|orders|drivers|employees|staff|patients|clients|items|"
    r"products|rows|records|pages|pengguna|orang|pelanggan|member|pasien|klien|sopir|karyawan))",
    re.IGNORECASE,
)
# A line asking for the price, after the trainee named one, did not listen.
ASKS_PRICE = re.compile(
    r"\bwhat'?s your (?:price|number|rate|pricing|best one)\b|\byour (?:number|price) first\b|"
    r"\bwhat do you (?:charge|usually charge)\b|\bwhat does your pricing\b|"
    r"\b(?:get|give) me a number\b|\bprice first\b|"
    # "Angka kamu berapa?", "Sebut angka dulu", "Harganya berapa?"
    r"\bangka(?:nya)? (?:kamu|anda|lo|lu|kakak|dulu)\b|\bberapa (?:harga|angka|biaya)(?:nya)?\b|"
    r"\bharga(?:nya)? (?:kamu|anda|berapa)\b|\bsebut(?:kan)? angka\b|\bkasih (?:saya )?angka\b",
    re.IGNORECASE,
)
# What a line takes for granted -> what the trainee must have said for it to fit.
PRESUPPOSITIONS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (
        re.compile(line, re.IGNORECASE),
        FIGURE if trainee == "FIGURE" else re.compile(trainee, re.IGNORECASE),
    )
    for line, trainee in (
        (
            r"\b(?:contract|sign(?:ed|ing)?|paperwork)\b",
            r"\b(?:contract|sign|agreement|paperwork|lock (?:it|this) in|commit|deal|deposit)",
        ),
        (
            r"\b(?:a meeting|meetings?|kick-?off)\b",
            r"\b(?:meet|(?<!on-)call|book|calendar|diary|session|minutes|kick-?off|catch up|sit down|slot|"
            r"ketemu|jadwal|rapat|pertemuan|besok|telepon|ngobrol|zoom)",
        ),
        (
            r"\b(?:discount\w*|knock\w* off|took off|take off|another ten off|came down|come down|"
            r"cut your fee|drop(?:ped)? the price|lower(?:ed)? (?:the|your) price)\b",
            r"\b(?:discount|off\b|lower|cheaper|reduce|knock|match|drop|cut|less)",
        ),
        (
            r"\bfeatures?\b",
            r"\b(?:feature|build|add|include|scope|functionality|package)",
        ),
        (r"\b(?:your )?process\b", r"\b(?:process|workshop|stage|steps?|method|phase|approach)"),
        (r"\bquestions\b", r"\?|\bask"),
        (
            r"\b(?:pilot|sprint|phased?|first step|one (?:store|team|site|clinic|piece) first|"
            r"a bit at a time|smaller first|priority list)\b",
            r"\b(?:(?:pilot|sprint|phase|first|step|smaller|start with|begin with|stage|part|piece|"
            r"bit)\b|priorit)",
        ),
        (r"\b(?:weekly|reports?)\b", r"\b(?:weekly|report|update|check-?in|progress)"),
        # "Nobody asked about you" and "no time for your life story" answer talk about the
        # trainee's firm, not a description of the client's own tool.
        (
            r"\bnobody asked about you\b|\blife story\b|\babout yourself\b|\byour (?:cv|resume)\b|"
            r"\bthe r[eé]sum[eé]\b|"
            r"\bcerita hidup\b|\bsoal (?:kamu|anda)\b",
            r"\b(?:i|we)(?:'ve| have| had)? (?:built|done|worked|been|made|delivered|won|launched)\b|"
            r"\b(?:my|our) (?:company|team|studio|agency|experience|portfolio|clients|background|"
            r"awards?|track record)\b|\byears\b|\bsaya (?:sudah|pernah)\b|\b(?:tim|perusahaan|"
            r"portofolio|pengalaman|klien) (?:saya|kami)\b|\btahun\b",
        ),
        # A client quoting the trainee's word needs the word said: "Firm, is it?", "What's
        # this 'can't'?"; "We take our time" answers a hurry; "Worried?" a worry named.
        (
            r"\bfirm,? is it\b|\beverybody'?s firm\b",
            r"\b(?:firm|final|fixed|non-?negotiable|bottom|lowest|won'?t (?:go|move|budge)|"
            r"can'?t go)",
        ),
        (r"'can'?t'|\bsay(?:s)? can'?t\b", r"\b(?:can'?t|cannot|can not|unable|not able)\b"),
        (
            r"'tidak bisa'|\bbilang (?:tidak|nggak|gak) bisa\b",
            r"\b(?:tidak|nggak|gak|ga|enggak) bisa\b",
        ),
        # "Oh. Nggak ditekan. Makasih" thanks the trainee for taking the pressure off.
        (
            r"\bnggak ditekan\b",
            r"\b(?:(?:nggak|gak|ga|tidak|enggak) (?:buru-buru|usah buru|perlu buru|ada tekanan|"
            r"maksa|memaksa|harus sekarang)|santai|pelan-pelan|no pressure)",
        ),
        # "...baru ngomongin kalender" turns down a date or a booking someone proposed.
        (
            r"\bngomongin kalender\b|\bmasuk kalender\b",
            r"\b(?:jadwal|kalender|tanggal|kapan|minggu depan|besok|senin|selasa|rabu|kamis|jumat|"
            r"mulai|kick-?off|ketemu|meeting|rapat|tanda tangan|deal)",
        ),
        # "We take our time" and "Urgency is a sales tactic" answer a hurry, not "Shall I send
        # you two names?".
        (
            r"\bwe take our time\b|\bnot how we do things\b|\burgency\b|\bsales tactic\b|"
            r"\bditekan\b|\bburu-buru amat\b",
            r"\b(?:today|now|this week|quick|fast|sign|decide|asap|soon|hurry|rush|deadline|"
            r"start (?:on )?monday|lock|limited|only until|before (?:friday|monday|the end)|"
            r"last chance|hari ini|sekarang|minggu ini|cepat|buruan|segera|tanda tangan|putuskan)",
        ),
        # "Agreeing to everything isn't service", "Semua kamu iyakan" need yeses said.
        (
            r"\bagree(?:ing)? to everything\b|\byes to everything\b|\bsemua kamu iyakan\b|"
            r"\bselalu bilang (?:iya|ya)\b",
            r"\b(?:yes|sure|of course|absolutely|no problem|happy to|okay|ok|fine|agreed|deal|"
            r"siap|iya|oke|boleh|bisa diatur|tentu|aman)\b",
        ),
        # "I love it, I do" reacts to something put forward.
        (
            r"\bi love it\b",
            r"\b(?:i could|i can|i'?d|i will|i'?ll|we could|we can|proposal|plan|idea|offer|price|"
            r"quote|design|mock-?up|demo|option|how about|what if)\b",
        ),
        (r"^\W*worried\?", r"\b(?:worr|concern|afraid|nervous|risk|fear|khawatir|takut|cemas)"),
        # "Why do you need to know that?" and "Good question" need a question asked.
        (
            r"\bwhy do you (?:need|want) to know\b|\bwhy (?:do you )?ask\b|\b(?:good|great|fair|"
            r"interesting) question\b|\bkenapa (?:nanya|tanya)\b|\buntuk apa (?:nanya|tanya)\b|"
            r"\bpertanyaan (?:yang )?(?:bagus|wajar|menarik)\b",
            r"\?|(?:^|[.!?]\s+)(?:what|how|why|who|when|where|which|tell me|can you|could you|do you|"
            r"are you|is it)\b|\b(?:apakah|kenapa|siapa|kapan|gimana|bagaimana|berapa|ceritain|"
            r"ceritakan)\b",
        ),
        (
            r"\b(?:trade-off|a trade|what to drop|rush rate)\b",
            r"\b(?:trade|drop|instead|swap|in return|rush|urgent)",
        ),
        (r"\bbrochure\b|\badjectives\b", r"\b(?:we|our|us)\b"),
        (
            r"\b(?:tone|ridiculous|rude)\b",
            r"\b(?:ridiculous|wrong|stupid|absurd|nonsense|disagree)",
        ),
        # "I don't respond to deadlines set by suppliers" needs a deadline to have been set.
        (
            r"\bdeadlines?\b",
            r"\b(?:deadline|by (?:mon|tues|wednes|thurs|fri|satur|sun)day|by (?:the )?end of|"
            r"until|expire|only (?:good|valid)|this week|today|tomorrow|offer ends|decide by|"
            r"(?:an answer|to know) by|date|timeline|deliver|tanggal|tenggat|paling lambat|jumat|senin|"
            r"selasa|rabu|kamis|minggu|besok|bulan|jadwal|sebelum|selesai)",
        ),
        # "No, that's not correct, the regulation is quite specific" needs a rule mentioned.
        (
            r"\bregulat\w*|\bcomplian\w*",
            r"\b(?:regulat|complian|law|legal|gdpr|hipaa|rules?\b|certif|iso\b|soc ?2|audit|"
            r"requirement)",
        ),
        # "Not yet, sorry" answers an attempt to close or book.
        (
            r"^\W*not yet\b",
            r"\b(?:sign|book|next step|move forward|go ahead|commit|start|proceed|decide|ready|"
            r"agree|deal|call|meeting|invoice|deposit|contract)",
        ),
        # "Yay, thank you!" thanks someone for something offered.
        (
            r"^\W*(?:(?:yay|oh|ooh|aw+)\W+)?thank(?:s| you)\b",
            r"\b(?:free|include|throw(?:ing)? in|extra|bonus|discount|off\b|happy to|i'?ll|"
            r"i will|i can|we can|we'?ll|add|give|offer|no charge|on me|gift|send)",
        ),
        # "I don't really see why the date has to move" needs a moved date on the table.
        (
            r"\bdate\b.*\bmove|\bmove\b.*\bdate\b|\bpush(?:ed|ing)? (?:it )?(?:back|out)\b",
            r"\b(?:later|move (?:it|the|launch)|moved|moving|push|delay|postpone|slip|shift|extend|"
            r"extra (?:time|week)|(?:date|deadline|launch) (?:moves|changes|goes back))",
        ),
        # "Oh! Okay, wow, does that include the app?" reacts to a quote, not to "is it the
        # cost?": a line about an amount needs a figure in the turn (FIGURE, below).
        (
            r"^\W*(?:price|harga),? (?:okay|ok|oke)\b|\b(?:that'?s (?:a lot|a chunk|steep|the opening|a starting|a fair bit)|too much|"
            r"that (?:number|figure|price)|does that (?:include|cover)|for that\b|more than i'?d|"
            r"under that|half that|is that fixed|firm number|a lot to put down|terrible with numbers|"
            r"angka itu|itu (?:banyak|mahal|lumayan)|untuk itu|dari itu|angka pasti|"
            r"(?:sudah|udah) termasuk|mahal atau murah|di bawah itu|setengahnya)",
            "FIGURE",
        ),
        # The same in Indonesian: "Tukar-tukaran begitu saya bisa terima" needs a trade
        # offered, "Kok gampang? Apa yang dipotong?" a cut, "Belum, maaf" a close tried.
        # Every pair applies to every line: a line word both languages use ("meeting",
        # "deadline") stays in the English pair, whose turn words include Indonesian ones.
        (
            r"\b(?:kontrak|tanda ?tangan|teken|perjanjian)\b",
            r"\b(?:kontrak|tanda ?tangan|teken|perjanjian|deal|sepakat|dp\b|deposit|invoice|mulai)",
        ),
        (
            r"\b(?:rapat|ketemu(?:an)?|pertemuan)\b",
            r"\b(?:meeting|rapat|ketemu|pertemuan|call|telepon|telpon|jadwal|kalender|jam\b|menit|"
            r"besok|zoom|meet|ngobrol|sesi)",
        ),
        (
            r"\b(?:diskon\w*|(?:di)?potong\w*|turun(?:in|kan)?|korting|harga teman|lebih murah)\b",
            r"\b(?:diskon|potong|turun|murah|kurang|korting|harga teman|nego|samakan|off\b)|%",
        ),
        (r"\bmingguan\b", r"\b(?:mingguan|weekly|per minggu|seminggu|tiap minggu|laporan|report)"),
        (
            r"\b(?:di)?prioritas\w*\b",
            r"\b(?:priorit|dulu(?:an)?\b|tahap|fase|pertama|phase|first|mulai dari|pilot)",
        ),
        (r"\bfitur\b", r"\b(?:fitur|bikin|buat|tambah|termasuk|include|scope|lingkup|paket|modul)"),
        (r"\bproses(?:nya)?\b", r"\b(?:proses|tahap|langkah|workshop|fase|metode|cara kerja|alur)"),
        (
            r"\b(?:tukar\w*|pertukaran|imbal\w*|barter|gantinya)\b",
            r"\b(?:tukar|gantinya|imbal|asal(?:kan)?\b|dengan syarat|syaratnya|barter|kurangi|"
            r"dikurangi|fase (?:dua|2|kedua)|ditunda|di-?drop)",
        ),
        (
            r"\b(?:tenggat|batas waktu)\b",
            r"\b(?:deadline|tenggat|batas waktu|tanggal|paling lambat|senin|selasa|rabu|kamis|jumat|"
            r"sabtu|minggu|besok|hari ini|bulan|timeline|jadwal|sebelum|selesai|berlaku)",
        ),
        (
            r"\b(?:regulasi|aturan(?:nya)?|undang-undang|uu pdp|ojk|kepatuhan)\b",
            r"\b(?:regulasi|aturan|uu\b|undang|pdp|ojk|compliance|kepatuhan|iso\b|hukum|legal|"
            r"sertifika|audit|izin)",
        ),
        (
            r"^\W*belum\b",
            r"\b(?:tanda ?tangan|teken|deal|sepakat|lanjut|mulai|jadwal|meeting|ketemu|call|"
            r"putus|setuju|kontrak|dp\b|invoice|proposal|siap)",
        ),
        (
            r"^\W*(?:(?:wah|wih|aduh|asyik)\W+)?(?:makasih|terima kasih)\b",
            r"\b(?:gratis|free|bonus|tambah|sekalian|kasih|bisa|kirim|bantu|diskon|potong|"
            r"termasuk|include|selipin|tawar)",
        ),
        # "Sign now? That's exactly what he said." needs a push for now, not a deposit later.
        (
            r"\bsign (?:it |this )?(?:now|today)\b|\btanda ?tangan (?:sekarang|hari ini)\b",
            r"\b(?:now|today|tonight|this week|right away|straight away|sekarang|hari ini|"
            r"minggu ini|langsung)\b",
        ),
        # "My budget? Nice try." / "Budget? Kamu duluan." echoes a question about the budget.
        (
            r"^\W*(?:(?:my|the|your) )?(?:budget|anggaran)(?: saya)?\?",
            r"\b(?:budget|spend|set aside|afford|invest|allocat|anggaran|dana|bujet|biaya|"
            r"siapkan|alokasi|disetujui|kisaran)",
        ),
        # "You hold your price" / "Anda bertahan di harga Anda" needs a price in the turn.
        (
            r"\bhold (?:your|the) price\b|\bbertahan di harga\b",
            r"\d|\b(?:price|rate|fee|quote|number|thousand|grand|harga|tarif|biaya|angka|juta|"
            r"ribu)\b",
        ),
        # "Let me confirm? Good." praises a promise to check that the turn must have made.
        (
            r"\blet me confirm\b|\b(?:saya|aku|gue) (?:pastikan|cek|konfirmasi) dulu\b",
            r"\b(?:confirm|check|verify|find out|get back|in writing|don'?t know|not sure|pastikan|"
            r"cek\b|konfirmasi|verifikasi|belum tahu|nggak tahu|gak tau|kabari|tertulis)",
        ),
        # "Fair. You're honest about the date." / "Lo jujur soal tanggalnya" needs a date said.
        (
            r"\b(?:about|on) the dates?\b|\bsoal tanggal\w*|\btanggalnya\b",
            r"\b(?:date|deadline|launch|week|month|timeline|delay|later|tanggal|minggu|bulan|jadwal|"
            r"mundur|undur|geser|telat|tunda|selesai)",
        ),
        # "Kamu belum pantas dapat jadwal" refuses a meeting the turn must have asked for.
        (
            r"\bdapat jadwal\b|\bjadwal(?:kan)? (?:ketemu|meeting|rapat|call)\b",
            r"\b(?:meeting|rapat|ketemu|pertemuan|call|telepon|telpon|jadwal|kalender|zoom|ngobrol|"
            r"sesi|minggu depan|besok)",
        ),
        (
            r"\b(?:diundur|mundur(?:in)?|digeser|geser)\b",
            r"\b(?:mundur|undur|geser|tanggal|deadline|minggu|bulan|telat|tunda|jadwal|waktu)",
        ),
    )
)
# What a line asks that the trainee's turn has just answered or refused -> the words that
# answered it: "Sampeyan sendiri minggu ini bagaimana?" after "Alhamdulillah baik, Pak";
# "You'd be okay with a quick call on Sunday?" after "Sunday is off."
ANSWERED: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(line, re.IGNORECASE), re.compile(trainee, re.IGNORECASE))
    for line, trainee in (
        # "Janji itu gampang. Saya butuh yang bisa saya cek sendiri" after references and live
        # links were offered asks for what was just given.
        (
            r"\bbisa saya cek sendiri\b|\bsomething i can check\b|\bproof,? not promises\b",
            r"\b(?:referen\w*|portfolio|portofolio|link|testimoni\w*|kontak klien|cek sendiri|"
            r"bukti|references?|case stud\w+|live site|call (?:a|my) (?:former|past) client)",
        ),
        # "Terlalu cepat. Saya perlu melihat dulu bahwa Anda selevel" after the portfolio she
        # asked for was offered asks again for what was just given.
        (
            r"\bperlu melihat dulu\b|\btunjukkan dulu karya\b|\bshow me (?:your )?work\b|"
            r"\bsee (?:your|some) work first\b",
            r"\b(?:portfolio|portofolio|karya|case stud\w+|studi kasus|contoh (?:kerja|karya)|"
            r"samples?|examples? of (?:my|our) work)",
        ),
        (
            r"\bhow'?s your (?:own )?(?:week|day)\b|\bhow (?:are|about) you\b|\band you(?:rself)?\?|"
            r"\b(?:sampeyan|kamu|anda|kakak|nak|mas|mbak) sendiri\b|\bminggu ini (?:bagaimana|gimana)\b|"
            r"\bgimana kabar",
            r"\b(?:i'?m|i am|we'?re|all) (?:good|well|fine|great|ok(?:ay)?)\b|\bdoing (?:well|good|"
            r"great|fine)\b|\bnot bad\b|\b(?:alhamdulillah|baik|sehat|lancar)\b",
        ),
        (
            r"\bwe take our time\b|\bnot how we do things\b|\bslow down\b|\brush me\b|"
            r"\bjangan buru-buru\b|\bpelan-pelan\b",
            r"\bno (?:rush|pressure|hurry|decision today)\b|\btake (?:the|your|all the) time\b|"
            r"\bwhenever you'?re ready\b|\bin your own time\b|\b(?:santai|nggak buru-buru|"
            r"tidak terburu-buru|silakan dipikir)",
        ),
        # Delight ("Amazing, you're the best!", "Oh, yay, you're so sweet!") after a refusal
        # or a gift taken back thanks the trainee for what they just withdrew.
        (
            r"^\W*(?:amazing|(?:oh,? )?yay|aw+,? really|love (?:it|that)|you'?re (?:the best|so "
            r"sweet|a star)|wah,? makasih|asyik)\b",
            r"\b(?:isn'?t (?:really )?my thing|separate (?:job|quote|project)|take (?:it|that|this) "
            r"back|went too far|shouldn'?t have|have to stop|i don'?t do|i won'?t|not (?:for free|"
            r"included|part of)|can'?t (?:do|include|add)|(?:nggak|gak|tidak|ga) (?:bisa|termasuk|"
            r"gratis)|(?:saya|aku) tarik|ralat|terpisah)",
        ),
        (
            r"\b(?:sunday|saturday|weekends?|(?:late )?nights?|evenings?|minggu|sabtu|akhir pekan|"
            r"weekend|malam)\b.*\?",
            r"\b(?:sundays?|saturdays?|weekends?|nights?|evenings?|minggu|sabtu|akhir pekan|malam)\b"
            r"[^.?!]{0,20}\b(?:off|no|not|never|closed|libur|tidak|nggak|gak|ga|enggak)\b|"
            r"\b(?:no|not on|never on|don'?t work(?: on)?|tidak|nggak|gak|ga|enggak)\b[^.?!]{0,20}"
            r"\b(?:sundays?|saturdays?|weekends?|nights?|evenings?|minggu|sabtu|akhir pekan|malam)\b",
        ),
    )
)
# A buyer's counter-offer: "Final offer. Thirty grand" never comes above the trainee's own
# price (live: after "I could get it to 16k"; "Penawaran terakhir 150 juta" after 45 juta).
COUNTER = re.compile(
    r"\b(?:final offer|my (?:final |best )?offer|i'?ll (?:pay|give you)|we (?:can|could|will) "
    r"(?:pay|offer)|best i can do|take it or leave it|penawaran (?:terakhir|saya)|saya (?:bayar|"
    r"tawar)|mentok|paling banter)\b",
    re.IGNORECASE,
)


def _above_their_price(line: str, said: str) -> bool:
    """The line names an amount above the last one the trainee named."""
    offered, theirs = amounts(line), amounts(said)
    return bool(offered and theirs) and max(offered) > theirs[-1]


# A greeting opens a call: "Hiya!" or "Hey hey, all good here!" mid-call sounds like a
# client who forgot they were already talking (engine/director.py drops them after that).
GREETING = re.compile(
    r"^\W*(?:(?:well|oh|ah),?\s+)?(?:hi|hey|hello|hiya|howdy|good (?:morning|afternoon|evening)|"
    r"morning|halo|hai|selamat (?:pagi|siang|sore|malam)|assalamu'?alaikum)\b",
    re.IGNORECASE,
)


# A line that grades what the trainee said ("That's a precise answer", "Fair point") needs
# the trainee to have said something, not only asked.
GRADES = re.compile(
    r"\b(?:(?:a|an|the)(?: \w+)? answer|fair point|good point|point taken|you'?re right|"
    r"that'?s honest|(?:a|the) straight|jawaban yang|poin bagus|bener juga|betul juga)\b",
    re.IGNORECASE,
)
QUESTION_SENTENCE = re.compile(r"[^.!?]*\?")
VAGUE = re.compile(
    r"\b(?:that'?s|too|a bit|sounds) vague\b|\bif you'?re guessing\b|\bterlalu (?:umum|kabur)\b|"
    r"\bmasih kabur\b|\bkalau (?:anda|kamu) (?:cuma )?menebak\b",
    re.I,
)
HEDGES = re.compile(
    r"\b(?:roughly|probably|depends|maybe|perhaps|sort of|kind of|around|about|more or less|"
    r"should be|usually|typically|it varies|ballpark|industry[- ]standard|best practice|robust|"
    r"secure|kira-kira|mungkin|tergantung|biasanya|sekitar|standar|aman kok)\b",
    re.I,
)
STATED_WORDS = 4


def fits_turn(line: str, turn: str, client_asked: bool = True, earlier: str = "") -> bool:
    """Whether everything the line takes for granted is in the trainee's turn (and, for a
    line that grades an answer, whether the client had asked anything); a line asking for
    the price is not said once the trainee has named one anywhere in the call (`earlier`:
    their turns before this one); nor a line asking what the turn has just answered."""
    if GRADES.search(line) and (
        not client_asked or len(QUESTION_SENTENCE.sub(" ", turn).split()) < STATED_WORDS
    ):
        return False
    if VAGUE.search(line) and not HEDGES.search(QUESTION_SENTENCE.sub(" ", turn)):
        # "That's vague" grades an answer that hedged, not a plain question.
        return False
    if ASKS_PRICE.search(line) and (FIGURE.search(turn) or FIGURE.search(earlier)):
        return False
    if any(pattern.search(line) and t.search(turn) for pattern, t in ANSWERED):
        return False
    if COUNTER.search(line) and _above_their_price(line, earlier + " " + turn):
        return False
    return all(t.search(turn) for pattern, t in PRESUPPOSITIONS if pattern.search(line))
