"""Reports, decisions and log entries keep what they are about as facts, no longer as a sentence
written in the language of whoever acted: a report described in English named its English-speaking
reporter to every member reading the log.

Existing rows: a report's or a decision's facts are read again from the object where it still
exists, else parsed from its sentence in any of the four languages; a log entry's are parsed from
its sentence; reasons chosen from a list become their code, and "former member" an empty name.
What cannot be recovered stays as it was, readable (in `legacy_description`, or the log's `target`).

The sentences are copied here as the catalogues had them, so that this migration reads the same
rows the same way whatever the catalogues say later."""

import re

from django.db import migrations, models

LANGUAGES = ("fr", "en", "de", "it")
POST = ("Message n° %(number)s du sujet « %(title)s »", "Message no. %(number)s in the topic “%(title)s”",
        "Beitrag Nr. %(number)s im Thema «%(title)s»", "Messaggio n. %(number)s della discussione «%(title)s»")
MEMBER = ("Membre : %(name)s", "Member: %(name)s", "Mitglied: %(name)s", "Membro: %(name)s")
GROUP = ("Le groupe « %(name)s »", "The group “%(name)s”", "Die Gruppe «%(name)s»", "Il gruppo «%(name)s»")
WORRY = ("%(name)s aimerait qu'un·e pair aidant·e prenne de ses nouvelles",
         "%(name)s would like a peer supporter to check in on them",
         "%(name)s möchte, dass sich ein Peer bei ihr oder ihm meldet",
         "%(name)s vorrebbe che un pari aiutante si facesse vivo per sapere come sta")
STORY = ("Témoignage « %(title)s »", "Story “%(title)s”", "Erfahrungsbericht «%(title)s»",
         "Testimonianza «%(title)s»")
FORMER_MEMBER = {"ancien membre", "former member", "ehemaliges Mitglied", "ex membro"}
SLOW_MODE_OFF = {"mode lent désactivé", "slow mode off", "langsamer Modus ausgeschaltet", "modalità lenta disattivata"}
# Seconds per unit, and the singular ("one per hour") and plural forms in each language.
SLOW_MODE = {
    3600: ("un message par heure", "un message toutes les %(count)s heures", "one message per hour",
           "one message every %(count)s hours", "ein Beitrag pro Stunde", "ein Beitrag alle %(count)s Stunden",
           "un messaggio all'ora", "un messaggio ogni %(count)s ore"),
    60: ("un message par minute", "un message toutes les %(count)s minutes", "one message per minute",
         "one message every %(count)s minutes", "ein Beitrag pro Minute", "ein Beitrag alle %(count)s Minuten",
         "un messaggio al minuto", "un messaggio ogni %(count)s minuti"),
    1: ("un message par seconde", "un message toutes les %(count)s secondes", "one message per second",
        "one message every %(count)s seconds", "ein Beitrag pro Sekunde", "ein Beitrag alle %(count)s Sekunden",
        "un messaggio al secondo", "un messaggio ogni %(count)s secondi"),
}
ESCALATION_REASONS = {
    "escalated_after_delay": (
        "Sans décision du groupe après 72 heures, le signalement est transmis à l'équipe de la plateforme.",
        "If the group has not decided after 72 hours, the report is passed on to the platform team.",
        "Wenn die Gruppe nach 72 Stunden nicht entschieden hat, wird die Meldung an das Team der Plattform "
        "weitergeleitet.",
        "Se il gruppo non decide entro 72 ore, la segnalazione viene trasmessa al team della piattaforma."),
    "escalated_about_group": (
        "Un signalement concernant le groupe lui-même est transmis à l'équipe de la plateforme.",
        "A report about the group itself is passed on to the platform team.",
        "Eine Meldung, die die Gruppe selbst betrifft, wird an das Team der Plattform weitergeleitet.",
        "Una segnalazione che riguarda il gruppo stesso viene trasmessa al team della piattaforma."),
}
# A staff action's reason was "<decision> : <reason>", the decision in the staff member's language.
STAFF_DECISIONS = {
    "staff_dismiss": ("Classer sans suite", "Close with no action", "Ohne Folgen abschliessen",
                      "Archiviare senza seguito"),
    "staff_hide": ("Masquer le contenu", "Hide the content", "Inhalt ausblenden", "Nascondere il contenuto"),
    "staff_warn": ("Avertir en privé", "Warn privately", "Privat verwarnen", "Avvertire in privato"),
    "staff_mute": ("Mettre en sourdine", "Mute", "Stummschalten", "Silenziare"),
}
# Log actions whose target was what a report or a decision is about.
ABOUT_REPORTED = {"content_hidden", "content_restored", "report_dismissed", "member_warned", "member_muted",
                  "removal_proposed", "appeal_upheld", "appeal_rejected", "escalated", "staff_action",
                  "author_revealed"}
NUMBERS = {"number", "count"}


def _pattern(template: str):
    pieces = re.split(r"%\((\w+)\)s", template)
    regex = "".join(
        re.escape(piece) if index % 2 == 0 else (rf"(?P<{piece}>\d+)" if piece in NUMBERS else rf"(?P<{piece}>.+)")
        for index, piece in enumerate(pieces)
    )
    return re.compile(regex, re.S)


def _parse(text: str, templates) -> dict | None:
    for template in templates:
        match = _pattern(template).fullmatch(text or "")
        if match:
            return match.groupdict()
    return None


def _name(name: str) -> str:
    return "" if name in FORMER_MEMBER else name


def _parsed_subject(text: str, *, worry=False):
    """(kind, facts) read from a sentence about a post, a member or a group, or None."""
    if worry and (found := _parse(text, WORRY)):
        return "member", {"name": _name(found["name"])}
    if found := _parse(text, POST):
        return "post", {"number": int(found["number"]), "title": found["title"]}
    if found := _parse(text, MEMBER):
        return "member", {"name": _name(found["name"])}
    if found := _parse(text, GROUP):
        return "group", {"name": found["name"]}
    return None


def _slow_mode_seconds(label: str) -> int | None:
    if label in SLOW_MODE_OFF:
        return 0
    for unit, forms in SLOW_MODE.items():
        for form in forms:
            match = _pattern(form).fullmatch(label)
            if match:
                return int(match.groupdict().get("count", 1)) * unit
    return None


def _object_facts(apps, content_types, kind, type_id, object_id) -> dict | None:
    """The facts of the object a report is about, where it still exists."""
    content_type = content_types.get(type_id)
    if content_type is None:
        return None
    try:
        model = apps.get_model(content_type.app_label, content_type.model)
    except LookupError:
        return None
    obj = model._base_manager.filter(pk=object_id).first()
    if obj is None:
        return None
    if kind == "post":
        thread = obj.thread
        return {"post_id": obj.pk, "number": obj.number, "thread_id": thread.pk, "title": thread.title}
    if kind == "member":
        user = obj.user
        return {"user_id": user.pk, "name": "" if user.deleted_at else user.pseudonym}
    if kind == "group":
        return {"group_id": obj.pk, "name": obj.name}
    return None


def _facts_for_reports(apps, content_types, model_name):
    Model = apps.get_model("moderation", model_name)
    for row in Model.objects.all().iterator():
        facts = _object_facts(apps, content_types, row.target_kind, row.target_type_id, row.target_object_id)
        if facts is None:
            parsed = _parsed_subject(row.legacy_description, worry=getattr(row, "category", "") == "worry")
            if parsed is None or parsed[0] != row.target_kind:
                continue  # kept as it was written: readable, in whatever language that was
            facts = parsed[1]
        row.target_facts = facts
        row.legacy_description = ""
        row.save(update_fields=["target_facts", "legacy_description"])


def _facts_for_log(apps):
    Entry = apps.get_model("moderation", "ModerationLogEntry")
    for entry in Entry.objects.all().iterator():
        changed = []
        if entry.actor_name in FORMER_MEMBER:
            entry.actor_name = ""
            changed.append("actor_name")
        subject = None
        if entry.action in ABOUT_REPORTED:
            subject = _parsed_subject(entry.target)
        elif entry.action in ("story_approved", "story_declined"):
            found = _parse(entry.target, STORY)
            subject = ("story", {"title": found["title"]}) if found else None
        elif entry.action == "slow_mode_set":
            title, _dot, label = entry.target.rpartition(" · ")
            seconds = _slow_mode_seconds(label) if title else None
            subject = ("slow_mode", {"title": title, "seconds": seconds}) if seconds is not None else None
        if subject is None and entry.target in FORMER_MEMBER:
            subject = ("person", {"name": ""})
        if subject is not None:
            entry.target_kind, entry.target_facts = subject
            entry.target = ""
            changed += ["target_kind", "target_facts", "target"]
        if entry.action == "escalated":
            for code, sentences in ESCALATION_REASONS.items():
                if entry.reason in sentences:
                    entry.reason_code, entry.reason = code, ""
                    changed += ["reason_code", "reason"]
        elif entry.action == "staff_action":
            for code, labels in STAFF_DECISIONS.items():
                label = next((label for label in labels
                              if entry.reason == label or entry.reason.startswith(f"{label} : ")), None)
                if label is not None:
                    entry.reason_code, entry.reason = code, entry.reason[len(label) + 3:]
                    changed += ["reason_code", "reason"]
                    break
        if changed:
            entry.save(update_fields=changed)


def facts_from_sentences(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = {content_type.pk: content_type for content_type in ContentType.objects.all()}
    _facts_for_reports(apps, content_types, "Report")
    _facts_for_reports(apps, content_types, "ReportDecision")
    _facts_for_log(apps)


# --- Backwards: the French sentences again, for code that stored them. ----------------------

def _french(kind, facts, fallback="") -> str:
    name = facts.get("name") or "ancien membre"
    if kind == "post":
        return POST[0] % {"number": facts["number"], "title": facts["title"]}
    if kind == "member":
        return MEMBER[0] % {"name": name}
    if kind == "group":
        return GROUP[0] % {"name": facts["name"]}
    if kind == "person":
        return name
    if kind == "story":
        return STORY[0] % {"title": facts["title"]}
    if kind == "thread":
        return facts["title"]
    if kind == "slow_mode":
        seconds = facts["seconds"]
        for unit, forms in SLOW_MODE.items():
            if seconds and seconds % unit == 0:
                count = seconds // unit
                return f"{facts['title']} · " + (forms[0] if count == 1 else forms[1] % {"count": count})
        return f"{facts['title']} · mode lent désactivé"
    return fallback


def sentences_from_facts(apps, schema_editor):
    for model_name in ("Report", "ReportDecision"):
        Model = apps.get_model("moderation", model_name)
        for row in Model.objects.exclude(target_facts={}).iterator():
            if getattr(row, "category", "") == "worry":
                row.legacy_description = WORRY[0] % {"name": row.target_facts.get("name") or "ancien membre"}
            else:
                row.legacy_description = _french(row.target_kind, row.target_facts, row.legacy_description)[:200]
            row.save(update_fields=["legacy_description"])
    Entry = apps.get_model("moderation", "ModerationLogEntry")
    for entry in Entry.objects.all().iterator():
        if entry.target_kind:
            entry.target = _french(entry.target_kind, entry.target_facts, entry.target)[:200]
        if entry.reason_code in ESCALATION_REASONS:
            entry.reason = ESCALATION_REASONS[entry.reason_code][0]
        elif entry.reason_code in STAFF_DECISIONS:
            label = STAFF_DECISIONS[entry.reason_code][0]
            entry.reason = f"{label} : {entry.reason}" if entry.reason else label
        entry.actor_name = entry.actor_name or "ancien membre"
        entry.save(update_fields=["target", "reason", "actor_name"])


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0005_default_crisis_lines"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("entraide", "0003_directory_indexes"),
        # Reports about posts read the post's number and its thread's title again.
        ("forums", "0004_thread_content_version"),
    ]

    operations = [
        migrations.RenameField(model_name="report", old_name="target_description", new_name="legacy_description"),
        migrations.AlterField(
            model_name="report",
            name="legacy_description",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.AddField(
            model_name="report",
            name="target_facts",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RenameField(model_name="reportdecision", old_name="target_description",
                               new_name="legacy_description"),
        migrations.AlterField(
            model_name="reportdecision",
            name="legacy_description",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.AddField(
            model_name="reportdecision",
            name="target_facts",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="moderationlogentry",
            name="target_kind",
            field=models.CharField(blank=True, default="", max_length=30),
        ),
        migrations.AddField(
            model_name="moderationlogentry",
            name="target_facts",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="moderationlogentry",
            name="reason_code",
            field=models.CharField(
                blank=True, default="", max_length=30,
                choices=[
                    ("escalated_after_delay", "Sans décision du groupe après 72 heures, le signalement est transmis à "
                                              "l'équipe de la plateforme."),
                    ("escalated_about_group", "Un signalement concernant le groupe lui-même est transmis à l'équipe "
                                              "de la plateforme."),
                    ("staff_dismiss", "Classer sans suite"),
                    ("staff_hide", "Masquer le contenu"),
                    ("staff_warn", "Avertir en privé"),
                    ("staff_mute", "Mettre en sourdine"),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="moderationlogentry",
            name="actor_name",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.RunPython(facts_from_sentences, sentences_from_facts),
    ]
