from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms.workflow.changes import apply_due_changes, due_changes


class Command(BaseCommand):
    help = _("Publish the pending changes whose scheduled time has come (the site also does it on the next request).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Only count what would be published."))

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = due_changes().count()
            self.stdout.write(_("Dry run: %(count)d change(s) would be published.") % {"count": count})
            return
        count = apply_due_changes()
        self.stdout.write(self.style.SUCCESS(_("%(count)d scheduled change(s) published.") % {"count": count}))
