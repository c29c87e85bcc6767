"""A choice's label (get_<field>_display) is the reader's, whichever language read it first."""

from __future__ import annotations

from django.utils import translation

from consortia.models import Consortium
from methodology.models import Task


def test_choice_labels_are_translated_for_each_reader():
    task = Task(status=Task.Status.IN_PROGRESS)
    consortium = Consortium(status=Consortium.Status.ACTIVE, kind=Consortium.Kind.ORIGIN)
    seen = {}
    for language in ("es", "en", "fr", "pt", "es"):
        with translation.override(language):
            seen[language] = (task.get_status_display(), consortium.get_kind_display())
    assert seen["en"][0] == "In progress"
    assert seen["es"][0] == "En curso"
    assert len({label for label, _kind in seen.values()}) == 4  # four languages, four labels
    assert len({kind for _label, kind in seen.values()}) == 4


def test_a_value_outside_the_choices_reads_as_itself():
    assert Task(status="lost").get_status_display() == "lost"
