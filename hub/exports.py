"""Hub exports (``help-kiosk-hub export``): CSV, XLSX or PDF for a commune, some help points or
the city, written by the kiosk's own export code.

The kiosk's writers (:func:`kiosk.reports.export.run_export`: the format × content rules, the
records columns, formula guarding, the allowance per team under the rule in force each day,
the PDF report) read a kiosk :class:`~kiosk.store.Store`. The hub copies the scope's rows (the
records and active days of those help points, with the services, policy rules, places,
volunteers and team names they refer to) into a throw-away kiosk database in a private work
folder and runs those very writers on it, so a hub file is what the kiosks' own exports give
for the same rows; there is no second implementation to drift. Contacts never leave the hub:
kiosks send none, and the copy empties them anyway.

What differs from a kiosk file, by construction: queue numbers (the ``ticket`` column) and the
queue/tutorial/print and home-visit lines of a summary, because tickets, events and home-visit
requests stay on the kiosk and only the daily totals of the first two travel (the hub's web
pages report those from ``daily_count``).

Runs in the CLI's thread or a web worker thread; the work folder is removed afterwards.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from db import models as kiosk_models
from hub.context import HubContext
from kiosk import audit
from kiosk.auth import Actor, Role
from kiosk.reports.export import ExportRequest, run_export
from kiosk.reports.export_csv import ExportResult, Progress
from kiosk.reports.figures import FigureScope
from kiosk.reports.periods import Period
from kiosk.store import Store

log = logging.getLogger(__name__)

#: Copied whole (small reference tables), then the scope's own rows.
REFERENCE_TABLES = ("service", "policy_rule", "place", "volunteer", "team")
SCOPED_TABLES = ("assistance", "activity_day")
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_consent_at",
                  "contact_consent_purpose")
CHUNK = 2000


def scope_for(commune_codes: Sequence[str] | None = None,
              help_point_ids: Sequence[str] | None = None) -> FigureScope | None:
    """None (the whole hub: the city) when neither is given."""
    if not commune_codes and not help_point_ids:
        return None
    return FigureScope(help_point_ids=tuple(help_point_ids) if help_point_ids else None,
                       commune_codes=tuple(commune_codes) if commune_codes else None)


def commune_label(codes: Sequence[str]) -> str:
    """"phường Hải Châu", "xã Hòa Vang, phường Hải Châu" for official codes (from the kiosk's
    bundled commune list); a code the list does not know stays a code; none = the city."""
    if not codes:
        return "Thành phố Đà Nẵng"
    from kiosk.paths import resource_path
    from kiosk.places import COMMUNES_FILE, load_communes

    communes, _problems = load_communes(resource_path("lists", COMMUNES_FILE))
    names = {u.code: f"{u.kind} {u.name}".strip() for u in (communes.units if communes else ())
             if u.code}
    return ", ".join(names.get(c, c) for c in codes)


def copy_scope(source: Session, target: Store, scope: FigureScope | None) -> int:
    """Copy the reference tables whole and the scope's records and active days into
    ``target`` (a fresh kiosk database); returns the number of records copied."""
    meta = kiosk_models.Base.metadata
    records = 0
    for name in (*REFERENCE_TABLES, *SCOPED_TABLES):
        table = meta.tables.get(name)
        if table is None:
            continue
        n = _copy(source, target, table, scope)
        if name == "assistance":
            records = n
    return records


def _copy(src: Session, dst: Store, table: Table, scope: FigureScope | None) -> int:
    q = select(table)
    if scope is not None and "help_point_id" in table.c:
        q = q.where(*scope.conditions(table))
    copied = 0
    with dst.write() as out:
        if table.name in ("service", "policy_rule"):
            out.execute(table.delete())  # the copy's own seed gives way to the hub's lists
        result = src.execute(q).mappings()
        while chunk := result.fetchmany(CHUNK):
            rows = [dict(r) for r in chunk]
            if table.name == "assistance":
                for r in rows:
                    r.update({k: None for k in CONTACT_FIELDS if k in r})
            out.execute(insert(table), rows)
            copied += len(rows)
    return copied


def export_scope(hub: HubContext, period: Period, path: Path, request: ExportRequest, *,
                 scope: FigureScope | None, actor_name: str,
                 commune_label: str = "", help_point_label: str = "",
                 titles: Mapping[str, str] | None = None,
                 progress: Progress | None = None) -> ExportResult:
    """Write ``path`` for ``scope`` over ``period`` with the kiosk's writers (no contacts)."""
    request = ExportRequest(request.fmt, request.what, include_contacts=False).check()
    work_root = hub.settings.data_dir / "work"
    work_root.mkdir(mode=0o700, parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="export-", dir=work_root))
    try:
        copy = Store.open(work / "copy", clock=hub.clock)
        try:
            with hub.sessions() as s:
                copy_scope(s, copy, scope)
            actor = Actor(Role.STAFF, uuid="", name=actor_name)
            result = run_export(actor, copy, period, path, request,
                                help_point=help_point_label, commune=commune_label,
                                titles=titles, progress=progress)
        finally:
            copy.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with hub.store.write() as s:  # the copy's audit went with it: the hub keeps its own
        audit.record(s, hub.store, actor_name, f"export.{request.fmt}", what=request.content,
                     period_from=period.start, period_to=period.end, where=str(path),
                     rows=result.rows, communes=list(scope.commune_codes or ()) if scope else
                     "all", help_points=len(scope.help_point_ids or ()) if scope else "all")
    log.info("hub export %s/%s: %d rows", request.fmt, request.content, result.rows)
    return result
