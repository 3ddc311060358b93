"""Fill a database with synthetic data at a given scale (see casework.scale for the shapes).

    .venv/bin/python tests/perf/generate.py --url sqlite:///tests/perf/out/scale-0.1.db --scale 0.1

Scale 1 is about five years of one Violence Reduction Network (about 10,000 referrals, 150,000
sessions, 25,000 assessments); scale 10 is roughly national. The database is upgraded to the
current schema first; it must not already hold generated data.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from casework.scale import (  # noqa: E402
    LARGE_CASE_REFERENCE,
    PERF_MANAGER_EMAIL,
    PERF_PASSWORD,
    PERF_WORKER_EMAIL,
    SMALL_CASE_REFERENCE,
    AlreadyGenerated,
    ScaleResult,
    generate,
)

__all__ = [
    "LARGE_CASE_REFERENCE", "PERF_MANAGER_EMAIL", "PERF_PASSWORD", "PERF_WORKER_EMAIL", "SMALL_CASE_REFERENCE",
    "AlreadyGenerated", "ScaleResult", "generate", "main",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="SQLAlchemy database URL (sqlite:///... or postgresql+psycopg://...)")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = five years of one VRN (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", help="Date the data ends on, YYYY-MM-DD (default: today in London)")
    parser.add_argument("--quiet", action="store_true", help="No progress lines")
    args = parser.parse_args(argv)
    progress = None if args.quiet else (lambda line: print("  " + line, file=sys.stderr, flush=True))
    try:
        result = generate(args.url, args.scale, seed=args.seed,
                          today=date.fromisoformat(args.today) if args.today else None, progress=progress)
    except AlreadyGenerated as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
