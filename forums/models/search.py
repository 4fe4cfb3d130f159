"""What forum search reads: one row per visible post, kept by forums.search.post_search_index
whenever a post is written, edited or deleted."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models



class PostSearchEntry(models.Model):
    post = models.OneToOneField("forums.Post", primary_key=True, on_delete=models.CASCADE,
                                related_name="search_entry")
    # The group's language when the post was written: it chose the stemmer (and, on
    # PostgreSQL, the text search configuration) for this row and for the query that meets it.
    language = models.CharField(max_length=8)
    # Folded and stemmed words between spaces, for LIKE " stem" (SQLite).
    search_text = models.TextField(default="")
    # PostgreSQL only: to_tsvector(<language's configuration>, folded text); NULL elsewhere.
    vector = SearchVectorField(null=True)

    class Meta:
        indexes = [models.Index(fields=["language"], name="forum_search_language")]

    def __str__(self) -> str:
        return f"search entry of post {self.post_id}"
