"""Run every bench/bench_*.py, one process each, and print their figures.

    .venv/bin/python bench/run.py            # all benchmarks
    .venv/bin/python bench/run.py directory  # only those whose name contains "directory"
"""

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    scripts = sorted(
        path for path in BENCH_DIR.glob("bench_*.py") if not wanted or any(word in path.stem for word in wanted)
    )
    if not scripts:
        print("No benchmark matches.", file=sys.stderr)
        return 1
    failures = 0
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        started = time.perf_counter()
        completed = subprocess.run([sys.executable, str(script)], cwd=BENCH_DIR.parent)
        print(f"== {script.stem}: {'ok' if completed.returncode == 0 else 'FAILED'} "
              f"in {time.perf_counter() - started:.0f} s\n", flush=True)
        failures += completed.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
