from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.security import audit


class Command(BaseCommand):
    help = _("Delete audit log entries older than AUDIT_RETENTION_DAYS (at least 180 days).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Only count what would be deleted."))

    def handle(self, *args, dry_run=False, **options):
        count, before = audit.purge_expired(dry_run=dry_run)
        values = {"count": count, "before": f"{timezone.localtime(before):%Y-%m-%d %H:%M}"}
        if dry_run:
            self.stdout.write(_("Dry run: %(count)d audit entries from before %(before)s would be deleted.") % values)
        else:
            self.stdout.write(self.style.SUCCESS(_("%(count)d audit entries from before %(before)s deleted.") % values))
