"""German."""

from negotiations.text.lang import LanguagePack, register

PACK = register(
    LanguagePack(
        code="de",
        name="German",
        speech_verbs=(
            "sagen", "erklären", "betonen", "sprechen", "mitteilen", "schreiben", "hinzufügen",
            "fügen", "unterstreichen", "bekräftigen", "versichern", "warnen", "fordern",
            "ankündigen", "bestätigen", "dementieren", "zurückweisen", "mahnen", "meinen",
            "äußern", "kritisieren", "versprechen", "ergänzen", "berichten", "erläutern",
            "verkünden", "einräumen", "zufolge", "hervorheben", "appellieren", "antworten",
            "verweisen", "sagte", "erklärte", "betonte", "so",
        ),  # fmt: skip
        frames=("laut", "nach Angaben", "nach Worten", "zufolge", "wie", "nach Ansicht"),
        complementisers=("dass", "man"),
        anaphors=("dies", "das"),
        pronouns=("er", "sie"),
        negations=("nicht", "nie", "kein"),
        roles={
            "Präsident": "president", "Staatschef": "president", "Premierminister": "prime minister",
            "Ministerpräsident": "prime minister", "Regierungschef": "prime minister",
            "Bundeskanzler": "chancellor", "Kanzler": "chancellor",
            "Außenminister": "foreign minister", "Aussenminister": "foreign minister",
            "Verteidigungsminister": "defence minister", "Außenministerin": "foreign minister",
            "Sprecher": "spokesperson", "Sprecherin": "spokesperson",
            "Regierungssprecher": "spokesperson", "Kremlsprecher": "press secretary",
            "Berater": "adviser", "Sicherheitsberater": "national security adviser",
            "Sondergesandter": "envoy", "Gesandter": "envoy", "Unterhändler": "negotiator",
            "Chefunterhändler": "negotiator", "Verhandlungsführer": "negotiator",
            "Delegationsleiter": "negotiator", "Botschafter": "ambassador",
            "Generalsekretär": "secretary general", "Vizepräsident": "vice president",
            "Minister": "minister", "Ministerin": "minister", "Außenamtssprecherin": "spokesperson",
            "Stabschef": "head of the office of the president",
            "Leiter des Präsidialamts": "head of the office of the president",
            "US-Außenminister": "secretary of state", "Diplomat": "diplomat",
        },  # fmt: skip
        institutions={
            "Kreml": ("Kremlin", "russia"), "Weiße Haus": ("White House", "united-states"),
            "Weißes Haus": ("White House", "united-states"),
            "Außenministerium": ("Ministry of Foreign Affairs", ""),
            "Auswärtiges Amt": ("Ministry of Foreign Affairs", "germany"),
            "Verteidigungsministerium": ("Ministry of Defence", ""),
            "Pentagon": ("US Department of Defense", "united-states"),
            "Präsidialamt": ("Office of the President of Ukraine", "ukraine"),
            "Bundesregierung": ("Government", "germany"), "Regierung": ("Government", ""),
            "Élysée": ("Élysée Palace", "france"), "EU-Kommission": ("European Commission", "european-union"),
        },  # fmt: skip
        groups=("beide Seiten", "die Seiten", "die beiden Präsidenten", "die Staats- und Regierungschefs"),
        channels={
            "telegram": ("Telegram",),
            "told_journalists": ("vor Journalisten", "Journalisten", "Reportern", "der Presse"),
            "interview": ("Interview",),
            "press_conference": ("Pressekonferenz",),
            "press_briefing": ("Briefing", "Pressebriefing"),
            "speech": ("Rede", "Ansprache", "Videoansprache"),
            "social_media": ("auf X", "Twitter", "Facebook", "Truth Social", "Plattform X"),
            "official_statement": ("Erklärung", "Mitteilung", "Website"),
        },  # fmt: skip
        statuses={
            "in_force": ("in Kraft treten",),
            "signed": ("unterzeichnen", "unterschreiben", "Unterzeichnung"),
            "abandoned": ("scheitern", "abbrechen"),
            "suspended": ("aussetzen", "auf Eis legen", "pausieren"),
            "stalled": ("stocken", "Sackgasse", "festgefahren"),
            "agreed": ("sich einigen", "vereinbaren", "Einigung erzielen"),
            "scheduled": ("stattfinden sollen", "geplant", "ansetzen"),
            "talks_under_way": ("Gespräche führen", "verhandeln", "Verhandlungsrunde"),
            "announced": ("ankündigen",),
            "proposed": ("vorschlagen",),
        },  # fmt: skip
        talk_terms=(
            "Verhandlung", "verhandeln", "Gespräch", "Friede", "Frieden", "Friedensplan",
            "Friedensgespräch", "Waffenstillstand", "Waffenruhe", "Sicherheitsgarantie",
            "Garantie", "Abkommen", "Vereinbarung", "Deal", "Gipfel", "Gesandter",
            "Sondergesandter", "Plan", "Koalition der Willigen", "Erklärung", "Delegation",
            "Runde", "Vermittler", "Vermittlung", "Friedenstruppe", "Zusage", "Zugeständnis",
            "Sicherheitsabkommen", "Friedensverhandlung", "Rohstoffabkommen",
        ),  # fmt: skip
        months={m: i for i, m in enumerate(
            ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember"), start=1)},  # fmt: skip
        weekdays={d: i for i, d in enumerate(
            ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"))},
    )
)
