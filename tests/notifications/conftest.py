# Notifications are told of forum posts in most of these tests: many posts, quickly.
from tests.forums.conftest import unlimited_posting  # noqa: F401
