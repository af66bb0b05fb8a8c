"""French."""

from negotiations.text.lang import LanguagePack, register

PACK = register(
    LanguagePack(
        code="fr",
        name="French",
        speech_verbs=(
            "dire", "déclarer", "affirmer", "souligner", "ajouter", "écrire", "estimer",
            "assurer", "indiquer", "expliquer", "préciser", "annoncer", "confirmer", "insister",
            "avertir", "prévenir", "promettre", "rappeler", "répondre", "réagir", "martèle",
            "marteler", "juger", "plaider", "démentir", "reconnaître", "admettre", "appeler",
            "exhorter", "dénoncer", "lancer", "poursuivre", "confier", "commenter", "soutenir",
            "insiste", "déclaré", "affirmé", "dit", "selon",
        ),  # fmt: skip
        frames=("selon", "d'après", "aux yeux de", "de l'avis de"),
        complementisers=("que", "qu'"),
        anaphors=("c'est ce qu'a", "cela", "ce"),
        pronouns=("il", "elle"),
        negations=("ne", "n'", "pas", "jamais"),
        roles={
            "président": "president", "chef de l'État": "president", "Premier ministre": "prime minister",
            "chancelier": "chancellor", "ministre des Affaires étrangères": "foreign minister",
            "chef de la diplomatie": "foreign minister", "ministre de la Défense": "defence minister",
            "ministre des Armées": "defence minister", "secrétaire d'État": "secretary of state",
            "porte-parole": "spokesperson", "conseiller": "adviser",
            "conseiller à la sécurité nationale": "national security adviser",
            "émissaire": "envoy", "envoyé spécial": "envoy", "envoyé": "envoy",
            "négociateur": "negotiator", "chef de la délégation": "negotiator",
            "ambassadeur": "ambassador", "secrétaire général": "secretary general",
            "vice-président": "vice president", "ministre": "minister", "dirigeant": "leader",
            "chef de cabinet": "head of the office of the president",
            "chef de l'administration présidentielle": "head of the office of the president",
            "diplomate": "diplomat",
        },  # fmt: skip
        institutions={
            "Kremlin": ("Kremlin", "russia"), "Maison Blanche": ("White House", "united-states"),
            "Maison-Blanche": ("White House", "united-states"),
            "Département d'État": ("US Department of State", "united-states"),
            "Pentagone": ("US Department of Defense", "united-states"),
            "ministère des Affaires étrangères": ("Ministry of Foreign Affairs", ""),
            "Quai d'Orsay": ("Ministry of Foreign Affairs", "france"),
            "ministère de la Défense": ("Ministry of Defence", ""),
            "Élysée": ("Élysée Palace", "france"), "Elysée": ("Élysée Palace", "france"),
            "Commission européenne": ("European Commission", "european-union"),
            "gouvernement": ("Government", ""), "présidence ukrainienne": ("Office of the President of Ukraine", "ukraine"),
        },  # fmt: skip
        groups=("les deux dirigeants", "les deux parties", "les deux présidents", "les dirigeants"),
        channels={
            "telegram": ("Telegram",),
            "told_journalists": ("aux journalistes", "devant la presse", "à la presse"),
            "interview": ("entretien", "interview"),
            "press_conference": ("conférence de presse",),
            "press_briefing": ("point de presse", "briefing"),
            "speech": ("discours", "allocution", "adresse"),
            "social_media": ("sur X", "Twitter", "Facebook", "Truth Social", "réseaux sociaux"),
            "official_statement": ("communiqué", "déclaration", "site"),
        },  # fmt: skip
        statuses={
            "in_force": ("entrer en vigueur",),
            "signed": ("signer", "signature"),
            "abandoned": ("échouer", "rompre"),
            "suspended": ("suspendre", "geler"),
            "stalled": ("impasse", "piétiner", "enlisé"),
            "agreed": ("se mettre d'accord", "convenir", "parvenir à un accord"),
            "scheduled": ("doit se tenir", "prévu"),
            "talks_under_way": ("mener des négociations", "round de négociations", "négocier"),
            "announced": ("annoncer",),
            "proposed": ("proposer",),
        },  # fmt: skip
        talk_terms=(
            "négociation", "négocier", "pourparlers", "discussion", "paix", "cessez-le-feu",
            "trêve", "garantie de sécurité", "garantie", "accord", "traité", "sommet",
            "émissaire", "envoyé", "plan", "règlement", "coalition des volontaires",
            "déclaration", "délégation", "médiateur", "médiation", "force de réassurance",
            "engagement", "concession", "pacte", "mémorandum",
        ),  # fmt: skip
        months={m: i for i, m in enumerate(
            ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"), start=1)},  # fmt: skip
        weekdays={d: i for i, d in enumerate(
            ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"))},
    )
)
