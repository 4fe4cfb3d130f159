"""The programme's forms, by noun: they turn fields into values and carry what was typed back
to the page when a service refuses it."""
