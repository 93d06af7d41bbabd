"""The hub's ASGI application: ``create_app(settings)`` opens the database and mounts routes.

Call it once per process (uvicorn's factory, or a test). The sync API (:mod:`hub.api`) is
always mounted; the web pages (:mod:`hub.web.routes`) when that package is present.
"""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from hub import api
from hub.context import open_hub
from hub.errors import HubRefused
from hub.settings import HubSettings
from kiosk.clock import Clock

log = logging.getLogger(__name__)


def create_app(settings: HubSettings, clock: Clock | None = None) -> FastAPI:
    """A ready hub: database migrated, hub id made, API (and web pages if present) mounted."""
    hub = open_hub(settings, clock)
    engine = hub.engine

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(title="Hub Điểm hỗ trợ số", docs_url=None, redoc_url=None,
                  openapi_url=None, lifespan=lifespan)
    app.state.hub = hub

    @app.exception_handler(HubRefused)
    async def _refused(_request: Request, exc: HubRefused) -> JSONResponse:
        # 413: the rest of the body is unread; "Connection: close" makes uvicorn hang up
        # instead of draining gigabytes to keep the connection alive.
        headers = {"Connection": "close"} if exc.status == 413 else None
        return JSONResponse({"error": exc.code, "message": str(exc)}, status_code=exc.status,
                            headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if not request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        # Name the field, never echo the value (it may be personal or hostile).
        fields = [".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors()]
        first = fields[0] if fields and fields[0] else "(nội dung)"
        return JSONResponse({"error": "invalid_field", "message": "Yêu cầu gửi tới hub có giá "
                             f"trị sai ở mục “{first}”. Hãy cập nhật phần mềm kiosk; nếu vẫn "
                             "lỗi, báo cho cán bộ xã."}, status_code=400)

    app.include_router(api.router)
    web: Any = None
    try:
        web = importlib.import_module("hub.web.routes")
    except ModuleNotFoundError as exc:
        if exc.name not in ("hub.web", "hub.web.routes"):
            raise
        log.info("hub web pages not installed; API only")
    else:
        app.include_router(web.router)

    def is_page(request: Request) -> bool:
        return web is not None and not request.url.path.startswith("/api/")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        # An address no page has: the pages' own 404 (menu, way home), not {"detail": …}.
        if is_page(request) and exc.status_code in (404, 405):
            return web.not_found_page(request, exc.status_code)
        return await http_exception_handler(request, exc)

    @app.exception_handler(Exception)
    async def _failed(request: Request, exc: Exception) -> Response:
        # Logged by the server with its traceback; the officer or the kiosk gets a calm answer.
        if is_page(request):
            return web.server_error_page(request)
        return JSONResponse({"error": "hub_error", "message": "Hub gặp lỗi khi xử lý yêu cầu; "
                             "dữ liệu vẫn được giữ trên kiosk và sẽ được gửi lại."},
                            status_code=500)

    return app


def app_from_env() -> FastAPI:
    """The app of one ``serve --workers N`` process: settings from ``HUB_DATA_DIR`` and
    ``HUB_DATABASE_URL``, set by the parent process that migrated and seeded already."""
    app = create_app(HubSettings())
    tune_gc()
    return app


#: Allocations between two young-generation collections in a serving hub (Python's 700 is
#: tuned for small programs).
GC_YOUNG_THRESHOLD = 50_000


def tune_gc() -> None:
    """For a serving process, once the app is built: its start-up objects are moved out of
    the collector's reach (``gc.freeze``) and young collections run every 50,000
    allocations instead of 700. A batch of 2,000 records allocates some 100,000 objects
    (dicts, lists), none of them in a cycle; with Python's defaults the collector ran
    hundreds of times a batch and walked the whole heap often: about a third of the hub's
    CPU for a catch-up batch (benchmarks/hub_load.py, docs/benchmarks.md "session 4").
    Cycles are still collected, only less often."""
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)
