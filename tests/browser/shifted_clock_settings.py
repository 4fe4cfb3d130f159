"""Settings for a server whose clock runs ENTRAIDE_TEST_CLOCK_SHIFT_SECONDS ahead of the
machine's (a browser test starts it beside the ordinary one, on the same database, to see what
members see later on). Used only by the tests: the clock moves in the process that imports
this, which every child of serve_demo (Daphne, the task worker, the clock) does, through
DJANGO_SETTINGS_MODULE in the environment they inherit.

The clock keeps running (tick=True) from the moved instant, before anything of Entraide's is
imported, so that every reading of the time in the process is the moved one."""

import os
from datetime import UTC, datetime, timedelta

import time_machine

CLOCK_SHIFT = timedelta(seconds=float(os.environ["ENTRAIDE_TEST_CLOCK_SHIFT_SECONDS"]))
time_machine.travel(datetime.now(UTC) + CLOCK_SHIFT, tick=True).start()

from entraide.settings import *  # noqa: E402, F403
