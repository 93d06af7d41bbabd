"""The hub's ASGI application: ``create_app(settings)`` opens the database and mounts routes.

Call it once per process (uvicorn's factory, or a test). The sync API (:mod:`hub.api`) is
always mounted; the web pages (:mod:`hub.web.routes`) when that package is present.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from hub import api
from hub.context import HubContext
from hub.db import open_hub_database
from hub.errors import HubRefused
from hub.settings import HubSettings
from kiosk.clock import Clock, SystemClock

log = logging.getLogger(__name__)


def create_app(settings: HubSettings, clock: Clock | None = None) -> FastAPI:
    """A ready hub: database migrated, hub id made, API (and web pages if present) mounted."""
    engine, sessions = open_hub_database(settings.resolved_database_url(), settings.data_dir)
    hub = HubContext(settings=settings, engine=engine, sessions=sessions,
                     clock=clock or SystemClock())
    hub.ensure_meta()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(title="Hub Điểm hỗ trợ số", docs_url=None, redoc_url=None,
                  openapi_url=None, lifespan=lifespan)
    app.state.hub = hub

    @app.exception_handler(HubRefused)
    async def _refused(_request: Request, exc: HubRefused) -> JSONResponse:
        return JSONResponse({"error": exc.code, "message": str(exc)}, status_code=exc.status)

    app.include_router(api.router)
    try:
        web = importlib.import_module("hub.web.routes")
    except ModuleNotFoundError as exc:
        if exc.name not in ("hub.web", "hub.web.routes"):
            raise
        log.info("hub web pages not installed; API only")
    else:
        app.include_router(web.router)

    return app
