"""The professional's guide to handing the leadership of a guided group to its members (seed
003, "Passage d'un leadership professionnel au système d'entraide"): three short sections, read
in the active language. Public, so that a professional thinking of it can read it first."""

from django.utils.translation import gettext_lazy as _

from entraide.text import TextSection


HANDOVER_GUIDE = (
    TextSection("discuss", _("En parler avec les membres"), (
        _("Présentez au groupe les fonctions que vous tenez aujourd'hui : l'accueil, la logistique, "
          "l'animation (ouvrir la rencontre, faire circuler la parole, proposer les activités), la gestion "
          "du temps et la coordination des intervenant·es. Dites que le but est que le groupe les tienne "
          "lui-même, la moitié du temps environ pour l'animation d'abord."),
        _("Demandez qui aimerait essayer quoi, sans presser personne : chacun·e prend une fonction quand "
          "il ou elle s'en sent capable, et peut la rendre."),
    )),
    TextSection("practise", _("S'exercer ensemble"), (
        _("Confiez d'abord une fonction à la fois, en commençant souvent par la gestion du temps ou "
          "l'accueil. Préparez la rencontre avec la personne, restez à côté pendant, et prenez un moment "
          "après pour dire ce qui a marché."),
        _("Chaque transmission passe par les rôles tournants du groupe : vous la proposez, les membres "
          "peuvent objecter pendant la consultation, puis la personne tient la fonction pour un mandat."),
    )),
    TextSection("let-go", _("Lâcher prise"), (
        _("Quand une fonction est transmise, laissez la personne la tenir à sa manière, même si ce n'est "
          "pas la vôtre. Intervenez seulement si la sécurité d'un membre est en jeu."),
        _("Suivez la part des rencontres animées par un membre sur la page du groupe. Visez environ la "
          "moitié ; au-delà, votre rôle devient celui d'une ressource que le groupe appelle quand il en a "
          "besoin."),
    )),
)
