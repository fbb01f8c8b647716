"""The interventions each municipality runs (with their history and optimistic locking); the catalogue's types
(intervention_types.py), the inspiration cases (inspiration.py), an editor's confirmation that it runs none and
its knowledge-sharing contact (confirmations.py) are importable from here too."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from recruitment.models import Municipality, Pathway, TargetGroup
from recruitment.versioning import StaleVersionError, VersionedModel

# Models of their own modules, importable from here as every caller always has.
from .confirmations import KnowledgeContact, NoneRunConfirmation
from .inspiration import InspirationCase
from .intervention_types import InterventionType

__all__ = ["InspirationCase", "Intervention", "InterventionQuerySet", "InterventionType", "KnowledgeContact",
           "NoneRunConfirmation", "StaleVersionError"]


class InterventionQuerySet(models.QuerySet):
    def active(self, include_planned: bool = False) -> InterventionQuerySet:
        return self.filter(status__in=Intervention.counted_statuses(include_planned))

    def counting_for(self, municipality: Municipality) -> InterventionQuerySet:
        """The interventions that count for a municipality: its own and those it runs as a partner. The join to the
        partners may repeat a row: count distinct, or add .distinct() to list them."""
        return self.filter(Q(municipality=municipality) | Q(partner_municipalities=municipality))

    def running_first(self) -> InterventionQuerySet:
        """Running first (what counts for coverage), then planned, then ended; by title within each."""
        rank = Case(*[When(status=status, then=Value(rank)) for rank, status in enumerate(Intervention.STATUS_ORDER)],
                    default=Value(len(Intervention.STATUS_ORDER)), output_field=IntegerField())
        return self.order_by(rank, Lower("title"), "pk")

    def in_pathway(self, pathway: Pathway) -> InterventionQuerySet:
        """Reaching one of the pathway's target groups, or of a catalogue type on that pathway."""
        matching = Intervention.objects.filter(_pathway_condition(pathway)).values("pk")
        return self.filter(pk__in=matching)

    def reaching(self, target_group: TargetGroup) -> InterventionQuerySet:
        """The interventions that reach a target group: those naming it (see reaches_group)."""
        return self.filter(reaches_group(target_group))

    def ran_in_year(self, year: int) -> InterventionQuerySet:
        """Those that ran during the year: the rule of coverage over time (interventions.spells)."""
        from .spells import ran_in_year  # spells reads this module's models

        return ran_in_year(self, year)

    def count_by_pathway(self, pathways: Iterable[Pathway]) -> tuple[int, dict[int, int]]:
        """How many interventions in all and per pathway (one may work several), in one query."""
        counts = self._count(total=Q(), **{f"p{pathway.pk}": _pathway_condition(pathway) for pathway in pathways})
        total = counts.pop("total")
        return total, {int(key[1:]): value for key, value in counts.items()}

    def count_reaching(self, target_groups: Iterable[TargetGroup],
                       pathways: Iterable[Pathway]) -> tuple[dict[int, int], dict[int, int]]:
        """How many interventions reach each target group and each pathway (one may reach several), in one
        query: those naming the group, or a group of the pathway (reaches_group)."""
        counts = self._count(**{f"g{group.pk}": reaches_group(group) for group in target_groups},
                             **{f"p{pathway.pk}": _pathway_condition(pathway) for pathway in pathways})
        return ({int(key[1:]): value for key, value in counts.items() if key[0] == "g"},
                {int(key[1:]): value for key, value in counts.items() if key[0] == "p"})

    def count_reaching_per_municipality(self, target_groups: Iterable[TargetGroup], pathways: Iterable[Pathway],
                                        by: str = "municipality_id"
                                        ) -> dict[int, tuple[dict[int, int], dict[int, int]]]:
        """`count_reaching` for every municipality at once: one query grouped by the owner (or, with
        by="partner_municipalities", by each partner)."""
        conditions = {**{f"g{group.pk}": reaches_group(group) for group in target_groups},
                      **{f"p{pathway.pk}": _pathway_condition(pathway) for pathway in pathways}}
        rows = self.order_by().values(by).annotate(
            **{name: Count("pk", distinct=True, filter=condition) for name, condition in conditions.items()})
        return {row.pop(by): ({int(k[1:]): v for k, v in row.items() if k[0] == "g"},
                              {int(k[1:]): v for k, v in row.items() if k[0] == "p"})
                for row in rows}

    def _count(self, **conditions: Q) -> dict[str, int]:
        # Distinct: joining the target groups repeats an intervention once per group it names.
        return self.order_by().aggregate(**{name: Count("pk", distinct=True, filter=condition or None)
                                            for name, condition in conditions.items()})


def _pathway_condition(pathway: Pathway) -> Q:
    return Q(target_groups__pathway=pathway)


def reaches_group(target_group: TargetGroup) -> Q:
    """An intervention reaches the target groups it names, and no other: its catalogue type's group is only
    proposed (ticked) when the type is picked, and the consultant may untick it. The one home of the rule: the
    pathway page, the list's ?target_group= filter, coverage's reach and the workforce reach use it."""
    return Q(target_groups=target_group)


# Kept at module level (not only as the model's attribute, which simple-history replaces with its
# manager) so that a save of the fields and the target groups can be recorded as one history entry.
_history = HistoricalRecords(
    m2m_fields=["target_groups"],
    verbose_name=_("historisk indsats"),
    verbose_name_plural=_("historiske indsatser"),
)


class Intervention(VersionedModel):
    """What one municipality does: registered by its HR consultant."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        RUNNING = "running", _("I gang")
        ENDED = "ended", _("Afsluttet")

    # The order lists show interventions in: what counts for coverage, then what is coming, then what is over.
    STATUS_ORDER = (Status.RUNNING, Status.PLANNED, Status.ENDED)
    # What only the municipality's own pages show (and the bookkeeping of a save): a change of these alone
    # recomputes only its pages (recruitment.data_version.bump_on_owned_change). Everything else – type,
    # status, dates, target groups – feeds coverage, the averages and the comparisons of every page.
    # The fields a person edits, in the forms' order (the HR form, the admin's): the history logs these and a
    # refused save compares them; bookkeeping (version, timestamps, the municipality) stays out.
    EDITED_FIELDS = ("title", "intervention_type", "target_groups", "status", "start_date", "end_date", "partners",
                     "participants_planned", "participants_actual", "budget_dkk", "description", "results")
    LOCAL_FIELDS = frozenset({"title", "partners", "participants_planned", "participants_actual", "budget_dkk",
                              "description", "results", "updated_at", "version"})

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="interventions",
                                     verbose_name=_("kommune"))
    title = models.CharField(_("titel"), max_length=200)
    intervention_type = models.ForeignKey(
        InterventionType, on_delete=models.PROTECT, null=True, blank=True, related_name="interventions",
        verbose_name=_("indsatstype"), help_text=_("Tom for en anden indsats end katalogets."),
    )
    target_groups = models.ManyToManyField(TargetGroup, related_name="interventions", verbose_name=_("målgrupper"))
    # Municipalities that run it together with the owner (as the seeds' cases do): it counts for each partner's
    # coverage too (InterventionQuerySet.counting_for); only the owner's editors change it (interventions/partners.py).
    partner_municipalities = models.ManyToManyField(Municipality, blank=True, related_name="partner_interventions",
                                                    verbose_name=_("partnerkommuner"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    partners = models.CharField(_("samarbejdspartnere"), max_length=300, blank=True)
    participants_planned = models.PositiveIntegerField(_("planlagte deltagere"), null=True, blank=True)
    participants_actual = models.PositiveIntegerField(_("faktiske deltagere"), null=True, blank=True)
    budget_dkk = models.PositiveIntegerField(_("budget (kr.)"), null=True, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    results = models.TextField(_("resultater"), blank=True)
    # Marks rows made by `seed_demo`, so pages can say that demo data is loaded.
    is_demo = models.BooleanField(_("demodata"), default=False, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    # Optimistic locking (recruitment.versioning.VersionedModel): `version`, and save() refuses a stale copy.

    objects = InterventionQuerySet.as_manager()
    history = _history

    class Meta:
        ordering = ["municipality__name", "title"]
        verbose_name = _("indsats")
        verbose_name_plural = _("indsatser")
        indexes = [
            models.Index(fields=["municipality", "status"], name="intervention_muni_status"),
            # Covers the coverage facts (indicators.coverage.type_fact_rows): grouped without reading the table.
            models.Index(fields=["municipality", "intervention_type", "status"], name="intervention_coverage"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="intervention_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("intervention-detail", kwargs={"pk": self.pk})

    @classmethod
    def counted_statuses(cls, include_planned: bool = False) -> list[str]:
        """The statuses that count for coverage and reach: running, and planned only where the user asks."""
        return [cls.Status.RUNNING, cls.Status.PLANNED] if include_planned else [cls.Status.RUNNING]

    def save_with_target_groups(self, target_groups: Iterable[TargetGroup], user, *,
                                change_reason: str | None = None) -> None:
        """Saves the fields and the target groups as one change, recorded as one history entry.

        simple-history would otherwise record the row and each m2m signal separately (a creation
        without target groups, then one entry per add/remove), which makes the history unreadable.
        """
        created = self._state.adding
        with transaction.atomic():
            if not created:
                _record_missing_creation(self.pk)
            self.skip_history_when_saving = True
            try:
                self.save()
                self.target_groups.set(target_groups)
            finally:
                del self.skip_history_when_saving
            self._history_user = user if user is not None and user.is_authenticated else None
            self._change_reason = change_reason
            try:
                _history.create_historical_record(self, "+" if created else "~")
            finally:
                del self._history_user, self._change_reason
            if created:
                NoneRunConfirmation.end_for(self.municipality_id, user)

    def delete_checked(self, user, expected_version: int) -> None:
        """Deletes the intervention unless it changed since the user saw it; the history keeps it."""
        with transaction.atomic():
            current = (Intervention.objects.select_for_update()
                       .filter(pk=self.pk).values_list("version", flat=True).first())
            if current != expected_version:
                raise StaleVersionError(self.pk, expected_version)
            _record_missing_creation(self.pk)
            self._history_user = user
            self.delete()


def _record_missing_creation(intervention_id: int) -> None:
    # history.py reads these models, so it is imported when first needed.
    from .history import backfill_creations

    backfill_creations([intervention_id])
