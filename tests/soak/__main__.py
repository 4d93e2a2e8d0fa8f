"""`make soak`: `python -m tests.soak [--minutes N] [--clients 32] [--kills 2]`; exits 1 on a problem."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.soak.runner import run_soak


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.soak", description=__doc__)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--kills", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="keten-soak-") as root:
        report = run_soak(Path(root), args.minutes * 60, args.clients, args.kills)
    print("\n".join(report.lines()))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
