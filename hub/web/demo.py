"""``help-kiosk-hub serve --demo``: demo officers and two demo help points, for trying the hub.

Nothing here is new fake data: each demo help point is a throw-away kiosk database filled by
:func:`kiosk.demo.generate_demo` (the kiosk's own demo), paired with a one-time code
(:mod:`hub.pairing`) and synced through the real path, a signed and sealed batch
(:func:`kiosk.sync.batch.build_batch`) taken in by :func:`hub.ingest.ingest_batch`. A third
kiosk is paired but never syncs, so the health list shows what a silent help point looks
like. Afterwards the hub marks the demo help points' rows ``is_demo`` so every page and
file says "dữ liệu mẫu".

Demo help points are made once, only on a hub that holds no help point yet; demo accounts
get fresh random passwords at every start (printed by the CLI, never stored in clear).
"""

from __future__ import annotations

import logging
import random
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, timedelta
from pathlib import Path

from sqlalchemy import func, select, update

from db.models import (
    ActivityDay,
    Assistance,
    Meta,
    PrintEvent,
    ScamCheckCount,
    Ticket,
    TutorialEvent,
)
from hub import summary
from hub.accounts import DEMO_COMMUNES, AccountService, DemoAccount
from hub.context import HubContext
from hub.models import Device
from kiosk.clock import Clock
from kiosk.demo import generate_demo
from kiosk.store import Store

log = logging.getLogger(__name__)

DEMO_DAYS = 60


@dataclass(frozen=True)
class DemoHelpPoint:
    help_point_id: str
    help_point_name: str
    team_id: str
    commune_code: str
    per_day: int
    seed: int


def demo_help_points() -> list[DemoHelpPoint]:
    # Fixed ids: a restarted demo hub shows the same help points at the same addresses.
    return [
        DemoHelpPoint("5d0c8a2e-0000-4000-8000-000000000001", "Điểm hỗ trợ số Hải Châu (mẫu)",
                      "5d0c8a2e-0000-4000-8000-0000000000a1", DEMO_COMMUNES[0], 14, 2026),
        DemoHelpPoint("5d0c8a2e-0000-4000-8000-000000000002",
                      "Điểm hỗ trợ số Thạch Thang (mẫu)",
                      "5d0c8a2e-0000-4000-8000-0000000000a2", DEMO_COMMUNES[0], 9, 2027),
    ]


def _stamp(store: Store, hp: DemoHelpPoint) -> None:
    """Give the throw-away kiosk's rows the demo help point's identity, and let them travel
    (a kiosk never sends demo rows; these go to a demo hub only, which marks them again)."""
    with store.write() as s:
        for model in (Assistance, ActivityDay, Ticket, TutorialEvent, PrintEvent):
            values: dict[str, object] = {"is_demo": False} if hasattr(model, "is_demo") else {}
            for key in ("help_point_id", "team_id", "commune_code"):
                if hasattr(model, key):
                    values[key] = getattr(hp, key)
            if values:
                s.execute(update(model).values(**values))
        for key, value in (("help_point_id", hp.help_point_id), ("team_id", hp.team_id)):
            row = s.get(Meta, key)
            if row is None:
                s.add(Meta(key=key, value=value))
            else:
                row.value = value


def make_demo_kiosk(hp: DemoHelpPoint, kiosk_dir: Path, clock: Clock) -> Store:
    """A throw-away kiosk database with the kiosk's own demo data for ``hp``."""
    store = Store.open(kiosk_dir, clock=clock)
    generate_demo(store, DEMO_DAYS, hp.per_day, seed=hp.seed, commune=hp.help_point_name)
    _scam_checks(store, hp, clock)
    _stamp(store, hp)
    return store


def _scam_checks(store: Store, hp: DemoHelpPoint, clock: Clock) -> None:
    """A few anonymous scam checks a day (the kiosk's demo makes none), so the pages show
    the per-kind chart: counts only, as the kiosk keeps them."""
    from kiosk.clock import local_day
    from kiosk.scam_check import load_scam_kinds

    kinds = [k.id for k in load_scam_kinds()]
    rng = random.Random(hp.seed)
    today = local_day(clock.now())
    with store.write() as s:
        for back in range(DEMO_DAYS):
            for kind in kinds:
                n = rng.choice((0, 0, 0, 1, 1, 2))
                if n:
                    s.add(ScamCheckCount(day=today - timedelta(days=back), kind=kind, count=n))


def sync_demo_kiosk(hub: HubContext, hp: DemoHelpPoint, store: Store, kiosk_dir: Path,
                    clock: Clock) -> int:
    """Pair the kiosk with a one-time code and send everything in one signed batch."""
    from hub.ingest import ingest_batch
    from hub.pairing import PairRequest, create_code, redeem
    from kiosk.sync.batch import build_batch, collect_payload
    from kiosk.sync.keys import DeviceKeys

    keys = DeviceKeys.load_or_create(kiosk_dir, store.device_id)
    with hub.transaction() as s:
        code = create_code(s, hub.settings.data_dir, hp.commune_code, clock.now())
        redeem(s, hub.settings.data_dir, PairRequest(
            code.code, store.device_id, keys.verify_key_b64(), keys.box_public_b64(),
            hp.help_point_name, hp.commune_code, "0.1.0"), clock.now())
    with store.read() as s:
        payload = collect_payload(s, hp, None, contacts=False, status={
            "app_version": "0.1.0", "content_version": "", "printer_ok": True,
            "voice_ok": hp.per_day > 10, "outbox_waiting": 0})
    blob = build_batch(payload, hp, keys, 1, hub.keys().box_public_b64(), contacts=False,
                       created=clock.now().replace(tzinfo=UTC))
    return int(getattr(ingest_batch(hub, blob), "added", 0))


def _push(hub: HubContext, hp: DemoHelpPoint, work: Path, clock: Clock) -> int:
    kiosk_dir = work / hp.help_point_id[-4:]
    store = make_demo_kiosk(hp, kiosk_dir, clock)
    try:
        return sync_demo_kiosk(hub, hp, store, kiosk_dir, clock)
    finally:
        store.close()


def _pair_silent(hub: HubContext, clock: Clock) -> None:
    """A kiosk paired a while ago that has never sent anything."""
    from hub.pairing import PairRequest, create_code, redeem
    from kiosk.sync.keys import DeviceKeys

    with tempfile.TemporaryDirectory(prefix="hub-demo-silent-") as tmp:
        device_id = str(uuid.uuid4())
        keys = DeviceKeys.load_or_create(Path(tmp), device_id)
        with hub.transaction() as s:
            code = create_code(s, hub.settings.data_dir, DEMO_COMMUNES[0], clock.now())
            redeem(s, hub.settings.data_dir, PairRequest(
                code.code, device_id, keys.verify_key_b64(), keys.box_public_b64(),
                "Điểm hỗ trợ số lưu động Phước Ninh (mẫu, chưa đồng bộ)", DEMO_COMMUNES[0],
                "0.1.0"), clock.now())


def seed_demo_help_points(hub: HubContext) -> bool:
    """Two demo help points and one silent kiosk, once, on a hub without help points."""
    with hub.sessions() as s:
        if s.scalar(select(func.count()).select_from(Device)) or s.scalar(
                select(func.count()).select_from(Assistance)):
            log.info("hub already holds help points: no demo help points added")
            return False
    ids = [hp.help_point_id for hp in demo_help_points()]
    with tempfile.TemporaryDirectory(prefix="hub-demo-", dir=_work(hub)) as tmp:
        for hp in demo_help_points():
            _push(hub, hp, Path(tmp), hub.clock)
    _pair_silent(hub, hub.clock)
    with hub.transaction() as s:
        s.execute(update(Assistance).where(Assistance.help_point_id.in_(ids))
                  .values(is_demo=True))
        s.execute(update(ActivityDay).where(ActivityDay.help_point_id.in_(ids))
                  .values(is_demo=True))
        summary.rebuild(s, ids)  # the dashboards' counts say "demo" too
    return True


def _work(hub: HubContext) -> Path:
    d = hub.settings.data_dir / "work"
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    return d


def seed_demo(hub: HubContext) -> list[DemoAccount]:
    """Demo accounts (fresh passwords) and, the first time, the demo help points."""
    accounts = AccountService(hub.sessions, hub.clock).create_demo_accounts()
    seed_demo_help_points(hub)
    return accounts


def demo_text(made: list[DemoAccount], url: str) -> str:
    """What ``serve --demo`` prints: where to go and how to sign in."""
    lines = [f"Hub dùng thử: mở {url} và đăng nhập bằng một trong các tài khoản mẫu "
             "(mật khẩu mới mỗi lần khởi động):"]
    for a in made:
        where = f" xã/phường {a.commune_code}" if a.commune_code else ""
        lines.append(f"  {a.role.label():<22} {a.username:<15} mật khẩu: {a.password}{where}")
    return "\n".join(lines)
