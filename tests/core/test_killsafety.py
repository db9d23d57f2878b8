"""Kill test: a child imports and annotates in a loop and is SIGKILLed at random moments; after
each kill the library opens, passes integrity_check, holds every acknowledged write, and search
works (the index heals itself). CI runs a reduced count; bench/kill_bench.py runs 100."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CI_KILLS = int(os.environ.get("ZCX_KILLS", "10"))
BODY = (
    "关于加强{token}工作的通知\n一、总体要求\n（一）坚持问题导向，代号 {token} 。\n"
    "（二）到2027年，{token} 覆盖率达到95%。\n二、保障措施\n加强组织领导。\n"
)


# -- child ---------------------------------------------------------------------------------

def child_main(library_dir: str, seed: int) -> None:
    """Write forever, printing TRY before and ACK after each committed write."""
    from zcx_desktop.core import isolate
    from zcx_desktop.core.annotations import annotation_store
    from zcx_desktop.core.session import open_session

    rng = random.Random(seed)
    library = open_session(Path(library_dir))
    store = annotation_store(library)
    incoming = Path(library_dir).parent / f"incoming-{seed}"
    incoming.mkdir(exist_ok=True)
    say(f"READY {os.getpid()}")
    annotations: list[str] = []
    for step in count():
        doc_ids = library.document_ids()
        choice = rng.random()
        if not doc_ids or choice < 0.25:
            token = f"kx{seed}n{step}"
            path = incoming / f"{token}.txt"
            path.write_text(BODY.format(token=token), encoding="utf-8")
            say(f"TRY doc {token}")
            result = library.import_file(path)
            assert result.ok, result.error
            say(f"ACK doc {token} {result.doc_id}")
            say(f"WORKER {isolate.default_parser().worker_pid}")
        elif choice < 0.65 or not annotations:
            doc_id = rng.choice(doc_ids)
            text = library.get_text(doc_id)
            start = rng.randrange(0, len(text) - 4)
            note = f"批注{seed}-{step}"
            say(f"TRY ann {doc_id} {start} {note}")
            change = store.annotate(doc_id, start, start + 4, note=note)
            say(f"ACK ann {change.created[0]} {doc_id} {start} {start + 4} {note}")
            annotations.append(change.created[0])
        elif choice < 0.85:
            ann_id, note = rng.choice(annotations), f"改{seed}-{step}"
            say(f"TRY note {ann_id} {note}")
            store.set_note(ann_id, note)
            say(f"ACK note {ann_id} {note}")
        else:
            doc_id, tag = rng.choice(doc_ids), f"标签{seed}-{step}"
            say(f"TRY tag {doc_id} {tag}")
            library.set_tags(doc_id, [tag])
            say(f"ACK tag {doc_id} {tag}")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# -- parent --------------------------------------------------------------------------------

@dataclass
class Ledger:
    """Everything the children acknowledged (and attempted) across all rounds."""

    docs: dict[str, int] = field(default_factory=dict)  # token -> doc id
    annotations: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # id -> doc, start, end
    notes: dict[str, list[str]] = field(default_factory=dict)  # id -> acknowledged notes in order
    tags: dict[int, str] = field(default_factory=dict)  # doc id -> last acknowledged tag
    pending: dict[tuple[str, str], str] = field(default_factory=dict)  # unacknowledged last TRY
    writes: int = 0
    worker_pids: set[int] = field(default_factory=set)

    def record(self, line: str) -> None:
        parts = line.split()
        if not parts:
            return
        if parts[0] == "WORKER" and parts[1] != "None":
            self.worker_pids.add(int(parts[1]))
        elif parts[0] == "TRY" and parts[1] in ("note", "tag"):
            self.pending[(parts[1], parts[2])] = parts[3]
        elif parts[0] == "ACK":
            self.writes += 1
            self._ack(parts[1], parts[2:])

    def _ack(self, kind: str, args: list[str]) -> None:
        if kind == "doc":
            self.docs[args[0]] = int(args[1])
        elif kind == "ann":
            self.annotations[args[0]] = (int(args[1]), int(args[2]), int(args[3]))
            self.notes[args[0]] = [args[4]]
        elif kind == "note":
            self.notes[args[0]].append(args[1])
            self.pending.pop(("note", args[0]), None)
        elif kind == "tag":
            self.tags[int(args[0])] = args[1]
            self.pending.pop(("tag", args[0]), None)


def run_round(library_dir: Path, seed: int, kill_after: float, ledger: Ledger) -> int:
    """Start a writer, SIGKILL it after `kill_after` seconds; returns its acknowledged writes."""
    code = (
        f"import sys; sys.path.insert(0, {str(REPO)!r}); "
        f"from tests.core.test_killsafety import child_main; child_main({str(library_dir)!r}, {seed})"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", cwd=REPO,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")))
    reader.start()
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join(10)
    stderr = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    if process.returncode != -signal.SIGKILL:
        raise AssertionError(f"writer ended by itself ({process.returncode}):\n{stderr[-3000:]}")
    before = ledger.writes
    for line in lines:
        ledger.record(line.strip())
    return ledger.writes - before


def verify(library_dir: Path, ledger: Ledger) -> str:
    """The library after a kill: sound, every acknowledged write present, search working.

    Returns why the search index had to be rebuilt ("" when it opened as it was)."""
    from zcx_desktop.core.annotations import annotation_store
    from zcx_desktop.core.search import index_for
    from zcx_desktop.core.session import open_session

    library = open_session(library_dir)
    try:
        conn = library.connect()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        _verify_documents(library, ledger)
        _verify_annotations(annotation_store(library), ledger)
        _verify_tags(library, ledger)
        index = index_for(library)
        report = index.ensure_ready()
        for token, doc_id in list(ledger.docs.items())[-3:]:
            found = {d.doc_id for d in index.search(token).documents}
            assert doc_id in found, f"search lost document {doc_id} ({token})"
        return report.reason if report is not None else ""
    finally:
        library.close()


def _verify_documents(library, ledger: Ledger) -> None:
    for token, doc_id in ledger.docs.items():
        assert token in library.get_text(doc_id), f"document {doc_id} lost its text"
        assert library.get_clauses(doc_id), f"document {doc_id} lost its clauses"


def _verify_annotations(store, ledger: Ledger) -> None:
    for ann_id, (doc_id, start, end) in ledger.annotations.items():
        ann = store.get(ann_id)
        assert (ann.doc_id, ann.start, ann.end) == (doc_id, start, end)
        allowed = {ledger.notes[ann_id][-1], ledger.pending.get(("note", ann_id))}
        assert ann.note in allowed, (ann_id, ann.note, allowed)


def _verify_tags(library, ledger: Ledger) -> None:
    for doc_id, tag in ledger.tags.items():
        allowed = {tag, ledger.pending.get(("tag", str(doc_id)))}
        assert set(library.get_tags(doc_id)) & allowed, (doc_id, library.get_tags(doc_id), tag)


def orphaned_workers(pids: set[int]) -> set[int]:
    """Parse workers of killed writers that are still running after a grace period."""
    deadline = time.monotonic() + 5
    alive = set(pids)
    while alive and time.monotonic() < deadline:
        alive = {pid for pid in alive if _running(pid)}
        time.sleep(0.1)
    return alive


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def kill_rounds(
    library_dir: Path, kills: int, seed: int = 7, window: tuple[float, float] = (0.3, 2.5)
) -> Iterator[tuple[int, float, int, str]]:
    """Run `kills` rounds; yields (round, kill time, acknowledged writes, index rebuild reason)."""
    rng = random.Random(seed)
    ledger = Ledger()
    for round_number in range(kills):
        kill_after = rng.uniform(*window)
        acked = run_round(library_dir, seed * 1000 + round_number, kill_after, ledger)
        rebuilt = verify(library_dir, ledger)
        yield round_number, kill_after, acked, rebuilt
    assert ledger.writes > 0
    assert not orphaned_workers(ledger.worker_pids)
    kill_rounds.ledger = ledger  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_random_kills_lose_no_acknowledged_write(tmp_path: Path) -> None:
    rounds = list(kill_rounds(tmp_path / "lib", CI_KILLS))
    assert len(rounds) == CI_KILLS
    ledger = kill_rounds.ledger  # type: ignore[attr-defined]
    assert ledger.docs and ledger.annotations  # the kills really interrupted a busy writer
