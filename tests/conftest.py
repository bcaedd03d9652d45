"""No silent skips where everything must run.

In CI (``CI=true``) and under ``make test`` (which sets
``RETRO_REQUIRE_ALL=1``) a test that skips is a failure: a missing
``../shared/data`` (IBM's material and the reference simulator's traces), a
missing Chromium or playwright, a missing optional package must not turn a
broken machine into a green run.  Elsewhere (a quick ``pytest tests/x.py``
on a laptop without the IBM material) skips stay skips, with their reason
in the ``-ra`` summary.
"""

from __future__ import annotations

import os
import sys

import hypothesis
import pytest

# build.py (tests of the site's build and server) from the repository,
# after the installed packages (in Pyodide, the wheel under test).
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _ROOT not in sys.path:
    sys.path.append(_ROOT)

REQUIRE_ALL = os.environ.get("CI", "").lower() == "true" or os.environ.get("RETRO_REQUIRE_ALL") == "1"

HINT = ("this run must run every test (CI=true or make test): provide ../shared/data "
        "(the IBM 1130 material), `make system-deps` (Chromium, Xvfb) and `make setup` "
        "(the dev and desktop extras)")


# Hypothesis's clocks (a 200 ms deadline an example, the "input generation
# is slow" health check) measure the machine, not the program: on two cores
# shared by make test's two lanes, or inside Pyodide, a property that holds
# failed on them.  Tests that name a deadline of their own keep it.
hypothesis.settings.register_profile(
    "retro1130", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow])
hypothesis.settings.load_profile("retro1130")


# Inside Pyodide the desktop packages do not exist: the modules that need
# them are the desktop tests, which run natively.
DESKTOP_ONLY = ("'numpy'", "'PIL", "'pyxel'")


def _strict(report) -> None:
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if sys.platform == "emscripten" and any(name in reason for name in DESKTOP_ONLY):
            return
        report.outcome = "failed"
        report.longrepr = f"skipped, which is a failure here: {reason}\n({HINT})"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _strict(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _strict(outcome.get_result())
