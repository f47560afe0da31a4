"""The FastAPI application: ``create_app(settings)``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from api import errors
from api.config import Settings
from api.db import Database
from api.routes import audits, documents, exports, health, pages, rules
from api.security import RateLimiter
from api.services import Service
from api.storage import FileStore
from api.worker import WorkerPool

log = logging.getLogger(__name__)


def operation_id(route: APIRoute) -> str:
    """Stable operation ids: the endpoint function's name (``upload_document``)."""
    return route.name


def _version() -> str:
    try:
        return version("sopcheck")
    except PackageNotFoundError:
        return "0"


def build_service(settings: Settings) -> Service:
    """Settings → the service's parts (database migrated, folders created)."""
    settings.prepare()
    db = Database(settings.db_url)
    db.migrate()
    return Service(
        settings=settings,
        db=db,
        store=FileStore(settings.files_dir),
        pool=WorkerPool(settings.workers, settings.document_timeout, settings.worker_memory_mb),
        limiter=RateLimiter(settings.rate_limit_per_minute),
        version=_version(),
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application. Migrations run at startup; unfinished audits resume."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = build_service(settings)
        app.state.service = service
        runner: asyncio.Task[None] | None = None
        if settings.warm_workers:
            service.pool.warm()
        if settings.demo:
            from api.demo import setup_demo

            app.state.demo_keys = await asyncio.to_thread(setup_demo, service)
        if settings.process_audits:
            resumed = service.resume()
            if resumed:
                log.warning("resuming %d audit item(s) left unfinished", resumed)
            service.audit_wakeup = asyncio.Event()
            runner = asyncio.create_task(service.run_audits(), name="sopcheck-audits")
        try:
            yield
        finally:
            if runner is not None:
                runner.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await runner
            service.pool.close()
            service.db.dispose()

    app = FastAPI(
        title="sopcheck",
        summary="Pemeriksa SOP Administrasi Pemerintahan dan LKIP / SOP and LKIP checker",
        version=_version(),
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    app.state.demo_keys = []
    errors.install(app)
    for module in (documents, audits, exports, rules, health):
        app.include_router(module.router)
    app.include_router(pages.router)
    static = resources.files("api") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
