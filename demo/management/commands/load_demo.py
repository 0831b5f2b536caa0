"""Load the demo content of every app. Safe to run again: it updates what is there instead of duplicating it."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from cms.caching.pages import purge_all
from demo.site import DemoReport

# Order matters: later loaders use what earlier ones created (columns before articles, and so on).
DEMO_LOADERS = ["demo.site", "demo.articles", "demo.policies", "demo.submissions"]
DEFAULT_DEMO_PASSWORD = "zhaoshang-demo-2026"  # noqa: S105 - demo logins only; the demo app is not installed in production


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = _("Load demo content and one demo user per editor role (development only).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Show what would be loaded, change nothing."))
        parser.add_argument("--password", default=DEFAULT_DEMO_PASSWORD, help=_("Password for the demo users."))

    def handle(self, *args, dry_run=False, password=DEFAULT_DEMO_PASSWORD, **options):
        report = DemoReport()
        try:
            with transaction.atomic():
                for module_path in DEMO_LOADERS:
                    import_module(module_path).load(report, password=password)
                if dry_run:
                    raise DryRun
        except DryRun:
            self.stdout.write(_("Dry run: nothing was saved."))
        else:
            purge_all()  # the loaders also write with QuerySet.update(), which no watcher sees

        for label, number in report.counts.items():
            self.stdout.write(f"  {label}: {number}")
        if not dry_run:
            self.stdout.write(self.style.SUCCESS(_("Demo content is ready. Editor logins (demo only):")))
            for role, username, user_password in report.logins:
                self.stdout.write(f"  {role}: {username} / {user_password}")
