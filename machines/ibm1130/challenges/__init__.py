"""Assembler challenges: graded IBM 1130 exercises (FORMAT.md: the file format).

For other tools (a teacher's grader, a course page)::

    from machines.ibm1130.challenges import find, load_challenge, check
    challenge = find("array-sum")              # or load_challenge("mine.toml")
    result = check(challenge, source_text, seed=42)
    result.ok, result.score, result.to_dict()  # per-case results, scores, par

Standard library only (it runs in Pyodide).
"""

from .catalogue import catalogue, find
from .checker import CaseResult, Mismatch, Result, Score, check
from .model import Challenge, ChallengeError, Par, load_challenge, parse_challenge

__all__ = ["catalogue", "find", "check", "load_challenge", "parse_challenge", "Challenge",
           "ChallengeError", "Par", "Result", "CaseResult", "Mismatch", "Score"]
