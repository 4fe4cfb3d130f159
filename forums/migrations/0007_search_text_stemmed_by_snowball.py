"""Forum search now stems with the Snowball stemmers in four languages: the stored words of
posts indexed before must be stemmed again, or a query stemmed the new way would miss them.
Only the SQLite column changes; PostgreSQL's vectors come from its own stemmer as before."""

from django.db import migrations

from forums.search_text import indexed_text

BATCH = 500


def stem_again(apps, schema_editor):
    PostSearchEntry = apps.get_model("forums", "PostSearchEntry")
    entries = PostSearchEntry.objects.select_related("post__thread").order_by("pk")
    changed = []
    for entry in entries.iterator(chunk_size=BATCH):
        post = entry.post
        text = f"{post.thread.title}\n{post.body}" if post.number == 1 else post.body
        entry.search_text = indexed_text(text, entry.language)
        changed.append(entry)
        if len(changed) == BATCH:
            PostSearchEntry.objects.bulk_update(changed, ["search_text"])
            changed = []
    PostSearchEntry.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("forums", "0006_notifications_and_conversations_leave")]

    operations = [migrations.RunPython(stem_again, migrations.RunPython.noop)]
