"""How every CLI command finds its database, and says in one line why it cannot.

``DATABASE_URL`` when set; otherwise the embedded PostgreSQL under ``ORDERGATE_DATA_DIR`` (the
one ``ordergate up`` uses): attached when it runs, started for the command and stopped after
otherwise. Connection problems end the command with one line naming the fix and exit code 2,
never a traceback. Heavy imports stay inside the functions so ``ordergate --help`` is instant.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from app.config import Settings
    from app.db import Database

T = TypeVar("T")

#: Exit code of a command that could not reach or use its database (usage errors are 2 too).
EXIT_DATABASE = 2


def fail(message: str, code: int = EXIT_DATABASE) -> NoReturn:
    """Print ``message`` to stderr (no colour when not a terminal) and exit with ``code``."""
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def settings() -> Settings:
    from app.config import Settings

    return Settings()


@contextmanager
def database_url(current: Settings, *, announce: bool = True) -> Iterator[str]:
    """The URL the command works on: ``DATABASE_URL`` or the embedded server (see module)."""
    if current.database_url:
        yield current.database_url
        return
    from app import embedded_pg

    if announce:
        typer.echo(f"Embedded PostgreSQL, data in {current.pg_dir.resolve()}", err=True)
    with explained_connection_errors(None):
        pg = embedded_pg.start(current.pg_dir)
    try:
        with explained_connection_errors(pg.database_url()):
            url = asyncio.run(pg.ensure_database())
        yield url
    finally:
        pg.stop()


def run_with_database(work: Callable[[Database], Awaitable[T]]) -> T:
    """Connect, run ``work``, dispose. A domain error prints ``code: detail`` and exits 1; a
    database that cannot be reached, does not exist or is not migrated exits 2 with the fix."""
    from app.db import Database
    from app.errors import AppError

    current = settings()
    with database_url(current, announce=False) as url:

        async def run() -> T:
            db = Database.connect(current, url)
            try:
                return await work(db)
            finally:
                await db.dispose()

        try:
            with explained_connection_errors(url):
                return asyncio.run(run())
        except AppError as exc:
            fail(f"{exc.code}: {exc.detail}", 1)


@contextmanager
def explained_connection_errors(url: str | None) -> Iterator[None]:
    """Turn the ways a database can be missing into one line with the fix (exit 2)."""
    try:
        yield
    except typer.Exit:
        raise
    except Exception as exc:
        message = connection_problem(exc, url)
        if message is None:
            raise
        fail(message)


def connection_problem(exc: BaseException, url: str | None) -> str | None:
    """One line saying what is wrong with the database behind ``url`` and how to fix it, or
    None when ``exc`` is not a connection problem (then it is a bug and keeps its traceback)."""
    where = _describe(url)
    for cause in _causes(exc):
        sqlstate = getattr(cause, "sqlstate", None)
        if sqlstate == "3D000":
            name = _database_name(url)
            return (
                f"Database {name!r} does not exist on {where}: create it with "
                f"`createdb {_createdb_args(url)}{name}`, then run `ordergate migrate`."
            )
        if sqlstate == "42P01":
            return f"The database at {where} has no OrderGate schema: run `ordergate migrate`."
        if sqlstate in {"28P01", "28000"}:
            return f"PostgreSQL at {where} refused the credentials: check DATABASE_URL."
        if isinstance(cause, ConnectionError | OSError | TimeoutError) and not isinstance(
            cause, FileNotFoundError | PermissionError
        ):
            return (
                f"Cannot connect to PostgreSQL at {where} ({cause}): start it, fix DATABASE_URL, "
                "or unset DATABASE_URL to use the embedded one."
            )
    return None


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException):
            yield orig
        current = current.__cause__ or current.__context__


def _describe(url: str | None) -> str:
    if not url:
        return "the embedded server"
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.host:
        return f"{parsed.host}:{parsed.port or 5432}"
    socket = parsed.query.get("host")
    return f"the unix socket in {socket}" if isinstance(socket, str) else "the local socket"


def _database_name(url: str | None) -> str:
    if not url:
        return "ordergate"
    from sqlalchemy.engine import make_url

    return make_url(url).database or "postgres"


def _createdb_args(url: str | None) -> str:
    if not url:
        return ""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    args = ""
    if parsed.host:
        args += f"-h {parsed.host} "
    if parsed.port:
        args += f"-p {parsed.port} "
    if parsed.username:
        args += f"-U {parsed.username} "
    return args
