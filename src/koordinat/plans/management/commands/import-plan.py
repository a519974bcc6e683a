import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.db.models import Q

from koordinat.accounts.models import Role, User
from koordinat.core import clock
from koordinat.core.translation import language_codes
from koordinat.plans import services
from koordinat.plans.importing.columns import parse_mapping
from koordinat.plans.importing.pipeline import preview_file
from koordinat.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Import a plan table from a DOCX or XLSX file. Shows every problem by row and column; "
        "saves nothing with --dry-run or when a problem remains. Exit status 1 when refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--plan", required=True, help="Code of the plan; created as a draft if new.")
        parser.add_argument("--title", default="", help="Title (Azerbaijani) of a new plan.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and show the preview; save nothing."
        )
        parser.add_argument(
            "--create-missing", action="store_true", help="Create unmatched executors as organisations."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--columns", default="", help="Column numbers by hand: number=1,text=2,executors=3,deadline=4"
        )
        parser.add_argument(
            "--languages",
            default="",
            help="For a Decidim CSV: which of its locales holds each language's texts, e.g. az=ca,ru=es,en=en "
            "(default: az, ru and en as themselves).",
        )
        parser.add_argument(
            "--user",
            default="",
            help="E-mail of the coordinator or administrator importing (default: the first administrator).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            mapping = parse_mapping(options["columns"]) if options["columns"] else None
        except ValueError as error:
            raise CommandError(
                f"--columns: cannot read “{error}”; write it as number=1,text=2,executors=3,deadline=4."
            ) from error
        languages = self._languages(options["languages"]) if options["languages"] else None
        actor = self._actor(options["user"])
        plan = Plan.objects.filter(code=options["plan"]).first()
        with path.open("rb") as stream:
            preview = preview_file(stream, path.name, plan=plan, mapping=mapping, languages=languages)

        if options["format"] == "json":
            self.stdout.write(json.dumps(preview.to_json(), ensure_ascii=False, indent=2, default=str))
        else:
            self._print_text(preview)
        blocking = [
            p for p in preview.errors if not (options["create_missing"] and p.code == "unknown_executor")
        ]
        if blocking:
            raise CommandError(f"Import refused: {len(blocking)} problem(s) to fix; nothing was saved.")
        if options["dry_run"]:
            self.stderr.write("Dry run: nothing was saved.")
            return
        try:
            result = services.plan_import_into(
                actor=actor,
                code=options["plan"],
                preview=preview,
                new_plan=None if plan else self._new_plan(actor, options, preview),
                create_missing=options["create_missing"],
            )
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(
                f"Import refused: {'; '.join(getattr(error, 'messages', [str(error)]))}"
            ) from error
        except KeyboardInterrupt as interruption:
            raise CommandError("Import interrupted: nothing was saved.", returncode=130) from interruption
        except DatabaseError as error:
            raise CommandError(f"Import failed: nothing was saved ({error}).") from error
        self.stderr.write(
            f"Imported into {result.plan.code}: {len(result.created)} new, {len(result.updated)} updated, "
            f"{len(result.renumbered)} renumbered, {len(result.removed)} removed."
        )
        for organization in result.organizations_created:
            self.stderr.write(f"Created organisation #{organization.pk}: {organization.name}")

    def _languages(self, text: str) -> dict[str, str]:
        languages: dict[str, str] = {}
        for part in filter(None, (piece.strip() for piece in text.split(","))):
            code, _sep, locale = part.partition("=")
            if code.strip() not in language_codes() or not locale.strip():
                raise CommandError(f"--languages: cannot read “{part}”; write it as az=ca,ru=es,en=en.")
            languages[code.strip()] = locale.strip()
        return languages

    def _actor(self, email: str) -> User:
        users = User.objects.filter(is_active=True)
        actor = (
            users.filter(email__iexact=email).first()
            if email
            else users.filter(Q(is_superuser=True) | Q(role=Role.ADMINISTRATOR)).order_by("pk").first()
        )
        if actor is None:
            raise CommandError(
                "No such active user; give --user with the e-mail of a coordinator or administrator."
            )
        return actor

    def _new_plan(self, actor: User, options: dict[str, Any], preview: Any) -> dict[str, Any]:
        """The fields of the draft plan to create: `plan_import_into` creates it with the import."""
        if actor.organization is None:
            raise CommandError(
                "The importing user acts for no organisation, which would coordinate the new plan."
            )
        ends = [row.deadline.end for row in preview.rows if row.deadline.end]
        starts = [row.deadline.start for row in preview.rows if row.deadline.start]
        today = clock.today()
        return {
            "kind": Plan.Kind.ACTION_PLAN,
            "title": {"az": options["title"] or options["plan"], "ru": "", "en": ""},
            "period_start": min(starts, default=today.replace(month=1, day=1)),
            "period_end": max(ends, default=today.replace(month=12, day=31)),
            "coordinator": actor.organization,
        }

    def _print_text(self, preview: Any) -> None:
        for row in preview.rows:
            executors = ", ".join(
                f"{e.text} → #{e.organization_id} ({e.score:.2f})" if e.organization_id else f"{e.text} → ?"
                for e in row.executors
            )
            self.stdout.write(
                f"row {row.row:>5}  {row.number:<10} {row.text[:60]:<60}  [{row.deadline.kind}] {executors}"
            )
        for problem in preview.all_problems:
            where = ", ".join(
                part for part in (f"row {problem.row}" if problem.row else "", problem.column or "") if part
            )
            self.stdout.write(f"{problem.severity.upper()}: {where + ': ' if where else ''}{problem.message}")
        if preview.changes:
            self.stdout.write(
                "Changes: "
                + "; ".join(
                    f"{kind} {', '.join(numbers) or '—'}" for kind, numbers in preview.changes.items()
                )
            )
