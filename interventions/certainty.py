"""How sure a share of EVA's is, and the word a page says beside an uncertain one: the benchmarks (indicators)
store it and the catalogue picker (here) shows it, so it lives in the lower app both may import."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """A benchmark's certainty, as stored (Benchmark.confidence)."""

    HIGH = "high", _("Sikker")
    INFERRED = "inferred", _("Udledt")
    PROVISIONAL = "provisional", _("Foreløbig")
    NONE = "none", _("Ingen andel")


def is_uncertain(confidence: str) -> bool:
    """Provisional (the figure could belong to another type) or inferred (read from the text's layout)."""
    return confidence in {Confidence.PROVISIONAL, Confidence.INFERRED}


def certainty_word(confidence: str) -> str:
    """What a page says beside an uncertain share; empty for a certain one."""
    words: dict[str, str] = {Confidence.PROVISIONAL: gettext("foreløbig"),
                             Confidence.INFERRED: gettext("udledt af teksten")}
    return words.get(confidence, "")
