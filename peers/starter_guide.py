"""The group starter's guide: four short sections, read in the active language (lazy
translations). Public, so a group thinking of asking can read what a starter does."""

from django.utils.translation import gettext_lazy as _

from entraide.text import TextSection


STARTER_GUIDE = (
    TextSection("first-meeting", _("Ouvrir la première rencontre"), (
        _("Arrivez un peu en avance, vérifiez le lien ou la salle et accueillez chaque personne par son "
          "prénom ou son pseudonyme. Beaucoup viennent pour la première fois dans un groupe : dites "
          "simplement que chacun·e peut parler ou se taire, et que personne n'a à se justifier."),
        _("Proposez un tour de présentation court, puis laissez la parole circuler. Vous montrez une "
          "manière de faire, vous ne dirigez pas : dès que possible, confiez l'animation à un membre du "
          "groupe et restez en soutien."),
        _("Terminez à l'heure annoncée, avec un mot sur la prochaine rencontre et sur la manière de "
          "joindre le groupe entre-temps."),
    )),
    TextSection("charter", _("La charte"), (
        _("La charte est l'accord que les membres se donnent : confidentialité, parler au « je », pas de "
          "jugement ni de conseil non demandé, participation libre, respect mutuel. Lisez-la ensemble au "
          "début des premières rencontres."),
        _("Invitez le groupe à l'adapter : elle change par une proposition que chacun·e peut voir et à "
          "laquelle chacun·e peut objecter. Ce n'est pas à vous de l'écrire ; vous aidez le groupe à "
          "trouver ses mots."),
    )),
    TextSection("rotation", _("La rotation des rôles"), (
        _("Animation, chronométrage, accueil et modération se prennent pour un mandat et se transmettent. "
          "Expliquez à quoi sert chaque rôle et encouragez plusieurs personnes à en prendre un, pour que "
          "le groupe ne repose pas sur une seule."),
        _("Votre rôle d'accompagnant·e ne donne aucun pouvoir de décision : les décisions restent aux "
          "personnes qui tiennent les rôles du groupe. Il prend fin de lui-même après trois rencontres ou "
          "trois mois ; vous restez ensuite membre, libre de partir."),
    )),
    TextSection("crisis", _("En cas de crise"), (
        _("Si une personne parle de mettre fin à ses jours, de se faire du mal, ou s'il y a une urgence "
          "médicale, la sécurité passe avant tout le reste : restez calme, prenez-la au sérieux et "
          "donnez-lui les lignes d'écoute et les numéros d'urgence de la page d'aide. En cas de danger "
          "immédiat, appelez les secours."),
        _("Pendant une rencontre, faites une pause si besoin et proposez à la personne de parler en "
          "privé avec quelqu'un du groupe. Après la rencontre, prenez des nouvelles avec tact, et parlez "
          "de ce qui s'est passé avec les personnes qui tiennent les rôles, sans rien répéter au-delà."),
        _("Un comportement qui met le groupe en difficulté se signale : la modération du groupe en "
          "décide, et l'équipe de la plateforme peut être sollicitée. Vous n'avez pas à porter cela "
          "seul·e."),
    )),
)
