import signal
import threading

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from submissions.models import OutboundEmail
from submissions.outbox import run_worker, send_due_emails


class Command(BaseCommand):
    help = _(
        "Send the queued emails that are due; with --loop, keep running as the mail worker (make serve starts it, "
        "or a systemd unit)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100, help=_("At most this many emails per run."))
        parser.add_argument("--dry-run", action="store_true", help=_("Only report how many emails are due."))
        parser.add_argument(
            "--loop", action="store_true", help=_("Keep running: send what is due, wait, repeat; stop on SIGTERM.")
        )
        parser.add_argument(
            "--interval", type=float, default=5.0, help=_("Seconds between two rounds with --loop (default 5).")
        )

    def handle(self, *args, limit=100, dry_run=False, loop=False, interval=5.0, **options):
        limit = max(1, limit)
        if dry_run:
            self.stdout.write(_("Emails due: %(count)d") % {"count": OutboundEmail.objects.due().count()})
            return
        if not loop:
            sent, failed = send_due_emails(limit=limit)
            self.stdout.write(_("Sent: %(sent)d, to retry later: %(failed)d") % {"sent": sent, "failed": failed})
            return
        stop = threading.Event()

        def request_stop(signum, _frame):
            self.stdout.write(_("Email worker: stopping after the current email (signal %(signal)d).")
                              % {"signal": signum})  # fmt: skip
            stop.set()

        previous = {number: signal.signal(number, request_stop) for number in (signal.SIGTERM, signal.SIGINT)}
        self.stdout.write(_("Email worker started: every %(interval)s s, at most %(limit)d emails per round.")
                          % {"interval": interval, "limit": limit})  # fmt: skip
        try:
            run_worker(
                stop=stop, interval=max(0.1, interval), limit=limit,
                report=lambda sent, failed: self.stdout.write(
                    _("Sent: %(sent)d, to retry later: %(failed)d") % {"sent": sent, "failed": failed}
                ),
            )  # fmt: skip
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        self.stdout.write(_("Email worker stopped."))
