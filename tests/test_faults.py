"""Faults: kill -9 at random moments, SIGTERM and SIGHUP mid-run, and the cheap refusals that
must come before any work. Each loop is bounded (a few iterations, a few seconds)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="renameat2 and process control of Linux")


@linux_only
def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    from imvo_graph.export.atomic import exchange

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x").write_text("b")
    assert exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "a" / "x").read_text() == "b" and (tmp_path / "b" / "x").read_text() == "a"


_SWAPPER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from imvo_graph.export.atomic import atomic_directory

    target = Path(sys.argv[1])
    version = 0
    while True:
        version += 1
        with atomic_directory(target, overwrite=True, replaceable=lambda p: None) as folder:
            for i in range(20):
                (folder / f"f{i}").write_text(str(version))
    """
)


def _complete(folder: Path) -> bool:
    """Whether ``folder`` holds one whole version: its 20 files, all of the same version."""
    try:
        contents = {p.read_text() for p in folder.iterdir()}
        return len(list(folder.iterdir())) == 20 and len(contents) == 1
    except OSError:
        return False


@linux_only
def test_replacing_a_folder_never_leaves_the_path_empty_nor_half_replaced_even_under_kill_9(tmp_path):
    """What release --force does: a reader always finds a whole version, and kill -9 at any
    moment leaves one whole version at the path."""
    target = tmp_path / "release"
    target.mkdir()
    for i in range(20):
        (target / f"f{i}").write_text("0")
    rng = random.Random(16)
    seen_missing = []
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", _SWAPPER, str(target)], cwd=ROOT)
        stop = time.monotonic() + rng.uniform(0.5, 1.0)
        while time.monotonic() < stop:
            try:
                fd = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
            except FileNotFoundError:
                seen_missing.append(None)  # no folder at the path
                continue
            try:
                names = os.listdir(fd)
                # a folder swapped out (and being deleted) while it was listed is not what the
                # path holds: only a short listing of the folder still at the path counts
                if len(names) != 20 and os.stat(target).st_ino == os.fstat(fd).st_ino:
                    seen_missing.append(names)
            finally:
                os.close(fd)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _complete(target), sorted(target.iterdir())
    assert seen_missing == []


@linux_only
@pytest.mark.slow
def test_generate_force_killed_at_random_moments_never_pairs_a_graph_with_another_plan(tmp_path):
    from imvo_graph.errors import InputError
    from imvo_graph.generate import read_manifest
    from imvo_graph.rdf.loading import file_digest

    output = tmp_path / "g.nt"
    first = run_cli("generate", "--triples", "3000", "--seed", "1", "--violations", "0.01", "--output", str(output))
    assert first.returncode == 0, first.stderr
    assert read_manifest(output)["seed"] == 1
    rng = random.Random(16)
    for seed in range(2, 6):
        proc = subprocess.Popen(
            [sys.executable, "-m", "imvo_graph", "generate", "--triples", "3000", "--seed", str(seed),
             "--violations", "0.01", "--output", str(output), "--force"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        plan = json.loads((tmp_path / "g.nt.violations.json").read_text())
        matches = plan["graph"]["sha256"] == file_digest(output)
        if matches:
            assert read_manifest(output)["seed"] == plan["seed"]
        else:
            with pytest.raises(InputError, match="belongs to another version"):
                read_manifest(output)


@linux_only
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_clean_up_like_ctrl_c(tmp_path, signame):
    output = tmp_path / "big.nt"
    proc = subprocess.Popen(
        [sys.executable, "-m", "imvo_graph", "generate", "--triples", "150000", "--output", str(output)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    # wait until the temporary file is being written, then signal
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".big.nt.*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(getattr(signal, signame))
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run ended before the signal arrived")
    assert proc.returncode == 128 + getattr(signal, signame), err
    assert f"stopped by {signame}" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_a_stop_signal_as_the_temporary_is_made_leaves_nothing(tmp_path, monkeypatch, kind):
    """A stop signal arrives (as KeyboardInterrupt, or lifetime's SystemExit) once mkstemp or
    mkdtemp has made the temporary, before its name is known to the writer: CI saw a
    `.big.nt.*.tmp` left by `generate` after a SIGTERM sent the moment the file appeared."""
    import tempfile

    from imvo_graph.export import atomic

    name = "mkstemp" if kind == "file" else "mkdtemp"
    real = getattr(tempfile, name)

    def made_then_stopped(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(tempfile, name, made_then_stopped)
    other = tmp_path / ".out.1.other.tmp"  # another process's temporary (pid 1 runs): kept
    other.write_text("not ours")
    writer = atomic.atomic_file(tmp_path / "out") if kind == "file" else atomic.atomic_directory(tmp_path / "out")
    with pytest.raises(KeyboardInterrupt):
        with writer:
            raise AssertionError("the body never runs")
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name]


_HALF_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from imvo_graph.export.atomic import atomic_directory, atomic_file

    kind, target = sys.argv[1], Path(sys.argv[2])
    if kind == "file":
        with atomic_file(target, overwrite=True) as stream:
            stream.write(b"half")
            stream.flush()
            print("writing", flush=True)
            time.sleep(60)
    else:
        with atomic_directory(target, overwrite=True, replaceable=lambda p: None) as folder:
            (folder / "half").write_text("half")
            print("writing", flush=True)
            time.sleep(60)
    """
)


def _half_written(kind: str, target: Path) -> subprocess.Popen:
    """A process in the middle of writing ``target`` (its temporary file or folder exists)."""
    proc = subprocess.Popen([sys.executable, "-c", _HALF_WRITER, kind, str(target)], cwd=ROOT, stdout=subprocess.PIPE)
    assert proc.stdout.readline() == b"writing\n"
    return proc


@linux_only
@pytest.mark.parametrize("kind", ["file", "folder"])
def test_temporaries_left_by_kill_9_are_removed_by_the_next_write_and_a_live_writers_are_not(tmp_path, kind):
    from imvo_graph.export.atomic import atomic_directory, write_atomic

    target = tmp_path / ("out.nt" if kind == "file" else "release")
    killed = _half_written(kind, target)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    (stale,) = tmp_path.iterdir()
    assert stale.name.startswith(f".{target.name}.{killed.pid}.") and stale.name.endswith(".tmp")
    other = tmp_path / f".{target.name}.notes.{killed.pid}.x.tmp"  # someone else's file: not ours
    other.write_text("keep")
    live = _half_written(kind, target)
    try:
        (writing,) = set(tmp_path.iterdir()) - {stale, other}
        if kind == "file":
            write_atomic(target, b"whole", overwrite=True)
        else:
            with atomic_directory(target, overwrite=True, replaceable=lambda p: None) as folder:
                (folder / "whole").write_text("whole")
        assert not stale.exists(), "the killed run's temporary stayed"
        assert writing.exists(), "a running writer's temporary was removed"
        assert sorted(tmp_path.iterdir()) == sorted([target, writing, other])
    finally:
        live.kill()
        live.wait()


@linux_only
def test_export_after_a_kill_9_leaves_only_its_output(tmp_path):
    from imvo_graph.cli import main

    target = tmp_path / "out.nt"
    killed = _half_written("file", target)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert len(list(tmp_path.iterdir())) == 1
    data = ROOT / "tests" / "fixtures" / "release" / "valid-data.ttl"
    assert main(["export", "--format", "ntriples", "-o", str(target), str(data)]) == 0
    assert list(tmp_path.iterdir()) == [target]


def test_generate_refuses_an_impossible_size_at_once(tmp_path):
    started = time.monotonic()
    result = run_cli("generate", "--triples", str(10**12), "--output", str(tmp_path / "g.nt"))
    assert result.returncode == 2
    assert "--triples 1,000,000,000,000: give from 1 to 20,000,000" in result.stderr
    assert time.monotonic() - started < 10 and list(tmp_path.iterdir()) == []


def test_release_checks_previous_before_validating(tmp_path, monkeypatch):
    import imvo_graph.validation
    from imvo_graph.errors import InputError
    from imvo_graph.release import write_release

    def no_validation(*args, **kwargs):
        raise AssertionError("validated before --previous was checked")

    monkeypatch.setattr(imvo_graph.validation, "validate", no_validation)
    with pytest.raises(InputError, match=r"previous='.*nope' cannot be read: .*nope: no such file"):
        write_release(tmp_path / "out", previous=tmp_path / "nope")
    assert list(tmp_path.iterdir()) == []


def _whole_release(folder: Path) -> bool:
    """Every file SHA256SUMS lists is there with its checksum, and nothing else."""
    import hashlib

    sums = (folder / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in sums:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    present = {p.name for p in folder.iterdir()} - {"SHA256SUMS"}
    return present == set(listed) and all(
        hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest for name, digest in listed.items()
    )


@linux_only
@pytest.mark.slow
def test_release_force_killed_around_the_swap_leaves_one_whole_release(tmp_path):
    data = ROOT / "tests" / "fixtures" / "release" / "valid-data.ttl"
    target = tmp_path / "rel"
    first = run_cli("release", "-o", str(target), "--date", "2026-01-01", "--allow-invalid", str(data))
    assert first.returncode == 0, first.stderr
    rng = random.Random(16)
    for day in (2, 3):
        proc = subprocess.Popen(
            [sys.executable, "-m", "imvo_graph", "release", "-o", str(target), "--date", f"2026-01-0{day}",
             "--allow-invalid", "--force", str(data)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        # the new release is complete in its temporary folder: the swap comes next
        while proc.poll() is None and time.monotonic() < deadline:
            if any((p / "SHA256SUMS").exists() for p in tmp_path.glob(".rel.*.tmp")):
                break
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _whole_release(target)
        assert "2026-01-0" in (target / "catalog.ttl").read_text()
