from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from submissions.models import OutboundEmail
from submissions.outbox import send_due_emails


class Command(BaseCommand):
    help = _("Send the queued emails that are due (run every minute from cron or a systemd timer).")

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100, help=_("At most this many emails per run."))
        parser.add_argument("--dry-run", action="store_true", help=_("Only report how many emails are due."))

    def handle(self, *args, limit=100, dry_run=False, **options):
        if limit < 1:
            limit = 1
        if dry_run:
            self.stdout.write(_("Emails due: %(count)d") % {"count": OutboundEmail.objects.due().count()})
            return
        sent, failed = send_due_emails(limit=limit)
        self.stdout.write(_("Sent: %(sent)d, to retry later: %(failed)d") % {"sent": sent, "failed": failed})
