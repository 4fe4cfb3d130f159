"""Every change to roles, proposals and the moderation log.

Each service is `<noun>_<verb>(*, actor, ...)`, atomic, checks permissions, writes the
moderation log, and raises entraide.errors with a message written for the member."""
