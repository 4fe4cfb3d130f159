"""The readings a volunteer goes through before the check-in with a coordinator. They are read in
the member's language, which is the active one: each text is a lazy translation.

Marking them read is peers.services.path.reading_mark_done; Supporter.readings_done keeps the codes."""

from django.utils.translation import gettext_lazy as _

from entraide.text import TextSection


READINGS = (
    TextSection("listening", _("Écouter sans conseiller"), (
        _("La personne qui vous écrit ne cherche pas d'abord une solution : elle cherche quelqu'un qui "
          "l'entende. Laissez-lui le temps de dire les choses à sa manière, sans l'interrompre ni "
          "comparer avec votre propre histoire."),
        _("Évitez les conseils, même bien intentionnés, et surtout les conseils médicaux : traitements, "
          "doses, examens relèvent de son équipe soignante. Vous pouvez dire ce qui vous a aidé·e, en "
          "précisant que c'est votre expérience et non une règle."),
        _("Reformulez ce que vous avez compris, posez des questions ouvertes, acceptez les silences. "
          "Vous n'avez pas à tout réparer : être là, sans juger, compte déjà beaucoup."),
    )),
    TextSection("confidentiality", _("La confidentialité"), (
        _("Ce qu'une personne vous confie reste entre vous. Vous n'en parlez pas à d'autres membres, "
          "ni dans les groupes, ni à vos proches, même sans donner son nom : un détail suffit parfois "
          "à reconnaître quelqu'un."),
        _("Ne copiez pas vos échanges, ne les photographiez pas et ne les transmettez pas. Si vous avez "
          "besoin d'aide pour un accompagnement difficile, adressez-vous à la coordination du programme, "
          "qui est tenue à la même discrétion."),
        _("Une seule exception : si la vie de la personne ou de quelqu'un d'autre est en danger, aider "
          "à obtenir du secours passe avant le secret. Dites-le-lui si vous le pouvez."),
    )),
    TextSection("limits", _("Vos limites"), (
        _("Vous êtes pair aidant·e, pas soignant·e ni thérapeute. Vous offrez votre écoute et votre "
          "expérience, à côté de votre propre vie, et cela suffit."),
        _("Choisissez combien de jumelages vous tenez à la fois et quand vous êtes disponible, et "
          "mettez votre soutien en pause dès que vous en avez besoin, sans avoir à vous justifier. "
          "Vous pouvez aussi mettre fin à un jumelage à tout moment."),
        _("Si un échange vous pèse, vous met mal à l'aise ou réveille des choses difficiles pour vous, "
          "parlez-en à la coordination. Prendre soin de vous fait partie du rôle."),
    )),
    TextSection("signposting", _("Orienter vers l'aide en cas de crise"), (
        _("Si la personne parle de mettre fin à ses jours, de se faire du mal, ou décrit une urgence "
          "médicale, le soutien entre pairs ne suffit plus : ce n'est pas à vous de porter seul·e "
          "cette situation."),
        _("Restez calme, prenez ses mots au sérieux et dites-lui clairement qu'il existe une aide "
          "immédiate. Donnez-lui les lignes d'écoute et les numéros d'urgence de son pays, que la "
          "plateforme affiche sur sa page d'aide. En cas de danger immédiat, c'est le numéro "
          "d'urgence qu'il faut appeler."),
        _("Ensuite, prévenez la coordination du programme, et prenez le temps de parler de ce que "
          "vous avez vécu."),
    )),
)

READING_CODES = tuple(reading.code for reading in READINGS)
_BY_CODE = {reading.code: reading for reading in READINGS}


def reading(code: str) -> TextSection | None:
    return _BY_CODE.get(code)


def all_read(readings_done) -> bool:
    return set(READING_CODES) <= set(readings_done or ())
