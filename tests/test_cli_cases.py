"""Every command-line case of tests/cli_cases.py against its expected file, exactly."""

from __future__ import annotations

import pytest

from cli_cases import CASES, EXPECTED, expected_path, run_case


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_command_output_is_the_expected_one(case):
    path = expected_path(case)
    assert path.exists(), f"no {path.name}: write it with `python tests/cli_cases.py {case.name}` and review it"
    assert run_case(case) == path.read_text(encoding="utf-8")


def test_every_expected_file_has_a_case():
    names = {c.name for c in CASES}
    assert len(names) == len(CASES), "two cases with one name"
    stray = sorted(p.stem for p in EXPECTED.glob("*.txt") if p.stem not in names)
    assert not stray, f"expected files without a case: {stray}"
