"""The `cryptoorchestrator` command: serve, db upgrade, demo, export-schema."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from api.bus import BusUnavailable, create_bus
from api.db.database import Database, DatabaseUnavailable
from api.settings import Settings

if TYPE_CHECKING:
    from api.container import Services
    from api.db.bot_tables import Bot

log = logging.getLogger("cryptoorchestrator")


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


async def check_backends(settings: Settings) -> None:
    """Fail fast, naming the URL, when a configured database or Redis does not answer."""
    db = Database(settings.resolved_database_url)
    try:
        await db.check()
    finally:
        await db.dispose()
    bus = create_bus(settings.redis_url, settings.bus_namespace)
    try:
        await bus.start()
    finally:
        await bus.close()


def serve(settings: Settings) -> int:
    import uvicorn

    from api.app import create_app
    from api.services.demo import DEMO_EMAIL, DEMO_PASSWORD
    from api.web_app import has_web_build

    asyncio.run(check_backends(settings))
    app = create_app(settings)
    app.state.freeze_heap = True  # one server per process: freeze the heap once started
    base = f"http://{settings.host}:{settings.port}"
    serves_app = settings.web_app_dir is not None and has_web_build(settings.web_app_dir)
    app.state.banner = (
        "\nCryptoOrchestrator is running\n"
        f"  GraphQL endpoint : {base}/graphql   (subscriptions: ws://{settings.host}:"
        f"{settings.port}/graphql)\n"
        f"  GraphiQL         : {base}/graphql   (open in a browser)\n"
        f"  Health           : {base}/healthz\n"
        + (f"  App (web)        : {base}/\n" if serves_app else "")
        + (f"  Demo login       : {DEMO_EMAIL} / {DEMO_PASSWORD}\n" if settings.demo_data else "")
    )
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        ws="websockets-sansio",
    )
    return 0


async def attach_account(services: Services, account_id: str) -> None:
    """Attach a live account added after this process started (start_services attached the
    ones that existed then); no-op for the sim venue and for accounts attached already."""
    from api.db.models import ExchangeAccount
    from api.services.exchange_accounts import ApiKeys
    from api.services.venues import SIM

    if services.venues.connection_stats(account_id) is not None:
        return
    async with services.db.session() as session:
        account = await session.get(ExchangeAccount, account_id)
    if account is None or account.venue == SIM or account.api_key_encrypted is None:
        return
    vault = services.exchange_accounts.vault
    keys = ApiKeys(
        api_key=vault.decrypt(account.api_key_encrypted),
        secret=vault.decrypt(account.secret_encrypted or b""),
        passphrase=(
            None
            if account.passphrase_encrypted is None
            else vault.decrypt(account.passphrase_encrypted)
        ),
    )
    connect = services.exchange_accounts.connect
    services.venues.attach_account(account.id, connect(account.venue, keys))
    log.info("attached exchange account %s (%s)", account.id, account.venue)


async def _bot_worker(settings: Settings, name: str | None) -> int:
    from api.container import start_services
    from api.workers.bot_runner import BotRunner
    from api.workers.bot_worker import BotDispatch, BotWorker

    if not settings.redis_url:
        print("error: bot-worker needs CO_REDIS_URL (and CO_BOT_WORKERS=streams)", file=sys.stderr)
        return 2
    services = await start_services(settings, run_workers=False)
    dispatch = BotDispatch.from_url(
        settings.redis_url, settings.bus_namespace, settings.bot_worker_lease_seconds
    )

    async def prepare(bot: Bot) -> None:
        await attach_account(services, bot.account_id)

    runner = BotRunner(services.bots.runner.deps, feeds=services.live_feeds)
    try:  # runs what it is assigned here, whatever the venue
        await BotWorker(dispatch, runner, services.db, name, prepare=prepare).run()
    finally:
        await dispatch.close()
        await services.close()
    return 0


async def _db_upgrade(settings: Settings) -> None:
    db = Database(settings.resolved_database_url)
    try:
        await db.check()
        await db.upgrade()
    finally:
        await db.dispose()


async def _demo(settings: Settings, reset: bool) -> bool:
    from api.container import start_services
    from api.services.demo import seed_demo

    services = await start_services(
        settings.model_copy(update={"demo_data": False}), run_workers=False
    )
    try:
        return await seed_demo(services.db, services.accounts, services.portfolio, reset=reset)
    finally:
        await services.close()


def _export_schema(check: bool) -> int:
    from schema.build import SDL_PATH, export_sdl

    sdl = export_sdl()
    if check:
        if SDL_PATH.read_text() != sdl:
            print(f"{SDL_PATH} is out of date: run `cryptoorchestrator export-schema`")
            return 1
        print(f"{SDL_PATH} is up to date")
        return 0
    SDL_PATH.write_text(sdl)
    print(f"wrote {SDL_PATH}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cryptoorchestrator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_cmd = commands.add_parser("serve", help="run the API (and the simulated venue)")
    serve_cmd.add_argument("--host", help="bind address (CO_HOST, default 127.0.0.1)")
    serve_cmd.add_argument("--port", type=int, help="port (CO_PORT, default 8000)")
    db_cmd = commands.add_parser("db", help="database maintenance")
    db_cmd.add_argument("action", choices=["upgrade"], help="apply migrations")
    demo_cmd = commands.add_parser("demo", help="seed the demo user and its paper account")
    demo_cmd.add_argument("--reset", action="store_true", help="delete and recreate it")
    worker_cmd = commands.add_parser(
        "bot-worker", help="run bots assigned over Redis Streams (CO_BOT_WORKERS=streams)"
    )
    worker_cmd.add_argument("--name", help="consumer name (default: host-pid)")
    export_cmd = commands.add_parser("export-schema", help="write schema/schema.graphql")
    export_cmd.add_argument("--check", action="store_true", help="fail if it is out of date")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "export-schema":
        return _export_schema(args.check)
    overrides = {
        k: v
        for k, v in (("host", getattr(args, "host", None)), ("port", getattr(args, "port", None)))
        if v is not None
    }
    settings = Settings(**overrides)
    _configure_logging(settings)
    try:
        if args.command == "serve":
            return serve(settings)
        if args.command == "bot-worker":
            return asyncio.run(_bot_worker(settings, args.name))
        if args.command == "db":
            asyncio.run(_db_upgrade(settings))
            print(f"database at {settings.resolved_database_url} is up to date")
            return 0
        created = asyncio.run(_demo(settings, args.reset))
        from api.services.demo import DEMO_EMAIL, DEMO_PASSWORD

        print(
            ("created" if created else "kept existing") + f" demo user {DEMO_EMAIL} "
            f"(password {DEMO_PASSWORD})"
        )
        return 0
    except (DatabaseUnavailable, BusUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
