"""The crisis lines a new installation starts with; staff change them in the admin.

Each line is written once per language members read the site in (fr, de, it, en), so a
member sees its name and hours in their language; `LANGUAGES` lists those languages. The
services answer in their own languages, which the texts say where it matters."""

LANGUAGES = ("fr", "de", "it", "en")


def _all(text: str) -> dict:
    """The same words in every language (a proper name, a number)."""
    return dict.fromkeys(LANGUAGES, text)


DEFAULT_CRISIS_LINES = [
    # --- Switzerland ---------------------------------------------------------------------------
    {
        "country": "CH", "phone": "143", "position": 10, "is_emergency": False, "url": "https://www.143.ch",
        "name": {
            "fr": "La Main Tendue",
            "de": "Die Dargebotene Hand",
            "it": "Telefono Amico",
            "en": "La Main Tendue / Die Dargebotene Hand / Telefono Amico",
        },
        "text": {
            "fr": "Écoute anonyme, jour et nuit, par téléphone, chat ou e-mail.",
            "de": "Anonym zuhören, Tag und Nacht, per Telefon, Chat oder E-Mail.",
            "it": "Ascolto anonimo, giorno e notte, al telefono, in chat o per e-mail.",
            "en": "Anonymous listening, day and night, by phone, chat or e-mail (in French, German or Italian).",
        },
    },
    {
        "country": "CH", "phone": "147", "position": 20, "is_emergency": False, "url": "https://www.147.ch",
        "name": _all("Pro Juventute 147"),
        "text": {
            "fr": "Pour les enfants et les jeunes, jour et nuit : téléphone, SMS, chat.",
            "de": "Für Kinder und Jugendliche, Tag und Nacht: Telefon, SMS, Chat.",
            "it": "Per bambini e giovani, giorno e notte: telefono, SMS, chat.",
            "en": "For children and young people, day and night: phone, text message, chat.",
        },
    },
    {
        "country": "CH", "phone": "144", "position": 30, "is_emergency": True, "url": "",
        "name": {"fr": "Ambulance", "de": "Sanitätsnotruf", "it": "Ambulanza", "en": "Ambulance"},
        "text": {
            "fr": "Urgence médicale, danger de mort.",
            "de": "Medizinischer Notfall, Lebensgefahr.",
            "it": "Emergenza medica, pericolo di vita.",
            "en": "Medical emergency, danger to life.",
        },
    },
    {
        "country": "CH", "phone": "112", "position": 40, "is_emergency": True, "url": "",
        "name": {"fr": "Numéro d'urgence européen", "de": "Europäische Notrufnummer",
                 "it": "Numero d'emergenza europeo", "en": "European emergency number"},
        "text": {"fr": "Toutes les urgences.", "de": "Alle Notfälle.", "it": "Tutte le emergenze.",
                 "en": "Every emergency."},
    },
    {
        "country": "CH", "phone": "117", "position": 50, "is_emergency": True, "url": "",
        "name": {"fr": "Police", "de": "Polizei", "it": "Polizia", "en": "Police"},
        "text": _all(""),
    },
    # --- France --------------------------------------------------------------------------------
    {
        "country": "FR", "phone": "3114", "position": 10, "is_emergency": False, "url": "https://3114.fr",
        "name": {
            "fr": "3114, numéro national de prévention du suicide",
            "de": "3114, nationale Nummer für Suizidprävention",
            "it": "3114, numero nazionale di prevenzione del suicidio",
            "en": "3114, national suicide prevention line",
        },
        "text": {
            "fr": "Gratuit, jour et nuit, des soignant·es à l'écoute.",
            "de": "Kostenlos, Tag und Nacht, Fachpersonen hören zu (auf Französisch).",
            "it": "Gratuito, giorno e notte, ascoltano professionisti della cura (in francese).",
            "en": "Free, day and night, care professionals listen (in French).",
        },
    },
    {
        "country": "FR", "phone": "15", "position": 20, "is_emergency": True, "url": "",
        "name": {"fr": "SAMU", "de": "SAMU (medizinischer Notruf)", "it": "SAMU (emergenza medica)",
                 "en": "SAMU (medical emergency)"},
        "text": {"fr": "Urgence médicale.", "de": "Medizinischer Notfall.", "it": "Emergenza medica.",
                 "en": "Medical emergency."},
    },
    {
        "country": "FR", "phone": "112", "position": 30, "is_emergency": True, "url": "",
        "name": {"fr": "Numéro d'urgence européen", "de": "Europäische Notrufnummer",
                 "it": "Numero d'emergenza europeo", "en": "European emergency number"},
        "text": {"fr": "Toutes les urgences.", "de": "Alle Notfälle.", "it": "Tutte le emergenze.",
                 "en": "Every emergency."},
    },
    # --- Belgium -------------------------------------------------------------------------------
    {
        "country": "BE", "phone": "0800 32 123", "position": 10, "is_emergency": False,
        "url": "https://www.preventionsuicide.be",
        "name": {"fr": "Centre de prévention du suicide", "de": "Centre de prévention du suicide",
                 "it": "Centre de prévention du suicide", "en": "Centre de prévention du suicide"},
        "text": {
            "fr": "Gratuit, jour et nuit, en français.",
            "de": "Kostenlos, Tag und Nacht, auf Französisch.",
            "it": "Gratuito, giorno e notte, in francese.",
            "en": "Free, day and night, in French.",
        },
    },
    {
        "country": "BE", "phone": "1813", "position": 20, "is_emergency": False, "url": "https://www.zelfmoord1813.be",
        "name": _all("Zelfmoordlijn 1813"),
        "text": {
            "fr": "Gratuit, jour et nuit, en néerlandais.",
            "de": "Kostenlos, Tag und Nacht, auf Niederländisch.",
            "it": "Gratuito, giorno e notte, in olandese.",
            "en": "Free, day and night, in Dutch.",
        },
    },
    {
        "country": "BE", "phone": "112", "position": 30, "is_emergency": True, "url": "",
        "name": {"fr": "Numéro d'urgence européen", "de": "Europäische Notrufnummer",
                 "it": "Numero d'emergenza europeo", "en": "European emergency number"},
        "text": {"fr": "Toutes les urgences.", "de": "Alle Notfälle.", "it": "Tutte le emergenze.",
                 "en": "Every emergency."},
    },
    # --- Canada --------------------------------------------------------------------------------
    {
        "country": "CA", "phone": "988", "position": 10, "is_emergency": False, "url": "https://988.ca",
        "name": {
            "fr": "988, Ligne d'aide en cas de crise de suicide",
            "de": "988, Suicide Crisis Helpline",
            "it": "988, Suicide Crisis Helpline",
            "en": "988 Suicide Crisis Helpline",
        },
        "text": {
            "fr": "Appel ou texto, gratuit, jour et nuit, en français et en anglais.",
            "de": "Anruf oder SMS, kostenlos, Tag und Nacht, auf Französisch und Englisch.",
            "it": "Chiamata o SMS, gratuito, giorno e notte, in francese e in inglese.",
            "en": "Call or text, free, day and night, in English and French.",
        },
    },
    {
        "country": "CA", "phone": "911", "position": 20, "is_emergency": True, "url": "",
        "name": {"fr": "Urgences", "de": "Notruf", "it": "Emergenze", "en": "Emergency"},
        "text": {"fr": "Toutes les urgences.", "de": "Alle Notfälle.", "it": "Tutte le emergenze.",
                 "en": "Every emergency."},
    },
    # --- Germany -------------------------------------------------------------------------------
    {
        "country": "DE", "phone": "0800 111 0 111", "position": 10, "is_emergency": False,
        "url": "https://www.telefonseelsorge.de",
        "name": _all("TelefonSeelsorge"),
        "text": {
            "fr": "Écoute anonyme et gratuite, jour et nuit, par téléphone, chat ou e-mail (en allemand).",
            "de": "Anonym und kostenlos, Tag und Nacht, per Telefon, Chat oder E-Mail.",
            "it": "Ascolto anonimo e gratuito, giorno e notte, al telefono, in chat o per e-mail (in tedesco).",
            "en": "Anonymous and free, day and night, by phone, chat or e-mail (in German).",
        },
    },
    {
        "country": "DE", "phone": "0800 111 0 222", "position": 20, "is_emergency": False, "url": "",
        "name": _all("TelefonSeelsorge"),
        "text": {"fr": "Le même service, à un autre numéro.", "de": "Dasselbe Angebot unter einer weiteren Nummer.",
                 "it": "Lo stesso servizio, a un altro numero.", "en": "The same service, on another number."},
    },
    {
        "country": "DE", "phone": "116 123", "position": 30, "is_emergency": False, "url": "",
        "name": _all("TelefonSeelsorge"),
        "text": {"fr": "Le même service, à un autre numéro.", "de": "Dasselbe Angebot unter einer weiteren Nummer.",
                 "it": "Lo stesso servizio, a un altro numero.", "en": "The same service, on another number."},
    },
    {
        "country": "DE", "phone": "116 111", "position": 40, "is_emergency": False,
        "url": "https://www.nummergegenkummer.de",
        "name": _all("Nummer gegen Kummer"),
        "text": {
            "fr": "Pour les enfants et les jeunes, gratuit et anonyme, du lundi au samedi de 14 h à 20 h (en allemand).",
            "de": "Für Kinder und Jugendliche, kostenlos und anonym, Montag bis Samstag von 14 bis 20 Uhr.",
            "it": "Per bambini e giovani, gratuito e anonimo, dal lunedì al sabato dalle 14 alle 20 (in tedesco).",
            "en": "For children and young people, free and anonymous, Monday to Saturday, 2 pm to 8 pm (in German).",
        },
    },
    {
        "country": "DE", "phone": "112", "position": 50, "is_emergency": True, "url": "",
        "name": {"fr": "Ambulance et pompiers", "de": "Rettungsdienst und Feuerwehr",
                 "it": "Ambulanza e vigili del fuoco", "en": "Ambulance and fire brigade"},
        "text": {
            "fr": "Urgence médicale, danger de mort.",
            "de": "Medizinischer Notfall, Lebensgefahr.",
            "it": "Emergenza medica, pericolo di vita.",
            "en": "Medical emergency, danger to life.",
        },
    },
    {
        "country": "DE", "phone": "110", "position": 60, "is_emergency": True, "url": "",
        "name": {"fr": "Police", "de": "Polizei", "it": "Polizia", "en": "Police"},
        "text": _all(""),
    },
    # --- Austria -------------------------------------------------------------------------------
    {
        "country": "AT", "phone": "142", "position": 10, "is_emergency": False, "url": "https://www.telefonseelsorge.at",
        "name": _all("TelefonSeelsorge"),
        "text": {
            "fr": "Écoute anonyme et gratuite, jour et nuit, aussi par chat et e-mail (en allemand).",
            "de": "Anonym und kostenlos, Tag und Nacht, auch per Chat und E-Mail.",
            "it": "Ascolto anonimo e gratuito, giorno e notte, anche in chat e per e-mail (in tedesco).",
            "en": "Anonymous and free, day and night, also by chat and e-mail (in German).",
        },
    },
    {
        "country": "AT", "phone": "147", "position": 20, "is_emergency": False, "url": "https://www.rataufdraht.at",
        "name": _all("Rat auf Draht"),
        "text": {
            "fr": "Pour les enfants et les jeunes, gratuit et anonyme, jour et nuit (en allemand).",
            "de": "Für Kinder und Jugendliche, kostenlos und anonym, Tag und Nacht.",
            "it": "Per bambini e giovani, gratuito e anonimo, giorno e notte (in tedesco).",
            "en": "For children and young people, free and anonymous, day and night (in German).",
        },
    },
    {
        "country": "AT", "phone": "144", "position": 30, "is_emergency": True, "url": "",
        "name": {"fr": "Ambulance", "de": "Rettung", "it": "Ambulanza", "en": "Ambulance"},
        "text": {
            "fr": "Urgence médicale, danger de mort.",
            "de": "Medizinischer Notfall, Lebensgefahr.",
            "it": "Emergenza medica, pericolo di vita.",
            "en": "Medical emergency, danger to life.",
        },
    },
    {
        "country": "AT", "phone": "112", "position": 40, "is_emergency": True, "url": "",
        "name": {"fr": "Numéro d'urgence européen", "de": "Europäische Notrufnummer",
                 "it": "Numero d'emergenza europeo", "en": "European emergency number"},
        "text": {"fr": "Toutes les urgences.", "de": "Alle Notfälle.", "it": "Tutte le emergenze.",
                 "en": "Every emergency."},
    },
    {
        "country": "AT", "phone": "133", "position": 50, "is_emergency": True, "url": "",
        "name": {"fr": "Police", "de": "Polizei", "it": "Polizia", "en": "Police"},
        "text": _all(""),
    },
    # --- Italy ---------------------------------------------------------------------------------
    {
        "country": "IT", "phone": "02 2327 2327", "position": 10, "is_emergency": False,
        "url": "https://www.telefonoamico.it",
        "name": _all("Telefono Amico Italia"),
        "text": {
            "fr": "Écoute anonyme, tous les jours de 10 h à minuit ; l'écoute est gratuite, l'appel coûte "
                  "une communication locale (en italien).",
            "de": "Anonym zuhören, täglich von 10 bis 24 Uhr; das Zuhören ist kostenlos, der Anruf kostet "
                  "ein Ortsgespräch (auf Italienisch).",
            "it": "Ascolto anonimo, tutti i giorni dalle 10 alle 24; l'ascolto è gratuito, la chiamata costa "
                  "come una chiamata urbana.",
            "en": "Anonymous listening, every day from 10 am to midnight; listening is free, the call costs "
                  "a local call (in Italian).",
        },
    },
    {
        "country": "IT", "phone": "19696", "position": 20, "is_emergency": False, "url": "https://azzurro.it",
        "name": _all("Telefono Azzurro"),
        "text": {
            "fr": "Pour les enfants et les jeunes, gratuit (en italien).",
            "de": "Für Kinder und Jugendliche, kostenlos (auf Italienisch).",
            "it": "Per bambini e ragazzi, gratuito.",
            "en": "For children and young people, free (in Italian).",
        },
    },
    {
        "country": "IT", "phone": "112", "position": 30, "is_emergency": True, "url": "",
        "name": {"fr": "Numéro d'urgence européen", "de": "Europäische Notrufnummer",
                 "it": "Numero unico di emergenza", "en": "European emergency number"},
        "text": {"fr": "Toutes les urgences.", "de": "Alle Notfälle.", "it": "Tutte le emergenze.",
                 "en": "Every emergency."},
    },
    {
        "country": "IT", "phone": "118", "position": 40, "is_emergency": True, "url": "",
        "name": {"fr": "Urgence médicale", "de": "Medizinischer Notruf", "it": "Emergenza sanitaria",
                 "en": "Medical emergency"},
        "text": {
            "fr": "Urgence médicale, danger de mort.",
            "de": "Medizinischer Notfall, Lebensgefahr.",
            "it": "Emergenza medica, pericolo di vita.",
            "en": "Medical emergency, danger to life.",
        },
    },
    # --- Luxembourg ----------------------------------------------------------------------------
    {
        "country": "LU", "phone": "454545", "position": 10, "is_emergency": False, "url": "https://454545.lu",
        "name": _all("SOS Détresse"),
        "text": {
            "fr": "Écoute anonyme par téléphone, chat ou e-mail, tous les jours mais pas jour et nuit, "
                  "en luxembourgeois, allemand, français et anglais.",
            "de": "Anonym zuhören per Telefon, Chat oder E-Mail, jeden Tag, aber nicht rund um die Uhr, "
                  "auf Luxemburgisch, Deutsch, Französisch und Englisch.",
            "it": "Ascolto anonimo al telefono, in chat o per e-mail, tutti i giorni ma non giorno e notte, "
                  "in lussemburghese, tedesco, francese e inglese.",
            "en": "Anonymous listening by phone, chat or e-mail, every day but not round the clock, "
                  "in Luxembourgish, German, French and English.",
        },
    },
    {
        "country": "LU", "phone": "112", "position": 20, "is_emergency": True, "url": "",
        "name": {"fr": "Ambulance et pompiers", "de": "Rettungsdienst und Feuerwehr",
                 "it": "Ambulanza e vigili del fuoco", "en": "Ambulance and fire brigade"},
        "text": {
            "fr": "Urgence médicale, danger de mort.",
            "de": "Medizinischer Notfall, Lebensgefahr.",
            "it": "Emergenza medica, pericolo di vita.",
            "en": "Medical emergency, danger to life.",
        },
    },
    {
        "country": "LU", "phone": "113", "position": 30, "is_emergency": True, "url": "",
        "name": {"fr": "Police", "de": "Polizei", "it": "Polizia", "en": "Police"},
        "text": _all(""),
    },
]

# Countries added after the first installations: a migration gives them to databases that
# already had their lines (moderation/migrations/0007_crisis_lines_de_at_it_lu.py).
LATER_COUNTRIES = ("DE", "AT", "IT", "LU")


def crisis_line_rows(countries=None) -> list[dict]:
    """One row per line and language, ready for CrisisLine(**row); only `countries` if given."""
    rows = []
    for line in DEFAULT_CRISIS_LINES:
        if countries is not None and line["country"] not in countries:
            continue
        for language in LANGUAGES:
            rows.append({
                "country": line["country"], "language": language, "name": line["name"][language],
                "phone": line["phone"], "text": line["text"][language], "url": line["url"],
                "position": line["position"], "is_emergency": line["is_emergency"],
            })
    return rows
