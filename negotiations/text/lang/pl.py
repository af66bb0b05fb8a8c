"""Polish."""

from negotiations.text.lang import LanguagePack, register

PACK = register(
    LanguagePack(
        code="pl",
        name="Polish",
        speech_verbs=(
            "powiedzieć", "mówić", "oświadczyć", "stwierdzić", "podkreślić", "dodać", "napisać",
            "zaznaczyć", "przekazać", "poinformować", "zapewnić", "ostrzec", "zapowiedzieć",
            "potwierdzić", "zdementować", "wyjaśnić", "przypomnieć", "odpowiedzieć",
            "ocenić", "uznać", "przyznać", "wezwać", "apelować", "zaapelować", "zadeklarować",
            "deklarować", "obiecać", "zauważyć", "komentować", "skomentować", "twierdzić",
            "relacjonować", "wskazać", "argumentować", "przekonywać", "według",
        ),  # fmt: skip
        frames=("według", "zdaniem", "jak powiedział", "jak podkreślił", "jak przekazał",
                "jak poinformował", "cytowany przez", "jak zaznaczył"),  # fmt: skip
        complementisers=("że", "iż", "aby", "by"),
        anaphors=("o tym", "to"),
        pronouns=("on", "ona"),
        negations=("nie", "nigdy"),
        roles={
            "prezydent": "president", "premier": "prime minister", "kanclerz": "chancellor",
            "minister spraw zagranicznych": "foreign minister", "szef MSZ": "foreign minister",
            "szef dyplomacji": "foreign minister", "minister obrony": "defence minister",
            "minister obrony narodowej": "defence minister", "sekretarz stanu": "secretary of state",
            "rzecznik": "spokesperson", "rzeczniczka": "spokesperson", "doradca": "adviser",
            "doradca ds. bezpieczeństwa narodowego": "national security adviser",
            "wysłannik": "envoy", "specjalny wysłannik": "envoy", "negocjator": "negotiator",
            "szef delegacji": "negotiator", "ambasador": "ambassador",
            "sekretarz generalny": "secretary general", "wiceprezydent": "vice president",
            "minister": "minister", "przywódca": "leader", "lider": "leader",
            "szef kancelarii prezydenta": "head of the office of the president",
            "szef biura prezydenta": "head of the office of the president",
            "dyplomata": "diplomat", "szef rządu": "prime minister",
        },  # fmt: skip
        institutions={
            "Kreml": ("Kremlin", "russia"), "Biały Dom": ("White House", "united-states"),
            "Departament Stanu": ("US Department of State", "united-states"),
            "Pentagon": ("US Department of Defense", "united-states"),
            "MSZ": ("Ministry of Foreign Affairs", ""),
            "Ministerstwo Spraw Zagranicznych": ("Ministry of Foreign Affairs", ""),
            "MON": ("Ministry of Defence", "poland"),
            "Biuro Prezydenta": ("Office of the President of Ukraine", "ukraine"),
            "Pałac Elizejski": ("Élysée Palace", "france"),
            "Komisja Europejska": ("European Commission", "european-union"),
            "rząd": ("Government", ""),
        },  # fmt: skip
        groups=("obie strony", "strony", "przywódcy", "obaj przywódcy", "delegacje"),
        channels={
            "telegram": ("Telegram",),
            "told_journalists": ("dziennikarzom", "mediom", "w rozmowie z dziennikarzami"),
            "interview": ("wywiad", "rozmowa"),
            "press_conference": ("konferencja prasowa",),
            "press_briefing": ("briefing",),
            "speech": ("przemówienie", "wystąpienie", "orędzie"),
            "social_media": ("na X", "platforma X", "Twitter", "Facebook", "Truth Social",
                             "wpis", "media społecznościowe"),
            "official_statement": ("komunikat", "oświadczenie", "strona internetowa"),
        },  # fmt: skip
        statuses={
            "in_force": ("wejść w życie",),
            "signed": ("podpisać", "podpisanie"),
            "abandoned": ("zerwać", "fiasko"),
            "suspended": ("zawiesić", "wstrzymać"),
            "stalled": ("impas", "utknąć", "zastój"),
            "agreed": ("uzgodnić", "porozumieć się", "osiągnąć porozumienie"),
            "scheduled": ("odbyć się", "zaplanować"),
            "talks_under_way": ("prowadzić rozmowy", "runda rozmów", "negocjować"),
            "announced": ("zapowiedzieć", "ogłosić"),
            "proposed": ("zaproponować",),
        },  # fmt: skip
        talk_terms=(
            "negocjacje", "negocjować", "rozmowy", "rozmowa", "pokój", "pokojowy", "rozejm",
            "zawieszenie broni", "gwarancja bezpieczeństwa", "gwarancja", "porozumienie",
            "umowa", "traktat", "szczyt", "wysłannik", "plan", "koalicja chętnych",
            "deklaracja", "delegacja", "mediator", "mediacja", "zobowiązanie", "ustępstwo",
            "memorandum",
        ),  # fmt: skip
        months={m: i for i, m in enumerate(
            ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
             "wrzesień", "październik", "listopad", "grudzień"), start=1)},  # fmt: skip
        weekdays={d: i for i, d in enumerate(
            ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"))},
    )
)
