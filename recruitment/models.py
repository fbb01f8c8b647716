"""The core domain: regions, municipalities, the three pathways and their target groups,
and which users belong to which municipality with which role."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Danish letters spelt out in addresses, as Danish web addresses do ("Sjælland" -> "sjaelland").
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


class Region(models.Model):
    code = models.PositiveIntegerField(_("regionskode"), unique=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        """The region's (its KKR's) address: "Region Hovedstaden" is "hovedstaden", "Region Sjælland" "sjaelland"."""
        return slugify(self.name.removeprefix("Region ").lower().translate(_DANISH_LETTERS))


def region_by_slug(slug: str) -> Region | None:
    """The region with this address; one query (there are five)."""
    return next((region for region in Region.objects.all() if region.slug == slug), None)


class Municipality(models.Model):
    # The official three-digit municipality code, e.g. 165 for Albertslund.
    code = models.PositiveSmallIntegerField(_("kommunekode"), unique=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities",
                               verbose_name=_("region"))
    # Rounded, only for scaling demo data; never shown.
    approx_population = models.PositiveIntegerField(_("cirka indbyggertal"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class Pathway(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=200)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("vej")
        verbose_name_plural = _("veje")

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.Model):
    slug = models.SlugField(unique=True)
    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="target_groups",
                                verbose_name=_("vej"))
    name = models.CharField(_("navn"), max_length=200)
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["pathway__position", "position"]
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one municipality. Admins are staff users and need no membership."""

    class Role(models.TextChoices):
        VIEWER = "viewer", _("Læser")
        EDITOR = "editor", _("Redaktør")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name=_("bruger"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="memberships",
                                     verbose_name=_("kommune"))
    role = models.CharField(_("rolle"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    title = models.CharField(_("stilling"), max_length=100, blank=True)
    # Set when single sign-on granted it from a group mapping: such memberships follow the mappings at every
    # SSO login (added, changed, removed); memberships an admin gave by hand are never touched by SSO.
    from_sso = models.BooleanField(_("fra single sign-on"), default=False)

    class Meta:
        ordering = ["municipality__name", "user__username"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="membership_unique_user_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"


class SsoGroupMapping(models.Model):
    """The admin's rule: users whose ID token from this identity provider lists this group get this role here.

    Nothing else gives an SSO user access to edit: without a matching group a new user can only read, as every
    signed-in user can, until an admin grants a membership.
    """

    provider_id = models.SlugField(_("identitetsudbyder"), max_length=50,
                                   help_text=_("Navnet fra OIDC_PROVIDERS, fx albertslund."))
    group = models.CharField(_("gruppe"), max_length=200,
                             help_text=_("Værdien i ID-tokenets gruppe-claim (i Entra ID gruppens objekt-id)."))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="sso_mappings",
                                     verbose_name=_("kommune"))
    role = models.CharField(_("rolle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.VIEWER)

    class Meta:
        ordering = ["provider_id", "group"]
        verbose_name = _("SSO-gruppe")
        verbose_name_plural = _("SSO-grupper")
        constraints = [
            models.UniqueConstraint(fields=["provider_id", "group", "municipality"],
                                    name="ssogroupmapping_unique_provider_group_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.provider_id}: {self.group} → {self.municipality} ({self.get_role_display()})"


def _memberships(user) -> list[Membership]:
    """The user's memberships, read once per request: the menu, the defaults and every "may edit?" of a page
    ask (request.user lives as long as the request)."""
    if not hasattr(user, "_memberships_read"):
        user._memberships_read = list(user.memberships.select_related("municipality__region").order_by("id"))
    return user._memberships_read


def home_municipality(user) -> Municipality | None:
    """The municipality a user belongs to (their first membership), for navigation and defaults."""
    if not user.is_authenticated:
        return None
    memberships = _memberships(user)
    return memberships[0].municipality if memberships else None


def search_municipalities(query: str) -> models.QuerySet[Municipality]:
    """Municipalities whose name contains the query, or whose code it is; by region and name."""
    municipalities = Municipality.objects.select_related("region").order_by("region__name", "name")
    query = query.strip()
    if query:
        condition = models.Q(name__icontains=query)
        # ASCII digits only: str.isdigit() also accepts "²" and "①", which int() refuses.
        if re.fullmatch(r"[0-9]{1,4}", query):
            condition |= models.Q(code=int(query))
        municipalities = municipalities.filter(condition)
    return municipalities


def can_edit(user, municipality: Municipality) -> bool:
    """Admins edit everything; editors only their own municipality."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return any(m.municipality_id == municipality.pk and m.role == Membership.Role.EDITOR for m in _memberships(user))


class DataVersion(models.Model):
    """One row whose token changes with every write that changes coverage (recruitment.data_version).

    Computed coverage is cached under the token, so a cached value is never read after such a write.
    A random token rather than a counter: a test's rollback or a restored backup brings back an old token
    together with the data it stood for, never another state's."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("dataversion")
        verbose_name_plural = _("dataversioner")

    def __str__(self) -> str:
        return self.token


class MunicipalityDataVersion(models.Model):
    """A token per municipality that changes with every write to what only its own pages show: an
    intervention's title, participants, budget, partners, description or results (Intervention.LOCAL_FIELDS).

    Its pages are cached under the national token (DataVersion) and this one; other municipalities' pages and
    the national ones only under the national token, so such a write recomputes only this municipality's pages.
    A write to anything else (type, status, dates, target groups, …) bumps the national token as before."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, primary_key=True,
                                        related_name="data_version")
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("kommunens dataversion")
        verbose_name_plural = _("kommunernes dataversioner")

    def __str__(self) -> str:
        return self.token
