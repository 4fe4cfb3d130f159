"""Every change to a group's forum, one verb per function: `<noun>_<verb>(*, actor, ...)`,
atomic and permission-checked, raising entraide.errors.DomainError with a message for the member."""
