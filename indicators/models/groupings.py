"""Comparison groupings: named ways of dividing the municipalities into groups (Danmarks Statistik's five
municipality groups, a network of municipalities, …), so a municipality can be compared with others like it
and not only with its region. A municipality may be in several groupings, and in one group of each."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.models import Municipality

from .imports import DataImport

# The comparison's own values of ?sammenlign= (indicators.comparison): a grouping's slug is a value of the same
# parameter, so a grouping named "Region" or "Alle" would take the region's or everyone's place.
REGION_CHOICE = "region"
ALL_CHOICE = "alle"
RESERVED_SLUGS = frozenset({REGION_CHOICE, ALL_CHOICE})


class Grouping(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), max_length=60, unique=True,
                            help_text=_("Bruges i adressen, fx ?sammenlign=dst-kommunegrupper."))
    description = models.TextField(_("beskrivelse"), blank=True)
    source = models.CharField(_("kilde"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommuneinddeling")
        verbose_name_plural = _("kommuneinddelinger")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("“%(slug)s” er forbeholdt sammenligningen med regionen eller alle "
                                             "kommuner; vælg et andet kortnavn.") % {"slug": self.slug}})


class MunicipalityGroup(models.Model):
    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="groups",
                                 verbose_name=_("inddeling"))
    name = models.CharField(_("navn"), max_length=100)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["grouping", "position", "name"]
        verbose_name = _("kommunegruppe")
        verbose_name_plural = _("kommunegrupper")
        constraints = [models.UniqueConstraint(fields=["grouping", "name"], name="municipality_group_unique_name")]

    def __str__(self) -> str:
        return f"{self.grouping}: {self.name}"


class GroupMembership(models.Model):
    """A municipality in a group. The grouping is stored too, so the database keeps a municipality in at
    most one group of each grouping."""

    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="memberships", editable=False,
                                 verbose_name=_("inddeling"))
    group = models.ForeignKey(MunicipalityGroup, on_delete=models.CASCADE, related_name="memberships",
                              verbose_name=_("gruppe"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="group_memberships",
                                     verbose_name=_("kommune"))
    data_import = models.ForeignKey(DataImport, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
                                    related_name="group_memberships", verbose_name=_("dataimport"))

    class Meta:
        ordering = ["group", "municipality__name"]
        verbose_name = _("medlemskab af kommunegruppe")
        verbose_name_plural = _("medlemskaber af kommunegrupper")
        constraints = [models.UniqueConstraint(fields=["grouping", "municipality"],
                                               name="group_membership_one_group_per_grouping")]

    def __str__(self) -> str:
        return f"{self.municipality_id} i {self.group}"

    def save(self, *args, **kwargs) -> None:
        self.grouping_id = self.group.grouping_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.group_id is None or self.municipality_id is None:
            return
        taken = (GroupMembership.objects
                 .filter(grouping_id=self.group.grouping_id, municipality_id=self.municipality_id)
                 .exclude(pk=self.pk).select_related("group").first())
        if taken is not None:
            raise ValidationError(_("Kommunen er allerede i gruppen “%(group)s” i denne inddeling.")
                                  % {"group": taken.group.name})


class ComparisonPreference(models.Model):
    """What a user last chose to compare with (?sammenlign=…): "region", "alle" or a grouping's slug."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="comparison_preference", verbose_name=_("bruger"))
    choice = models.CharField(_("sammenlign med"), max_length=60)

    class Meta:
        verbose_name = _("valg af sammenligning")
        verbose_name_plural = _("valg af sammenligning")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.choice}"
