"""Errors shared by every app's services."""

from __future__ import annotations


class StateConflict(Exception):
    """The object is not in a state that allows this change (HTTP 409).

    Raised by services when, for example, a draft is approved or two coordinators
    decide the same candidate and the second arrives after the first.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
