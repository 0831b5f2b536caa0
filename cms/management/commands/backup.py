from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.ops.backup import create_backup, encryption_configured, prune_backups, storage_files


class Command(BaseCommand):
    help = _(
        "Back up the database and the uploaded files (from the configured media storage) into one archive, "
        "encrypted when BACKUP_ENCRYPTION_RECIPIENT or BACKUP_PASSPHRASE is set; then delete archives older than "
        "BACKUP_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help=_("Folder for the archive (default: backups)."))
        parser.add_argument(
            "--retention-days", type=int, default=None,
            help=_("Delete archives in the folder older than this many days (default: BACKUP_RETENTION_DAYS; 0 "
                   "keeps all)."),
        )  # fmt: skip
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Only report what would be backed up and deleted.")
        )

    def handle(self, *args, output="backups", retention_days=None, dry_run=False, **options):
        folder = Path(output)
        keep_days = settings.BACKUP_RETENTION_DAYS if retention_days is None else retention_days
        if dry_run:
            self.stdout.write(_("Media files to back up: %(count)d") % {"count": sum(1 for _name in storage_files())})
            for path in prune_backups(folder, keep_days=keep_days, dry_run=True):
                self.stdout.write(_("Would delete %(path)s") % {"path": path})
            return
        try:
            archive = create_backup(folder)
        except Exception as error:
            raise CommandError(_("The backup failed: %(error)s") % {"error": error}) from error
        self.stdout.write(self.style.SUCCESS(_("Backup written to %(path)s") % {"path": archive}))
        if not encryption_configured():
            warning = _("The archive is not encrypted: it holds personal data. Set BACKUP_ENCRYPTION_RECIPIENT or "
                        "BACKUP_PASSPHRASE.")  # fmt: skip
            self.stderr.write(self.style.WARNING(warning))
        pruned = prune_backups(folder, keep_days=keep_days)
        for path in pruned:
            self.stdout.write(_("Deleted %(path)s (older than %(days)d days)") % {"path": path, "days": keep_days})
        self.stdout.write(_("Old archives deleted: %(count)d") % {"count": len(pruned)})
