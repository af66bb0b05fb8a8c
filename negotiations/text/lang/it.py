"""Italian."""

from negotiations.text.lang import LanguagePack, register

PACK = register(
    LanguagePack(
        code="it",
        name="Italian",
        speech_verbs=(
            "dire", "detto", "dichiarare", "affermare", "sottolineare", "aggiungere",
            "scrivere", "spiegare", "precisare", "annunciare", "confermare", "ribadire",
            "avvertire", "promettere", "ricordare", "rispondere", "assicurare", "evidenziare",
            "osservare", "commentare", "insistere", "chiedere", "esortare", "negare",
            "riconoscere", "ammettere", "definire", "sostenere", "rilevare", "secondo",
            "dettare", "puntualizzare", "avvisare",
        ),  # fmt: skip
        frames=("secondo", "a detta di", "stando a", "come ha detto", "come ha spiegato"),
        complementisers=("che",),
        anaphors=("lo ha", "questo", "ciò"),
        pronouns=("lui", "lei", "egli"),
        negations=("non", "mai"),
        roles={
            "presidente": "president", "capo dello Stato": "president",
            "premier": "prime minister", "primo ministro": "prime minister",
            "presidente del Consiglio": "prime minister", "cancelliere": "chancellor",
            "ministro degli Esteri": "foreign minister", "capo della diplomazia": "foreign minister",
            "ministro della Difesa": "defence minister", "segretario di Stato": "secretary of state",
            "portavoce": "spokesperson", "consigliere": "adviser",
            "consigliere per la sicurezza nazionale": "national security adviser",
            "inviato": "envoy", "inviato speciale": "envoy", "emissario": "envoy",
            "negoziatore": "negotiator", "capo della delegazione": "negotiator",
            "ambasciatore": "ambassador", "segretario generale": "secretary general",
            "vicepresidente": "vice president", "ministro": "minister", "leader": "leader",
            "capo dell'ufficio presidenziale": "head of the office of the president",
            "diplomatico": "diplomat",
        },  # fmt: skip
        institutions={
            "Cremlino": ("Kremlin", "russia"), "Casa Bianca": ("White House", "united-states"),
            "Dipartimento di Stato": ("US Department of State", "united-states"),
            "Pentagono": ("US Department of Defense", "united-states"),
            "Farnesina": ("Ministry of Foreign Affairs", "italy"),
            "ministero degli Esteri": ("Ministry of Foreign Affairs", ""),
            "ministero della Difesa": ("Ministry of Defence", ""),
            "Palazzo Chigi": ("Government", "italy"), "Eliseo": ("Élysée Palace", "france"),
            "Commissione europea": ("European Commission", "european-union"),
            "governo": ("Government", ""),
        },  # fmt: skip
        groups=("i due leader", "le due parti", "i leader", "le parti"),
        channels={
            "telegram": ("Telegram",),
            "told_journalists": ("ai giornalisti", "alla stampa", "con i giornalisti", "cronisti"),
            "interview": ("intervista",),
            "press_conference": ("conferenza stampa",),
            "press_briefing": ("briefing", "punto stampa"),
            "speech": ("discorso", "intervento", "messaggio"),
            "social_media": ("su X", "Twitter", "Facebook", "Truth Social", "social"),
            "official_statement": ("nota", "comunicato", "dichiarazione", "sito"),
        },  # fmt: skip
        statuses={
            "in_force": ("entrare in vigore",),
            "signed": ("firmare", "firma", "sottoscrivere"),
            "abandoned": ("fallire", "saltare", "rompere"),
            "suspended": ("sospendere", "congelare"),
            "stalled": ("stallo", "impasse", "arenare"),
            "agreed": ("raggiungere un accordo", "concordare", "intesa"),
            "scheduled": ("si terrà", "previsto", "in programma"),
            "talks_under_way": ("negoziare", "round di colloqui", "colloqui in corso"),
            "announced": ("annunciare",),
            "proposed": ("proporre",),
        },  # fmt: skip
        talk_terms=(
            "negoziato", "negoziare", "trattativa", "colloquio", "pace", "cessate il fuoco",
            "tregua", "garanzia di sicurezza", "garanzia", "accordo", "intesa", "trattato",
            "vertice", "summit", "inviato", "piano", "coalizione dei volenterosi", "dichiarazione",
            "delegazione", "mediatore", "mediazione", "impegno", "concessione", "memorandum",
        ),  # fmt: skip
        months={m: i for i, m in enumerate(
            ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
             "settembre", "ottobre", "novembre", "dicembre"), start=1)},  # fmt: skip
        weekdays={d: i for i, d in enumerate(
            ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"))},
    )
)
