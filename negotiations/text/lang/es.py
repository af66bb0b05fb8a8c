"""Spanish."""

from negotiations.text.lang import LanguagePack, register

PACK = register(
    LanguagePack(
        code="es",
        name="Spanish",
        speech_verbs=(
            "decir", "afirmar", "declarar", "asegurar", "señalar", "subrayar", "añadir",
            "agregar", "escribir", "explicar", "precisar", "anunciar", "confirmar", "insistir",
            "advertir", "prometer", "recordar", "responder", "indicar", "destacar", "manifestar",
            "sostener", "reiterar", "apuntar", "comentar", "reconocer", "admitir", "negar",
            "pedir", "instar", "opinar", "aseverar", "expresar", "dijo", "afirmó", "según",
        ),  # fmt: skip
        frames=("según", "de acuerdo con", "en palabras de", "a juicio de"),
        complementisers=("que",),
        anaphors=("así lo", "lo", "esto"),
        pronouns=("él", "ella"),
        negations=("no", "nunca"),
        roles={
            "presidente": "president", "jefe de Estado": "president",
            "primer ministro": "prime minister", "presidente del Gobierno": "prime minister",
            "canciller": "foreign minister", "ministro de Exteriores": "foreign minister",
            "ministro de Asuntos Exteriores": "foreign minister", "jefe de la diplomacia": "foreign minister",
            "ministro de Defensa": "defence minister", "secretario de Estado": "secretary of state",
            "portavoz": "spokesperson", "vocero": "spokesperson", "asesor": "adviser",
            "asesor de seguridad nacional": "national security adviser",
            "enviado": "envoy", "enviado especial": "envoy", "emisario": "envoy",
            "negociador": "negotiator", "jefe de la delegación": "negotiator",
            "embajador": "ambassador", "secretario general": "secretary general",
            "vicepresidente": "vice president", "ministro": "minister", "líder": "leader",
            "mandatario": "president", "jefe de gabinete": "head of the office of the president",
            "diplomático": "diplomat",
        },  # fmt: skip
        institutions={
            "Kremlin": ("Kremlin", "russia"), "Casa Blanca": ("White House", "united-states"),
            "Departamento de Estado": ("US Department of State", "united-states"),
            "Pentágono": ("US Department of Defense", "united-states"),
            "Ministerio de Exteriores": ("Ministry of Foreign Affairs", ""),
            "Ministerio de Asuntos Exteriores": ("Ministry of Foreign Affairs", ""),
            "Cancillería": ("Ministry of Foreign Affairs", ""),
            "Ministerio de Defensa": ("Ministry of Defence", ""),
            "Elíseo": ("Élysée Palace", "france"), "Moncloa": ("Government", "spain"),
            "Comisión Europea": ("European Commission", "european-union"),
            "Gobierno": ("Government", ""),
        },  # fmt: skip
        groups=("ambos líderes", "ambas partes", "las partes", "los líderes", "los dos presidentes"),
        channels={
            "telegram": ("Telegram",),
            "told_journalists": ("a los periodistas", "a la prensa", "ante los periodistas",
                                 "ante la prensa"),
            "interview": ("entrevista",),
            "press_conference": ("rueda de prensa", "conferencia de prensa"),
            "press_briefing": ("sesión informativa", "briefing"),
            "speech": ("discurso", "intervención", "mensaje"),
            "social_media": ("en X", "Twitter", "Facebook", "Truth Social", "redes sociales"),
            "official_statement": ("comunicado", "declaración", "nota", "página web"),
        },  # fmt: skip
        statuses={
            "in_force": ("entrar en vigor",),
            "signed": ("firmar", "firma", "suscribir"),
            "abandoned": ("fracasar", "romper"),
            "suspended": ("suspender", "congelar"),
            "stalled": ("estancar", "punto muerto", "bloqueo"),
            "agreed": ("acordar", "alcanzar un acuerdo", "pactar"),
            "scheduled": ("se celebrará", "previsto", "programado"),
            "talks_under_way": ("negociar", "ronda de negociaciones", "conversaciones en curso"),
            "announced": ("anunciar",),
            "proposed": ("proponer",),
        },  # fmt: skip
        talk_terms=(
            "negociación", "negociar", "conversación", "diálogo", "paz", "alto el fuego",
            "tregua", "garantía de seguridad", "garantía", "acuerdo", "pacto", "tratado",
            "cumbre", "enviado", "plan", "arreglo", "arreglo pacífico", "coalición de voluntarios", "declaración",
            "delegación", "mediador", "mediación", "compromiso", "concesión", "memorando",
        ),  # fmt: skip
        months={m: i for i, m in enumerate(
            ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre"), start=1)},  # fmt: skip
        weekdays={d: i for i, d in enumerate(
            ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"))},
    )
)
