from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.ops.backup import create_backup


class Command(BaseCommand):
    help = _("Back up the database and the uploaded files into one .tar.gz archive.")

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help=_("Folder for the archive (default: backups)."))

    def handle(self, *args, output="backups", **options):
        try:
            archive = create_backup(Path(output))
        except Exception as error:
            raise CommandError(_("The backup failed: %(error)s") % {"error": error}) from error
        self.stdout.write(self.style.SUCCESS(_("Backup written to %(path)s") % {"path": archive}))
