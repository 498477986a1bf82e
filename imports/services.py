"""The import engine: check a whole file, then write it in one transaction, or write nothing.

1. Read the file row by row (imports/parsers.py), check every row against its kind's spec
   (imports/kinds/) and collect every problem with its row and column; duplicate rows are problems too.
2. Compare with what is stored: how many rows are new, changed, unchanged; values that may not change
   (approved by the council, following a series) are problems.
3. A file with any problem writes nothing. A file that would overwrite stored values waits for the
   user's confirmation (``ImportJob.overwrite``). Otherwise everything is written in one
   ``transaction.atomic()``, every history record naming the file (imports/history.py), and the indicators
   linked to an imported series take its new figures.

Re-importing the same file finds every row unchanged and writes nothing (not even history).
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.jobs import JobStatus, enqueue_on_commit
from plans.models import Plan
from stats.models import Indicator, IndicatorValue, StatPoint

from .history import import_context
from .kinds import SKIP, Context, Problem, RowReader, spec_for
from .models import ImportJob, ImportOutcome
from .parsers import BAD_CELLS, FileProblem, file_format, open_table, size_problem

logger = logging.getLogger(__name__)

# Files up to this size are imported during the request; larger ones by a Celery worker.
SYNC_MAX_BYTES = 256 * 1024
PROGRESS_EVERY = 5000


QUEUE_UNAVAILABLE = gettext_lazy(
    "The job queue is unavailable right now; the file is kept and will be imported as soon as it is back."
)


def max_problems() -> int:
    return int(getattr(settings, "ZVP_IMPORT_MAX_PROBLEMS", 1000))


class Problems(list):
    """The problems of one file: the first ``ZVP_IMPORT_MAX_PROBLEMS`` kept, the others only counted."""

    def __init__(self, problems=(), limit: int | None = None):
        super().__init__()
        self.limit = max_problems() if limit is None else limit
        self.total = 0
        self.extend(problems)

    def append(self, problem) -> None:
        self.total += 1
        if len(self) < self.limit:
            super().append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.append(problem)


def may_import(user, kind: str, zone, plan=None) -> bool:
    """May *user* import a file of *kind* into *zone* (and *plan* for the plan kinds)? See imports/kinds/."""
    if user is None or not user.is_authenticated:
        return False
    spec = spec_for(kind)
    if spec.scope == "plan" and (plan is None or plan.zone_id != zone.pk):
        return False
    return spec.may_import(user, zone, plan)


def create_job(*, user, kind: str, zone, plan=None, upload, overwrite=False) -> ImportJob:
    """Keep the uploaded file on a new job (status queued). Refuses an unknown file type and a file too large
    (``ZVP_IMPORT_MAX_BYTES``), whatever path it came by (the form, the API, the command)."""
    file_format(upload.name)  # FileProblem for anything but CSV and XLSX
    too_large = size_problem(upload.size or 0)
    if too_large:
        raise FileProblem(too_large)
    spec = spec_for(kind)
    job = ImportJob(
        kind=kind,
        zone=zone,
        plan=plan if spec.scope == "plan" else None,
        requested_by=user,
        file_name=Path(upload.name).name[:255],
        size=upload.size or 0,
        overwrite=overwrite,
    )
    job.file.save(f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}", upload, save=False)
    job.save()
    return job


def start(job: ImportJob, at_once: bool | None = None) -> None:
    """Run a small file now, in this request; enqueue a large one for the worker (after commit)."""
    from .tasks import run_import_job

    if at_once is None:
        at_once = job.size <= SYNC_MAX_BYTES
    if at_once:
        try:
            execute(job)
        except Exception as exc:  # recorded on the job, whose page shows it
            logger.exception("import job %s failed", job.pk)
            job.fail_with(failure_reason(exc))
    else:
        enqueue_on_commit(run_import_job, job)


def failure_reason(exc: Exception) -> str:
    """What the job's page says when an import stopped on an error: nothing was written, and why."""
    if isinstance(exc, DatabaseError):
        return _("The import stopped on a database error; nothing was written. Try again later. (%(error)s)") % {
            "error": f"{type(exc).__name__}: {str(exc).strip()[:300]}"
        }
    return _("The import stopped on an error; nothing was written. (%(error)s)") % {
        "error": f"{type(exc).__name__}: {str(exc).strip()[:300]}"
    }


def confirm_overwrite(job: ImportJob) -> bool:
    """The user confirms that the file may overwrite stored values: run it again, now writing."""
    updated = ImportJob.objects.filter(pk=job.pk, outcome=ImportOutcome.NEEDS_CONFIRMATION).update(
        overwrite=True, outcome=ImportOutcome.PENDING, status=JobStatus.QUEUED, progress=0
    )
    if not updated:
        return False
    job.refresh_from_db()
    start(job)
    return True


def execute(job: ImportJob, task_id: str = "") -> None:
    """Claim and run *job* (safe to call twice: a finished job is left alone)."""
    if job.is_done or not job.claim(task_id):
        return
    run_import(job)


# --- The run ----------------------------------------------------------------------------------------------------------


class Progress:
    """Reports progress on the job. While the write transaction is open, a PostgreSQL side connection
    carries the report, so that the page polling the job sees it before the commit."""

    def __init__(self, job: ImportJob):
        self.job = job
        self.side = None

    def __call__(self, percent, message=""):
        if self.side is not None:
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {ImportJob._meta.db_table} SET progress = %s, progress_message = %s WHERE id = %s",
                    [int(percent), str(message)[:200], self.job.pk],
                )
        else:
            self.job.report(percent, message)

    def open_side(self):
        if connection.vendor == "postgresql":
            self.side = connections.create_connection("default")
            self.side.set_autocommit(True)

    def close_side(self):
        if self.side is not None:
            self.side.close()
            self.side = None


def run_import(job: ImportJob) -> None:
    """Check the job's file and, when it is clean (and confirmed where it overwrites), write it."""
    spec = spec_for(job.kind)
    user = job.requested_by
    if not may_import(user, job.kind, job.zone, job.plan):
        job.fail_with(_("You may not import this kind of file here (any more)."))
        return
    ctx = Context(zone=job.zone, plan=job.plan, user=user, reason=job.change_reason, source=job.source_label)
    progress = Progress(job)
    progress(1, _("Reading the file"))
    with job.file.storage.open(job.file.name, "rb") as stored:
        records, problems, row_count = check_file(
            spec, ctx, getattr(stored, "file", stored), job.file_name, lambda p, m: progress(p * 0.5, m)
        )
    summary = {}
    if not problems:
        progress(50, _("Comparing with the stored figures"))
        summary, more = spec.compare(ctx, records)
        problems.extend(more)
    if problems:
        job.succeed(
            outcome=ImportOutcome.INVALID,
            row_count=row_count,
            problems=[p.as_dict() for p in problems],
            problem_count=problems.total,
            summary=summary,
        )
        return
    if summary.get("changed") and not job.overwrite:
        job.succeed(
            outcome=ImportOutcome.NEEDS_CONFIRMATION, row_count=row_count, problems=[], problem_count=0, summary=summary
        )
        return
    result = write(spec, ctx, records, progress)
    outcome = ImportOutcome.IMPORTED if result["new"] or result["changed"] else ImportOutcome.UNCHANGED
    job.succeed(outcome=outcome, row_count=row_count, problems=[], problem_count=0, summary=result)


def write(spec, ctx: Context, records: list, progress) -> dict:
    """Write every record in one transaction; the linked indicators follow. Returns what was done."""
    progress(55, _("Writing"))
    progress.open_side()
    try:
        with transaction.atomic(), import_context(ctx.reason, ctx.source, ctx.user):

            def report(done, total):
                progress(
                    55 + 40 * done / max(total, 1), _("Writing: %(done)s of %(total)s") % {"done": done, "total": total}
                )

            result = spec.write(ctx, records, report)
            result["linked_values"] = sync_linked_indicators(ctx)
    finally:
        progress.close_side()
    return result


def check_file(spec, ctx: Context, fileobj, name: str, report=None) -> tuple[list, Problems, int]:
    """Every row checked: (records, problems, number of rows). Nothing is written.

    The problems keep the first ``ZVP_IMPORT_MAX_PROBLEMS`` (``problems.total`` counts them all); a file
    over the row limit stops at the first row too many (imports/parsers.py).
    """
    report = report or (lambda percent, message: None)
    problems = Problems(spec.file_problems(ctx))
    try:
        table = open_table(fileobj, name)
    except FileProblem as exc:
        problems.append(Problem(exc.row, "", str(exc)))
        return [], problems, 0
    header = _header_problems(spec, table.columns)
    if header:
        # Without the right columns every row would repeat the same problem: stop here.
        table.rows.close()
        problems.extend(header)
        return [], problems, 0
    spec.prepare(ctx)
    RowReader.this_year = timezone.localdate().year
    records, seen, row_count = [], {}, 0
    key_columns = " + ".join(spec.key_columns)
    try:
        for number, row in table.rows:
            row_count += 1
            if BAD_CELLS in row:
                problems.extend(Problem(number, column, message) for column, message in row.pop(BAD_CELLS))
                continue
            reader = RowReader(number, row)
            if "__extra__" in row:
                reader.problems.append(Problem(number, "", _("This row has more cells than the header has columns.")))
            record = spec.check_row(ctx, reader)
            problems.extend(reader.problems)
            if record is not None and record is not SKIP and not reader.problems:
                first = seen.setdefault(record.key, number)
                if first != number:
                    problems.append(
                        Problem(
                            number,
                            key_columns,
                            _("Duplicate: row %(row)s has the same %(columns)s.")
                            % {"row": first, "columns": key_columns},
                        )
                    )
                else:
                    records.append(record)
            if row_count % PROGRESS_EVERY == 0:
                percent = 100 * row_count / max(table.estimated_rows, row_count)
                report(percent, _("Checked %(count)s rows") % {"count": row_count})
    except FileProblem as exc:
        problems.append(Problem(exc.row, "", str(exc)))
        return [], problems, row_count
    if row_count == 0 and not problems:
        problems.append(Problem(None, "", _("The file has column names but no rows.")))
    return records, problems, row_count


def _header_problems(spec, columns: list[str]) -> list[Problem]:
    problems = []
    for name in spec.required_columns:
        if name not in columns:
            problems.append(Problem(1, name, _("This column is missing.")))
    seen = set()
    for name in columns:
        if not name:
            continue
        if name not in spec.column_names:
            problems.append(
                Problem(
                    1,
                    name,
                    _("Unknown column; the columns are: %(columns)s.") % {"columns": ", ".join(spec.column_names)},
                    name,
                )
            )
        elif name in seen:
            problems.append(Problem(1, name, _("This column appears twice."), name))
        seen.add(name)
    return problems


# --- Linked indicators ------------------------------------------------------------------------------------------------


def sync_linked_indicators(ctx: Context) -> int:
    """Indicators linked to a series the import changed take its figures as their yearly values.

    Only for plans still followed up (not archived), only within each plan's period, never over a value
    the council approved. The values are marked ``from_series``. Returns how many values were set.
    """
    if not ctx.touched_series:
        return 0
    indicators = list(
        Indicator.objects.filter(series_id__in=ctx.touched_series, plan__status__in=Plan.FOLLOW_UP_STATUSES)
        .select_related("plan")
        .order_by("pk")
    )
    if not indicators:
        return 0
    points = {
        (p.series_id, p.year): p for p in StatPoint.objects.filter(series_id__in={i.series_id for i in indicators})
    }
    # By line: an indicator and its version in a draft revision share their values (stats.models.indicators).
    current = {
        (v.indicator_id, v.year): v
        for v in IndicatorValue.objects.select_for_update().for_indicators(indicators).order_by("pk")
    }
    user = ctx.user if ctx.user is not None and ctx.user.is_authenticated else None
    count = 0
    for indicator in indicators:
        for year in indicator.plan.years:
            point = points.get((indicator.series_id, year))
            if point is None:
                continue
            value = current.get((indicator.line_id, year))
            if value is None:
                current[indicator.line_id, year] = IndicatorValue.objects.create(
                    indicator_id=indicator.line_id,
                    year=year,
                    value=point.value,
                    from_series=True,
                    entered_by=user,
                    import_source=ctx.source,
                )
                count += 1
            elif not value.is_approved and (value.value != point.value or not value.from_series):
                value.value, value.from_series, value.import_source = point.value, True, ctx.source
                value.entered_by = user
                value.revision += 1
                value.save()
                count += 1
    return count
