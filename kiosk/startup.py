"""What the kiosk does with its data once at start-up, before anyone needs it.

* the ``place`` table is filled from the lists if it is still empty
  (:func:`kiosk.places.seed_places`), so the quick log's commune and village boxes and the
  staff places tab have something to offer, whichever of them a help point uses;
* contact details kept longer than ``contact_retention_days`` are erased
  (:func:`kiosk.assistance.purge_expired_contacts`), even on a kiosk nobody signs in to;
* resume codes that expired more than 30 days ago are deleted
  (:func:`kiosk.resume.purge_expired`).

One rule, one place: the GUI runs :func:`prepare_data` on its database lane from the
composition root (``ui/app.py``), never from one feature that another feature relies on. Each
chore runs even if the other fails, and what failed is reported, never raised: a kiosk must
open for a citizen whatever the place list or an old record holds. Any thread (it opens its
own sessions through the store).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.assistance import purge_expired_contacts
from kiosk.config import Config
from kiosk.places import SeedResult, seed_places
from kiosk.resume import purge_expired as purge_expired_resume_codes
from kiosk.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartUpReport:
    places: SeedResult | None  # None: seeding failed (see ``failed``)
    contacts_erased: int
    resume_codes_purged: int = 0
    failed: tuple[str, ...] = ()  # which chores failed, by name, for the log


def prepare_data(store: Store, config: Config) -> StartUpReport:
    """Seed the places if empty, erase expired contact details and old resume codes; never
    raises."""
    failed: list[str] = []
    places: SeedResult | None = None
    erased = 0
    try:
        places = seed_places(store)
    except Exception as exc:  # a broken list must not keep the kiosk from opening
        log.warning("start-up: places not seeded: %s", type(exc).__name__)
        failed.append("seed_places")
    try:
        erased = purge_expired_contacts(store, int(config.contact_retention_days))
    except Exception as exc:  # staff can run the purge from the tab or the CLI
        log.warning("start-up purge of expired contacts failed: %s", type(exc).__name__)
        failed.append("purge_expired_contacts")
    if erased:
        log.info("start-up: contact details of %d record(s) erased", erased)
    codes = 0
    try:
        codes = purge_expired_resume_codes(store)
    except Exception as exc:  # old codes only take a little room; the next start tries again
        log.warning("start-up purge of resume codes failed: %s", type(exc).__name__)
        failed.append("purge_resume_codes")
    return StartUpReport(places, erased, codes, tuple(failed))
