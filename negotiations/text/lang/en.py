"""English."""

from negotiations.text.lang import LanguagePack, register

PACK = register(
    LanguagePack(
        code="en",
        name="English",
        speech_verbs=(
            "say", "tell", "add", "write", "post", "state", "claim", "describe", "emphasise",
            "emphasize", "stress", "highlight", "mention", "urge", "warn", "reiterate",
            "announce", "clarify", "reveal", "confirm", "note", "insist", "argue", "explain",
            "declare", "pledge", "promise", "suggest", "acknowledge", "admit", "deny", "assure",
            "predict", "vow", "assert", "maintain", "comment", "respond", "reply", "answer",
            "tweet", "call", "accuse", "demand", "propose", "signal", "indicate", "stated",
            "says", "said", "told", "added", "wrote", "noted", "hope", "believe", "expect",
            "imply", "restate", "reaffirm", "recall", "voice", "express", "welcome", "caution",
        ),  # fmt: skip
        frames=("according to", "in the words of", "as quoted by", "per"),
        complementisers=("that",),
        anaphors=("this", "so"),
        pronouns=("he", "she"),
        negations=("not", "n't", "never", "declined to", "refused to", "without"),
        roles={
            "president": "president", "prime minister": "prime minister", "premier": "prime minister",
            "chancellor": "chancellor", "foreign minister": "foreign minister",
            "minister of foreign affairs": "foreign minister", "foreign secretary": "foreign minister",
            "secretary of state": "secretary of state", "defence minister": "defence minister",
            "defense minister": "defence minister", "defence secretary": "defence minister",
            "defense secretary": "defence minister", "secretary of defense": "defence minister",
            "spokesman": "spokesperson", "spokeswoman": "spokesperson",
            "spokesperson": "spokesperson", "press secretary": "press secretary",
            "chief of staff": "head of the office of the president",
            "presidential aide": "head of the office of the president",
            "head of the presidential office": "head of the office of the president",
            "aide": "aide", "adviser": "adviser", "advisor": "adviser",
            "national security adviser": "national security adviser",
            "envoy": "envoy", "special envoy": "envoy", "negotiator": "negotiator",
            "top negotiator": "negotiator", "chief negotiator": "negotiator",
            "ambassador": "ambassador", "secretary general": "secretary general",
            "secretary-general": "secretary general", "vice president": "vice president",
            "deputy foreign minister": "deputy foreign minister", "minister": "minister",
            "leader": "leader", "official": "official", "diplomat": "diplomat",
        },  # fmt: skip
        institutions={
            "Kremlin": ("Kremlin", "russia"), "White House": ("White House", "united-states"),
            "State Department": ("US Department of State", "united-states"),
            "Pentagon": ("US Department of Defense", "united-states"),
            "foreign ministry": ("Ministry of Foreign Affairs", ""),
            "Ministry of Foreign Affairs": ("Ministry of Foreign Affairs", ""),
            "defence ministry": ("Ministry of Defence", ""), "defense ministry": ("Ministry of Defence", ""),
            "Office of the President": ("Office of the President of Ukraine", "ukraine"),
            "presidential office": ("Office of the President of Ukraine", "ukraine"),
            "Downing Street": ("Prime Minister's Office", "united-kingdom"),
            "Elysee": ("Élysée Palace", "france"), "Élysée": ("Élysée Palace", "france"),
            "European Commission": ("European Commission", "european-union"),
            "government": ("Government", ""), "ministry": ("Ministry", ""),
        },  # fmt: skip
        groups=("the two leaders", "both sides", "the leaders", "the sides", "the delegations",
                "the two presidents", "the parties"),  # fmt: skip
        channels={
            "telegram": ("Telegram",),
            "told_journalists": ("told journalists", "told reporters", "told the press",
                                 "told media", "told the media"),
            "interview": ("interview",),
            "press_conference": ("press conference", "news conference"),
            "press_briefing": ("briefing",),
            "speech": ("speech", "address"),
            "social_media": ("on X", "on Twitter", "on Facebook", "tweet", "Truth Social",
                             "in a post"),
            "official_statement": ("in a statement", "statement published", "website"),
        },  # fmt: skip
        statuses={
            "in_force": ("enter into force", "come into force", "take effect"),
            "signed": ("sign", "signing"),
            "abandoned": ("collapse", "break down", "walk away"),
            "suspended": ("suspend", "pause", "put on hold"),
            "stalled": ("stall", "deadlock", "impasse", "standstill"),
            "agreed": ("agree on", "agree to", "reach an agreement", "reach a deal",
                       "agreement in principle"),
            "scheduled": ("will hold talks", "to hold talks", "talks will take place",
                          "talks are scheduled", "will meet", "set to meet"),
            "talks_under_way": ("hold talks", "talks began", "talks started", "round of talks",
                                "negotiations continue"),
            "announced": ("announce",),
            "proposed": ("propose",),
        },  # fmt: skip
        talk_terms=(
            "talks", "negotiation", "negotiate", "negotiator", "peace", "ceasefire", "truce",
            "security guarantee", "guarantee", "agreement", "deal", "accord", "treaty",
            "summit", "envoy", "plan", "settlement", "coalition of the willing", "memorandum",
            "declaration", "framework", "diplomacy", "diplomatic", "mediation", "mediator",
            "delegation", "round", "commitment", "reassurance force", "peacekeeper",
            "peacekeeping", "sanction", "minerals", "territorial", "concession",
        ),  # fmt: skip
        months={m: i for i, m in enumerate(
            ("january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"), start=1)},  # fmt: skip
        weekdays={d: i for i, d in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))},
    )
)
