"""Show the screening corpus table in the normal test output.

`test_screening.py::test_corpus_against_baseline` puts its table into the session's
stash through the `screening_report` fixture; `pytest_terminal_summary` prints it after
the run, whether the test passed or failed and without needing `-s`.
"""

import pytest

SCREENING_REPORT = pytest.StashKey[list]()


@pytest.fixture
def screening_report(request) -> list:
    """Return a list; lines appended to it are printed in the terminal summary."""
    return request.config.stash.setdefault(SCREENING_REPORT, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(SCREENING_REPORT, None)
    if not lines:
        return
    terminalreporter.write_sep("-", "screening corpus")
    for line in lines:
        terminalreporter.write_line(line)
