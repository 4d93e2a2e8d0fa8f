"""`keten audit verify --all` on every core: the log cut in spans, one process walks each.

Hashing is CPU in Python, and one interpreter holds one core. A span starts each stream it
meets from the recorded link of the version before (`Verifier.span`), the way a walk over the
whole log continues a stream whose head it dropped; so the spans together check exactly what
one walk checks, and the first break in log order is the one reported. Spans after a break
are stopped: every later link of a broken chain differs anyway.

Each span runs as `python -m keten.parallel_verify`, which imports only the stores and the
verifier (multiprocessing's spawn imports the caller's main module again: for the CLI or the
bench, about a second before the first event), and tells its progress and answer in lines.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import IO

from kernel.settings import Settings
from keten.collector import collect_less_often
from keten.stores import open_database, open_recorder
from relay.chain import CaseChain
from relay.verify import Advancing, Break, Verification, Verifier

MIN_EVENTS_PER_WORKER = 100_000  # below, starting a process costs more than it saves
Span = tuple[int, int | None]
Line = tuple[int, str | None]  # the span's index and one line it wrote; None: it has ended


def workers_for(total: int, cores: int | None = None) -> int:
    """One process per core, each with enough of the log to pay for its start."""
    available = cores if cores is not None else len(os.sched_getaffinity(0))
    return max(1, min(available, total // MIN_EVENTS_PER_WORKER))


def spans(total: int, workers: int) -> list[Span]:
    """`workers` consecutive spans of notification ids; the last one open to the log's end."""
    size = -(-total // workers) if total else 1
    cuts = [(1 + i * size, (i + 1) * size) for i in range(workers)]
    return [(first, last if i < workers - 1 else None) for i, (first, last) in enumerate(cuts)]


def verify_all(
    settings: Settings,
    total: int,
    workers: int,
    progress: Advancing | None = None,
    page_size: int = 1000,
    here: Verifier | None = None,
) -> Verification:
    """The log of `total` notifications (more, if it grows meanwhile) verified by `workers`
    processes; one walks it in this process (with `here`, the caller's verifier, when given)."""
    if workers <= 1:
        return (here or _verifier(settings.data_dir, settings.persistence_module, page_size)).all(progress)
    return _in_processes(settings, spans(total, workers), progress, page_size)


def combined(results: list[Verification]) -> Verification:
    """The spans' results in log order as one walk gives them: counts up to the first break."""
    whole = Verification()
    for part in results:
        whole.checked, whole.pending = whole.checked + part.checked, whole.pending + part.pending
        if part.broken is not None:
            whole.broken, whole.at = part.broken, part.at
            break
    return whole


def decided(results: dict[int, Verification], count: int) -> bool:
    """Known once every span up to the first broken one has answered."""
    for index in range(count):
        if index not in results:
            return False
        if results[index].broken is not None:
            return True
    return True


def _in_processes(
    settings: Settings, parts: list[Span], progress: Advancing | None, page_size: int
) -> Verification:
    lines: queue.Queue[Line] = queue.Queue()
    processes = [_start(settings, span, page_size) for span in parts]
    for index, process in enumerate(processes):
        assert process.stdout is not None
        threading.Thread(target=_forward, args=(index, process.stdout, lines), daemon=True).start()
    try:
        results = _collect(lines, processes, progress)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()  # a span after the first break: its answer cannot change the result
            process.wait()
    return combined([results[index] for index in sorted(results)])


def _start(settings: Settings, span: Span, page_size: int) -> subprocess.Popen[str]:
    first, last = span
    command = [sys.executable, "-m", "keten.parallel_verify", str(settings.data_dir)]
    command += [settings.persistence_module, str(first), str(last or 0), str(page_size)]
    # stderr is the caller's: a span that fails says why where the operator looks.
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def _forward(index: int, stdout: IO[str], lines: queue.Queue[Line]) -> None:
    for line in stdout:
        lines.put((index, line))
    lines.put((index, None))


def _collect(
    lines: queue.Queue[Line], processes: list[subprocess.Popen[str]], progress: Advancing | None
) -> dict[int, Verification]:
    results: dict[int, Verification] = {}
    while not decided(results, len(processes)):
        index, line = lines.get()
        if line is None:
            if index not in results:  # ended without an answer: a span unchecked is not verified
                code = processes[index].wait()
                raise RuntimeError(
                    f"verify: the process of span {index + 1} ended without an answer ({code})"
                )
            continue
        kind, _, payload = line.partition(" ")
        if kind == "progress" and progress is not None:
            progress.advance(int(payload))
        elif kind == "done":
            results[index] = _decoded(payload)
    return results


def _decoded(payload: str) -> Verification:
    fields = json.loads(payload)
    broken = Break(**fields["broken"]) if fields["broken"] else None
    return Verification(fields["checked"], fields["pending"], broken, fields["at"])


def _verifier(data_dir: Path, persistence_module: str, page_size: int) -> Verifier:
    settings = Settings.model_construct(data_dir=data_dir, persistence_module=persistence_module)
    recorder = open_recorder(settings, "cases")
    return Verifier(recorder, CaseChain(open_database(settings, "relay")), page_size)


class _Told:
    """A span's progress, told to the process that started it."""

    def advance(self, count: int = 1) -> None:
        print(f"progress {count}", flush=True)


def main(argv: list[str]) -> int:
    collect_less_often()  # a keten process like any other (keten.collector)
    data_dir, persistence_module, first, last, page_size = argv
    verifier = _verifier(Path(data_dir), persistence_module, int(page_size))
    result = verifier.span(int(first), int(last) or None, _Told())
    print(f"done {json.dumps(asdict(result))}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
