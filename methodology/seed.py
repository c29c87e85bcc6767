"""Load the default methodology (content.py) as version 1. Idempotent."""

from __future__ import annotations

from methodology.content import PHASES

LANGS = ("en", "es", "fr", "pt")


def translated(field: str, texts: tuple[str, ...]) -> dict:
    return {field: texts[0], **{f"{field}_{lang}": text for lang, text in zip(LANGS, texts, strict=True)}}


def load_default_methodology(Methodology, PhaseTemplate, TaskTemplate):
    if Methodology.objects.filter(version=1).exists():
        return Methodology.objects.get(version=1)
    methodology = Methodology.objects.create(
        version=1,
        is_current=not Methodology.objects.filter(is_current=True).exists(),
        **translated(
            "name",
            (
                "UNIDO consortium methodology",
                "Metodología de consorcios de la ONUDI",
                "Méthodologie des consortiums de l'ONUDI",
                "Metodologia de consórcios da ONUDI",
            ),
        ),
    )
    for number, phase in enumerate(PHASES, start=1):
        template = PhaseTemplate.objects.create(
            methodology=methodology,
            number=number,
            **translated("title", phase["title"]),
            **translated("guidance", phase["guidance"]),
        )
        for order, (title, guidance, required, needs_evidence) in enumerate(phase["tasks"], start=1):
            TaskTemplate.objects.create(
                phase=template,
                order=order,
                required=required,
                needs_evidence=needs_evidence,
                **translated("title", title),
                **translated("guidance", guidance),
            )
    return methodology
