"""Language packs: what the reading needs to know about one language, and nothing else.

A pack is data: its speech verbs, attribution frames, role nouns, institutions, channels, status
phrases, negations and the words of negotiation, each written in natural dictionary form. The
engine (``negotiations.text.reading``) matches them on lemmas (``negotiations.text.morph``), so
a pack lists заявить once and reads заявил, заявила, заявив, заявивши. Adding a language means
adding a module here that calls ``register`` and its tests in ``tests/text/lang/``; the engine is
not touched.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from negotiations.text.morph import lemmas, phrase_keys
from negotiations.text.normalize import normalize_name

# Quotation marks of all packs: opening -> closing. Straight quotes open and close alike.
QUOTE_PAIRS = {"“": "”", "„": "“", "«": "»", "»": "«", "‚": "‘", '"': '"', "‹": "›"}


@dataclass(frozen=True)
class Phrase:
    words: tuple[frozenset[str], ...]
    value: object
    text: str


class PhraseSet:
    """Phrases matched on lemma keys, longest first; a token matches a word sharing a key."""

    def __init__(self, lang: str, items: Iterable[tuple[str, object]], *, gap: int = 0) -> None:
        self.gap = gap  # words allowed between a phrase's words ("переговоры ... в Джидде")
        self.by_first: dict[str, list[Phrase]] = {}
        for text, value in items:
            words = phrase_keys(text, lang)
            if not words:
                continue
            phrase = Phrase(words, value, text)
            for key in words[0]:
                self.by_first.setdefault(key, []).append(phrase)
        for bucket in self.by_first.values():
            bucket.sort(key=lambda p: -len(p.words))

    def match_at(self, keys: Sequence[frozenset[str]], i: int) -> Phrase | None:
        """The longest phrase that starts at word i."""
        best = None
        for key in keys[i]:
            for phrase in self.by_first.get(key, ()):  # longest first
                if best is not None and len(phrase.words) <= len(best.words):
                    break
                if self._matches(phrase, keys, i):
                    best = phrase
                    break
        return best

    def all_at(self, keys, i: int) -> list[Phrase]:
        """Every phrase that starts at word i (not only the longest)."""
        out: list[Phrase] = []
        for key in keys[i]:
            for phrase in self.by_first.get(key, ()):
                if phrase not in out and self._matches(phrase, keys, i):
                    out.append(phrase)
        return out

    def _matches(self, phrase: Phrase, keys, i: int) -> bool:
        n = len(phrase.words)
        if n == 1:
            return True
        if self.gap:
            return self._loose(phrase, keys, i)
        return i + n <= len(keys) and all(phrase.words[k] & keys[i + k] for k in range(1, n))

    def _loose(self, phrase: Phrase, keys: list[frozenset[str]], i: int) -> bool:
        """The phrase's words in order, each at most ``gap`` words after the one before."""
        pos = i
        for word in phrase.words[1:]:
            for nxt in range(pos + 1, min(pos + 2 + self.gap, len(keys))):
                if word & keys[nxt]:
                    pos = nxt
                    break
            else:
                return False
        return True

    def __bool__(self) -> bool:
        return bool(self.by_first)


# The wire services and broadcasters that articles cite as their source, in every language.
WIRES = (
    "AFP",
    "AP",
    "ANSA",
    "Axios",
    "BBC",
    "Bloomberg",
    "CNN",
    "dpa",
    "EFE",
    "Interfax",
    "Інтерфакс",
    "Интерфакс",
    "PAP",
    "Reuters",
    "RIA",
    "РИА",
    "Tass",
    "TASS",
    "ТАСС",
    "UNIAN",
    "УНІАН",
    "Ukrinform",
    "Укрінформ",
    "Укрінформу",
    "Reutersa",
    "Reutersowi",
    "Reuters'a",
    # a word that makes a newspaper's name: "European Pravda", "Ukrainska Pravda", "Kyiv
    # Independent", "Financial Times", "Washington Post", "Wall Street Journal"
    "Pravda",
    "Правда",
    "Правди",
    "Правды",
    "Independent",
    "Times",
    "Post",
    "Journal",
    "Guardian",
    "Politico",
    "Fox",
    "NBC",
    "CBS",
    "ABC",
    "Euronews",
    "Jazeera",
    "Kommersant",
    "Коммерсант",
    "Коммерсантъ",
    "Известия",
    "Ведомости",
    "РБК",
    "Суспільне",
    "Spiegel",
    "Bild",
)


@dataclass(frozen=True)
class LanguagePack:
    """The words one language uses to report speech and negotiations (see the module docstring).

    speech_verbs: verbs of saying (dictionary form; add a form the lemmatiser misreads).
    frames: phrases after which the speaker comes and the rest of the sentence is what was said
        ("according to", "по словам", "laut"); ``pronoun_frames`` carry their speaker as a
        pronoun ("по его словам", "selon lui").
    complementisers: "that" words that open reported content.
    anaphors: phrases that point to the previous sentence as what was said ("об этом", "про це").
    pronouns: subject pronouns that refer back to the last speaker ("he", "вона").
    negations: words that, just before a verb of saying, mean it was not said.
    roles: role phrase -> role key (English, as in the knowledge base's position titles).
    institutions: phrase -> (canonical institution name, party slug or "").
    groups: phrases for joint speakers ("the two leaders", "стороны").
    channels: channel (``Channel`` value) -> phrases.
    statuses: track status (``StatusChange.Status`` value) -> phrases of the event.
    talk_terms: words and phrases of negotiation: an article or statement without any is not about
        the talks.
    months, weekdays: names (dictionary form) -> number (1-12, 0-6) for dates.
    marks_reported: a word that by its mood marks reported speech (see the field).
    demonyms: nationality adjectives -> party slug, so a role finds its party.
    """

    code: str
    name: str
    speech_verbs: tuple[str, ...]
    frames: tuple[str, ...] = ()
    # frames whose speaker is a pronoun, the last speaker: "по его словам", "selon lui"
    pronoun_frames: tuple[str, ...] = ()
    # Names decline and the subject is in the nominative, which is the name's own form
    # (Polish: Macron speaks, "determinację Macrona" does not); the lemmatiser knows no cases.
    names_decline: bool = False
    # The writer's own first person ("Нагадаємо, …", "Напомним, …", "Przypomnijmy, …",
    # "Rappelons que …"): as written; such a verb reports no one (nor continues the last speaker).
    writer_forms: tuple[str, ...] = ()
    # frames that attribute only when a verb of saying closes the clause they open: German
    # "wie" ("Wie Selenskyj mitteilte, …"; "wie das Gespräch verlaufe" is "how")
    verb_frames: tuple[str, ...] = ()
    complementisers: tuple[str, ...] = ()
    # words that open a sentence naming, without a verb, who said the sentence before ("Così il
    # ministro Tajani a margine del vertice.", "Parola del portavoce del Cremlino")
    openers: tuple[str, ...] = ()
    anaphors: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    # Matched as written, not on lemmas ("è" is a form of "stato" but "si è detto" reports):
    passives: tuple[str, ...] = ()  # "was told": the subject is who was spoken to
    agents: tuple[str, ...] = ()  # "announced by X": the verb is a participle, X speaks
    infinitives: tuple[str, ...] = ()  # "to announce": no one has said it yet
    relatives: tuple[str, ...] = ()  # "who", "który": a name in their clause is not the subject
    # Words right before a noun that make it no subject (prepositions, oblique articles: "in the
    # White House", "w Białym Domu", "con il presidente", "τον Ζελένσκι"); an article between
    # them and the noun is skipped ("con il presidente"). Matched as written. A preposition that
    # names the speaker ("by", "par", "por": ``agents``) is not one of them.
    obliques: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    # The language drops a known subject ("Añadió que …", "Dodał, że …", "Добавил, что …"): a
    # verb of saying without one continues the last speaker. English, German and French do not,
    # so there a verb without a subject found has one the reading does not know.
    drops_subjects: bool = False
    # The infinitive is the dictionary form and differs from every finite form that reports
    # (сказать / сказал, powiedzieć / powiedział): a verb of saying in it reports nothing.
    infinitive_is_lemma: bool = False
    # (word) -> whether a form of a verb of saying has no subject at all: the Polish impersonal
    # in -no/-to ("Zapowiadano dotąd, że …"), the Ukrainian one in -но/-то ("Заявлено, що …"),
    # the Russian short neuter passive ("Было заявлено, что …"). Nobody is named, so it reports
    # nobody (and does not continue the last speaker). None for languages without such a form.
    impersonal: Callable[[str], bool] | None = None
    # How the infinitive ends, where the lemmatiser also gives words their own lemma that are no
    # infinitive ("juge", "annonce": nouns; "dicho": a participle): only a word so ended is one.
    infinitive_endings: tuple[str, ...] = ()
    roles: dict[str, str] = field(default_factory=dict)
    institutions: dict[str, tuple[str, str]] = field(default_factory=dict)
    groups: tuple[str, ...] = ()
    channels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    statuses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    talk_terms: tuple[str, ...] = ()
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    # (word, its lemma keys) -> whether the word marks reported speech on its own (the German
    # subjunctive: "Es seien mehrere Treffen geplant"; the Polish first person outside quotation
    # marks: "Rozumiemy, że …"); None for languages without such a mark.
    marks_reported: Callable[[str, frozenset[str]], bool] | None = None
    # A language may read status events its own way (English: negotiations.text.statuses);
    # None reads the ``statuses`` phrases (negotiations.text.statuses.classify_with_pack).
    status_classifier: Callable[[str], object] | None = None
    # nationality adjective (dictionary form) -> party slug: "the Russian foreign minister"
    demonyms: dict[str, str] = field(default_factory=dict)
    # Words (as written, any case) that make a capitalised name an outlet, not a person: "news
    # agency", "Nachrichtenagentur". An outlet is where words were reported, never who said them
    # ("nach Angaben der Nachrichtenagentur Tass"). The wire services' names are shared (WIRES).
    media: tuple[str, ...] = ()
    # The words that join two speakers into one joint speaker ("Rubio and Waltz said", "Russia
    # and Ukraine said"), matched as written.
    conjunctions: tuple[str, ...] = ()
    # The perfect tense: its auxiliary (dictionary form: "avoir", "haber") and a function giving
    # a verb's regular past participles ("accuser" -> "accusé"). The lemmatiser reads some
    # participles as adjectives only ("accusé", "asegurado"); after the auxiliary ("a accusé",
    # "ha asegurado") they report, so each verb of saying is read in its perfect too.
    auxiliary: str = ""
    participles: Callable[[str], tuple[str, ...]] | None = None
    # Verbs (dictionary form, with their preposition) that take a verb of saying in the
    # infinitive and report with it: "a tenu à préciser", "ha voluto sottolineare", "volvió a
    # insistir". The infinitive after one reports (elsewhere it reports nothing yet).
    infinitive_heads: tuple[str, ...] = ()
    # The verbs (dictionary form) a past participle is a verb after: the perfect's and the
    # passive's auxiliaries ("a déclaré", "s'est dit", "ha sottolineato", "ha asegurado"). A
    # regular participle of a verb of saying with none of them just before it qualifies a noun
    # ("le document publié lundi", "la dichiarazione firmata", "el texto publicado"): no one
    # is said to speak.
    participle_auxiliaries: tuple[str, ...] = ()
    # Verbs of saying whose object is who was spoken to, before what was said ("told CNN the
    # talks ...", "assured Zelensky the plan ..."): that object is the attribution's, not said.
    addressee_verbs: tuple[str, ...] = ()
    # Words (as written) that only ever stand before a noun: a verb of saying after one is a
    # noun ("the claim", "his call", "their promise") and reports nothing.
    determiners: tuple[str, ...] = ()
    # The subject stands before the verb, after it only where the attribution follows what was
    # said ("…,” said Rubio): English. A name right after the verb that goes on with its own
    # words ("said Putin wants …") then opens the reported clause, and a lead-in before the
    # subject ("Speaking to Trump, Umerov said the …") is no part of what was said.
    subject_first: bool = False
    # Verbs that report only when a complementiser or a colon follows them ("exigió que …",
    # "a demandé que …", "ha escluso che …"); alone they name an act ("exigió garantías",
    # "a observé une trêve"), not words said. Dictionary form, read in the perfect as above.
    complement_verbs: tuple[str, ...] = ()
    # Frames that attribute only when they open the sentence and a comma closes the speaker:
    # "Para Zelenski, …", "Pour le Kremlin, …", "Per Peskov, …" ("para", "pour", "per" are
    # everywhere else mere prepositions).
    lead_frames: tuple[str, ...] = ()
    # Adjectives follow the noun: "le ministre russe des Affaires étrangères", "el ministro ruso
    # de Exteriores": a nationality adjective inside a role phrase is read through.
    adjectives_follow: bool = False
    # Nouns of texts that "say" things ("la declaración señaló que …", "il documento precisa"):
    # as a verb's subject they name no speaker, so the verb continues no one.
    documents: tuple[str, ...] = ()
    # The verbs (dictionary form) a text speaks with ("la déclaration prévoit que", "il
    # documento stabilisce che", "el comunicado subraya que"): a document is the subject of
    # these only, not of the verbs of a person's voice ("a déclaré", "ha ironizzato",
    # "bromeó"). Those that are no verb of saying ("prévoir", "stabilire", "estipular") report
    # with a document before them and their clause after them. Empty: any verb of saying.
    document_verbs: tuple[str, ...] = ()
    # Possessive determiners (as written): "a annoncé son ministère", "his office said": the
    # institution is that of the person named before it in the sentence.
    possessives: tuple[str, ...] = ()
    # Words of two (as written) that make a group the pair named just before it: "Trump and
    # Zelensky met … The two leaders said", "обидва лідери", "les deux dirigeants".
    duals: tuple[str, ...] = ()
    # Nouns of proposals ("el plan", "la proposta"): like documents they name no speaker, and
    # unlike them they do not speak: "según el plan, …" is what is proposed, no one's words.
    proposals: tuple[str, ...] = ()
    # Verbs of saying whose particle closes the main clause, apart from the verb (German:
    # "kündigte … an", "wies … zurück", "machte … deutlich"), written "particle|verb" in
    # dictionary form ("an|kündigen"); the verb reports when its particle ends its clause.
    separable: tuple[str, ...] = ()
    # Nouns are written with a capital letter (German): a verb of saying so written inside a
    # sentence is a noun of the same stem ("die Berichte", "die Erklärung"), no verb.
    capitalises_nouns: bool = False
    # Verbs (dictionary form) that take a bare infinitive ("müssten gemeinsam klarmachen",
    # "wird ankündigen"): a verb of saying in its dictionary form after one is that infinitive,
    # nothing said yet. For languages whose infinitive is also a finite form ("sie sagen").
    modals: tuple[str, ...] = ()
    # Refusals to speak: a verb of saying with the words that make it refuse rather than say
    # (Spanish "se negó a comentar", negarse a + infinitive, where "negó que …" denies; German
    # "lehnte es ab, … zu kommentieren", ablehnen with the correlative "es" of its zu-clause,
    # where "wies zurück, dass …" denies). Dictionary form, matched on lemmas over the verb's
    # last word (and its regular participle where the pack gives them: "se ha negado a"); a
    # phrase ended by "…" refuses only with an infinitive right after it ("se negó a comentar",
    # not "negó a la prensa que …"). A refusing verb that is no verb of saying ("refused to
    # comment", "отказался комментировать") needs none: it is a negation before the infinitive.
    refusals: tuple[str, ...] = ()

    @cached_property
    def infinitive_head_set(self) -> PhraseSet:
        return self._with_perfects(self.infinitive_heads)

    @cached_property
    def participle_auxiliary_keys(self) -> frozenset[str]:
        return frozenset(k for w in self.participle_auxiliaries for k in lemmas(w, self.code))

    @cached_property
    def modal_keys(self) -> frozenset[str]:
        return frozenset(k for m in self.modals for k in lemmas(m, self.code))

    @cached_property
    def media_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in (*self.media, *WIRES))

    def _set(self, phrases: Iterable[str], value=True) -> PhraseSet:
        return PhraseSet(self.code, ((p, value if value is not True else p) for p in phrases))

    def _with_perfects(self, verbs: tuple[str, ...]) -> PhraseSet:
        perfects: tuple[str, ...] = ()
        if self.participles is not None:
            # only the participles the lemmatiser does not read as the verb ("accusé"; not
            # "déclaré", which it reads alone and after a "selon" or an auxiliary alike)
            perfects = tuple(
                f"{self.auxiliary} {participle}"
                for verb in verbs
                if " " not in verb
                for participle in self.participles(verb)
                if not set(lemmas(verb, self.code)) & set(lemmas(participle, self.code))
            )
        return self._set((*verbs, *perfects))

    @cached_property
    def verb_set(self) -> PhraseSet:
        # a separable verb's infinitive and participle join it to its particle (ankündigen,
        # angekündigt): read as one word
        joined = tuple("".join(entry.split("|")) for entry in self.separable)
        return self._with_perfects((*self.speech_verbs, *joined))

    @cached_property
    def complement_verb_set(self) -> PhraseSet:
        return self._with_perfects(self.complement_verbs)

    @cached_property
    def document_verb_set(self) -> PhraseSet:
        return self._with_perfects(self.document_verbs)

    @cached_property
    def document_keys(self) -> frozenset[str]:
        nouns = (*self.documents, *self.proposals)
        return frozenset(k for noun in nouns for k in lemmas(noun, self.code))

    @cached_property
    def speaking_document_keys(self) -> frozenset[str]:
        """Texts that speak for whoever issued them ("the joint declaration states")."""
        return frozenset(k for noun in self.documents for k in lemmas(noun, self.code)) - (
            frozenset(k for noun in self.proposals for k in lemmas(noun, self.code))
        )

    @cached_property
    def lead_frame_set(self) -> PhraseSet:
        return self._set(self.lead_frames)

    @cached_property
    def addressee_set(self) -> PhraseSet:
        return self._set(self.addressee_verbs)

    @cached_property
    def refusal_set(self) -> PhraseSet:
        """The phrases of ``refusals`` -> whether an infinitive must follow them."""
        items: list[tuple[str, bool]] = []
        for entry in self.refusals:
            phrase = entry.removesuffix("…").strip()
            verb, _, rest = phrase.partition(" ")
            participles = self.participles(verb) if self.participles is not None else ()
            items += [(f"{form} {rest}", entry.endswith("…")) for form in (verb, *participles)]
        return PhraseSet(self.code, items)

    @cached_property
    def separable_set(self) -> PhraseSet:
        """The verbs of ``separable`` (matched on lemmas) -> their particle, as written."""
        pairs = (entry.split("|", 1) for entry in self.separable)
        return PhraseSet(self.code, ((verb, particle.lower()) for particle, verb in pairs))

    @cached_property
    def frame_set(self) -> PhraseSet:
        return self._set(self.frames)

    @cached_property
    def pronoun_frame_set(self) -> PhraseSet:
        return self._set(self.pronoun_frames)

    @cached_property
    def opener_set(self) -> PhraseSet:
        return self._set(self.openers)

    @cached_property
    def complementiser_set(self) -> PhraseSet:
        return self._set(self.complementisers)

    @cached_property
    def anaphor_set(self) -> PhraseSet:
        return self._set(self.anaphors)

    @cached_property
    def pronoun_set(self) -> PhraseSet:
        return self._set(self.pronouns)

    @cached_property
    def negation_set(self) -> PhraseSet:
        return self._set(self.negations)

    @cached_property
    def role_set(self) -> PhraseSet:
        return PhraseSet(self.code, self.roles.items())

    @cached_property
    def institution_set(self) -> PhraseSet:
        return PhraseSet(self.code, self.institutions.items())

    @cached_property
    def group_set(self) -> PhraseSet:
        return self._set(self.groups)

    @cached_property
    def demonym_set(self) -> PhraseSet:
        return PhraseSet(self.code, self.demonyms.items())

    @cached_property
    def channel_set(self) -> PhraseSet:
        return PhraseSet(self.code, ((p, ch) for ch, ps in self.channels.items() for p in ps))

    @cached_property
    def status_set(self) -> PhraseSet:
        return PhraseSet(self.code, ((p, st) for st, ps in self.statuses.items() for p in ps))

    @cached_property
    def month_keys(self) -> dict[str, int]:
        """Every lemma key of a month name -> its number (1-12)."""
        return {k: n for name, n in self.months.items() for k in lemmas(name, self.code)}

    @cached_property
    def weekday_keys(self) -> dict[str, int]:
        """Every lemma key of a weekday name -> its number (0 = Monday)."""
        return {k: n for name, n in self.weekdays.items() for k in lemmas(name, self.code)}

    @cached_property
    def calendar_keys(self) -> frozenset[str]:
        return frozenset(self.month_keys) | frozenset(self.weekday_keys)

    @cached_property
    def talk_set(self) -> PhraseSet:
        return self._set(self.talk_terms)

    @property
    def commitment_words(self) -> CommitmentWords | None:
        """The words of commitments and amounts (``CommitmentWords``), None where the language
        has none."""
        return COMMITMENT_WORDS.get(self.code)


# --- Commitments and amounts (issue 16) ---------------------------------------------------------
# Each pack registers these in a section of its own (``register_commitments``), apart from
# its statement vocabulary.


@dataclass(frozen=True)
class CommitmentWords:
    """The words one language uses to report a commitment and its amount.

    stages: commitment stage (``CommitmentStage.Stage`` value) -> verbs and phrases (dictionary
        form, matched on lemmas) that report it: pledge -> announced, disburse -> delivered.
    verbal_nouns: endings (as written) of a verb's forms that report no event ("providing":
        "talks on providing guarantees").
    forms: finite forms the lemmatiser leaves as they are -> their verb in ``stages`` ("annulé"
        -> "annuler"): read as that verb, never taken for its infinitive.
    kinds: commitment category (``Commitment.Category`` value) -> nouns and phrases.
    future: words (as written) right before a stage verb that make it a promise ("will deliver",
        "wird liefern"): the commitment is announced, not yet at that stage.
    scales: scale words and abbreviations -> multiplier ("bn", "Milliarden", "млрд").
    currencies: ISO 4217 code -> currency words ("euro", "гривня", "złoty"); symbols and codes
        are shared (``negotiations.text.amounts``).
    numbers: written numbers -> value, for languages text2num does not read (ru, uk, pl, el).
    amount_links: words (as written) between a scale and its currency ("d'", "di", "de", "of").
    ceilings: "up to" phrases (as written, lower case) before an amount.
    range_links: words (as written) between a range's bounds ("to", "bis", "до"); range_ands
        ("and", "und") count only after a range_opener ("between", "zwischen", "від").
    per_year: phrases (as written, lower case) right after an amount ("a year", "pro Jahr").
    period_links: words (as written) before a year of the period ("in", "for", "über").
    year_words: the noun of a duration ("over ten years": year, Jahr, рік).
    beneficiary_links: words (as written) right before the party that receives ("to", "für").
    place_links: words (as written) right before a name that make it a place, not who receives,
        where a case marks who receives (Russian and Ukrainian: "в Украине" is no dative).
    venue_links: words (as written) right before a city that make it where something happened
        ("in Vilnius", "w Warszawie"), not a party (a capital stands for its state otherwise).
    target_links: words (as written) right before the party a pledge is against ("sanctions
        against Russia", "gegen Russland"): neither who commits nor who receives.
    partner_links: words (as written) right before the other side of an agreement ("signed
        with Scholz", "einigt sich mit Trump"): a party to it too.
    ready: words (as written) of readiness right before a stage verb: "ready to sign" reports a
        text agreed ("100 % ready"), "ready to send troops" a pledge (announced).
    event_nouns: nouns (dictionary form) of meetings a party's name may qualify ("the NATO
        summit", "саміт НАТО"): a name right after one is where, not who.
    subject_nearest: who commits is the name nearest before the stage verb ("Prezydent Ukrainy
        Zełenski i premier Tusk podpisali"); False where the verb comes last and the subject
        first (German: "Deutschland hat der Ukraine ... zugesagt").
    future_endings: the endings of the inflected future and conditional (French, Italian,
        Spanish: "fourniront", "forniranno", "suministrarán"): a stage verb so inflected is a
        promise (announced), as "will deliver" is.
    list_words: words (as written) that may stand between the names of one list of parties
        besides the pack's conjunctions and articles (Greek articles, "as well as").
    noun_markers: words (as written) that make the stage word after them a noun where a verb and
        its noun share a form (English "the supply of", "a pledge", "its increase"): no stage.
    particles: the separable particles of the language (German "zu", "an", "frei"): a stage verb
        that starts with one is read split too, its finite stem with the particle closing the
        clause ("sagte der Ukraine ... zu", "gibt die Mittel frei").
    """

    code: str
    stages: dict[str, tuple[str, ...]]
    kinds: dict[str, tuple[str, ...]]
    scales: dict[str, int]
    currencies: dict[str, tuple[str, ...]]
    future: tuple[str, ...] = ()
    forms: dict[str, str] = field(default_factory=dict)
    verbal_nouns: tuple[str, ...] = ()
    numbers: dict[str, float] = field(default_factory=dict)
    amount_links: tuple[str, ...] = ()
    ceilings: tuple[str, ...] = ()
    range_links: tuple[str, ...] = ()
    range_ands: tuple[str, ...] = ()
    range_openers: tuple[str, ...] = ()
    per_year: tuple[str, ...] = ()
    period_links: tuple[str, ...] = ()
    year_words: tuple[str, ...] = ()
    beneficiary_links: tuple[str, ...] = ()
    place_links: tuple[str, ...] = ()
    venue_links: tuple[str, ...] = ()
    target_links: tuple[str, ...] = ()
    partner_links: tuple[str, ...] = ()
    ready: tuple[str, ...] = ()
    event_nouns: tuple[str, ...] = ()
    subject_nearest: bool = True
    future_endings: tuple[str, ...] = ()
    list_words: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    noun_markers: tuple[str, ...] = ()

    @cached_property
    def split_stage_set(self) -> PhraseSet:
        """The stems of the separable stage verbs (matched on lemmas) -> (particle, stage):
        "zusagen" -> "sagen": ("zu", "announced")."""
        items = []
        for stage, verbs in self.stages.items():
            for verb in verbs:
                lower = verb.lower()
                for particle in sorted(self.particles, key=len, reverse=True):
                    stem = lower.removeprefix(particle)
                    if stem != lower and " " not in lower and len(stem) > 3:
                        items.append((stem, (particle, stage)))
                        break
        return PhraseSet(self.code, items)

    @cached_property
    def stage_set(self) -> PhraseSet:
        stage_of = {p: st for st, ps in self.stages.items() for p in ps}
        forms = {**self.forms, **self.participle_forms}
        items = [*stage_of.items(), *((f, stage_of[v]) for f, v in forms.items())]
        return PhraseSet(self.code, items)

    @cached_property
    def participle_forms(self) -> dict[str, str]:
        """The participles the lemmatiser leaves as they are ("prometido", "fourni") -> their
        stage verb: the pack's regular participles ("ha prometido", "a fourni" report it)."""
        pack = PACKS.get(self.code)
        make = pack.participles if pack is not None else None
        out: dict[str, str] = {}
        if make is None:
            return out
        for verbs in self.stages.values():
            for verb in verbs:
                if " " in verb:
                    continue
                for participle in make(verb.removeprefix("s'")):
                    if not set(lemmas(verb, self.code)) & set(lemmas(participle, self.code)):
                        out[participle] = verb
        return out

    @cached_property
    def event_keys(self) -> frozenset[str]:
        return frozenset(k for noun in self.event_nouns for k in lemmas(noun, self.code))

    @cached_property
    def finite_forms(self) -> frozenset[str]:
        return frozenset(normalize_name(f) for f in (*self.forms, *self.participle_forms))

    @cached_property
    def kind_set(self) -> PhraseSet:
        return PhraseSet(self.code, ((p, k) for k, ps in self.kinds.items() for p in ps))


COMMITMENT_WORDS: dict[str, CommitmentWords] = {}


def register_commitments(words: CommitmentWords) -> CommitmentWords:
    COMMITMENT_WORDS[words.code] = words
    return words


# --- Loaded words (issue 14) --------------------------------------------------------------------
# The words an outlet adds to colour what it reports ("so-called", "regime", "claimed", "якобы"),
# per language, each pack in a section of its own (``register_loaded_words``). The comparison of
# outlets marks them (``negotiations.text.compare``). Dictionary form, matched on lemmas, so a
# pack lists "режим" once and reads "режима", "режиму"; a phrase's words follow each other.

LOADED_WORDS: dict[str, PhraseSet] = {}


def register_loaded_words(code: str, words: Iterable[str]) -> PhraseSet:
    phrases = PhraseSet(code, ((w, w) for w in words))
    LOADED_WORDS[code] = phrases
    return phrases


def loaded_words(code: str | None) -> PhraseSet:
    """The loaded words of a language (ISO 639-1); English when the language has none."""
    return LOADED_WORDS.get((code or "").split("-")[0].lower()) or LOADED_WORDS[DEFAULT]


PACKS: dict[str, LanguagePack] = {}
DEFAULT = "en"


def register(pack: LanguagePack) -> LanguagePack:
    PACKS[pack.code] = pack
    return pack


def _load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def pack_for(code: str | None) -> LanguagePack:
    """The pack of a language (ISO 639-1); English when the language has none."""
    return PACKS.get((code or "").split("-")[0].lower()) or PACKS[DEFAULT]


def classify_status(sentence: str, pack: LanguagePack):
    """The track status event a sentence reports, read with its language's pack."""
    from negotiations.text.statuses import classify_with_pack

    if pack.status_classifier is not None:
        return pack.status_classifier(sentence)
    return classify_with_pack(sentence, pack)


def supported_languages() -> list[str]:
    return sorted(PACKS)


_load_all()  # every pack registers itself; their phrase sets are built on first use
