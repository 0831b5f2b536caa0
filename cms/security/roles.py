"""Editor roles. Each role is a Group; data migrations grant its permissions with ``grant_permissions``.

- 编辑 (editor): writes and edits news and policy drafts and submits them for review.
- 审核 (reviewer): everything an editor can, plus publishing, site settings, contributions and reading the audit
  log.
- 招商专员 (investment officer): handles business inquiries; with superusers, the only role that sees
  inquirers' personal data.
"""

from django.contrib.auth.management import create_permissions
from django.utils.translation import gettext_lazy as _

EDITOR = "编辑"
REVIEWER = "审核"
INVESTMENT_OFFICER = "招商专员"

ROLE_DESCRIPTIONS = {
    EDITOR: _("Writes and edits news and policy drafts and submits them for review."),
    REVIEWER: _("Everything an editor can do, plus publishing, site settings and contributions."),
    INVESTMENT_OFFICER: _("Handles business inquiries and sees the inquirers' personal data."),
}


def grant_permissions(apps, grants: dict[str, dict[str, list[str]]]) -> None:
    """Give each role the listed permissions, ``{role: {app_label: [codename, …]}}``, creating what is missing.

    For use inside data migrations (``apps`` is the migration state). Raises ``LookupError`` when a
    permission does not exist, so a typo fails the migration instead of silently granting less.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    for role, by_app in grants.items():
        group, _created = Group.objects.get_or_create(name=role)
        for app_label, codenames in by_app.items():
            permissions = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
            missing = set(codenames) - {permission.codename for permission in permissions}
            if missing:
                raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
            group.permissions.add(*permissions)


def revoke_permissions(apps, grants: dict[str, dict[str, list[str]]]) -> None:
    """The reverse of ``grant_permissions``; leaves the groups in place."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, by_app in grants.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for app_label, codenames in by_app.items():
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )


def grant_operation(grants: dict[str, dict[str, list[str]]]):
    """The migration operation that grants ``grants`` (and takes them back when unapplied)."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        grant_permissions(apps, grants)

    def backwards(apps, schema_editor):
        revoke_permissions(apps, grants)

    return migrations.RunPython(forwards, backwards)
