"""The ``talentloop`` command: demo, serve, worker, score-answers, score-eval, and ``manage`` for every Django
management command."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence

SETTINGS_MODULE = "talentloop.config.settings"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django

    django.setup()


def _manage(arguments: Sequence[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["talentloop manage", *arguments])


def command_demo(options: argparse.Namespace) -> int:
    """Set up the embedded default (SQLite, in-process tasks, demo data) and serve it."""
    os.environ.setdefault("DEBUG", "true")
    # Links printed and emailed by the demo point at the address it serves on.
    os.environ.setdefault("TALENTLOOP_BASE_URL", f"http://{options.host}:{options.port}")
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("demo_load")
    if options.no_serve:
        return 0
    address = f"{options.host}:{options.port}"
    print(f"\nTalentLoop is running at http://{address}/  (Ctrl+C stops it)\n", flush=True)
    call_command("runserver", address, use_reloader=False, skip_checks=True)
    return 0


def command_serve(options: argparse.Namespace) -> int:
    """Production serving: collect static files, optionally migrate, then hand over to gunicorn."""
    _setup_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    if options.migrate:
        call_command("migrate", interactive=False)
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
    if gunicorn is None:
        print("gunicorn is not installed in this environment.", file=sys.stderr)
        return 1
    arguments = [
        gunicorn,
        "talentloop.config.wsgi:application",
        "--bind",
        options.bind,
        "--workers",
        str(options.workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        options.forwarded_allow_ips,
    ]
    os.execv(gunicorn, arguments)  # noqa: S606 - replaces this process with gunicorn by design
    return 0  # pragma: no cover


def command_worker(options: argparse.Namespace, extra: list[str]) -> int:
    """A Celery worker consuming the broker named by CELERY_BROKER_URL."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    if not os.environ.get("CELERY_BROKER_URL"):
        print(
            "CELERY_BROKER_URL is not set: tasks run in-process, so there is nothing for a worker to do.\n"
            "Set CELERY_BROKER_URL=redis://127.0.0.1:6379/0 to run tasks on workers.",
            file=sys.stderr,
        )
        return 2
    from talentloop.config.celery import app

    arguments = ["worker", "--loglevel", options.loglevel]
    if options.concurrency:
        arguments += ["--concurrency", str(options.concurrency)]
    app.worker_main([*arguments, *extra])
    return 0


def build_parser() -> argparse.ArgumentParser:
    from talentloop.config.env import env_int  # fails loudly, naming the variable, on a bad value

    parser = argparse.ArgumentParser(prog="talentloop", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="set up the demo (SQLite, demo data) and serve it")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=env_int("PORT", 8000, minimum=1, maximum=65535))
    demo.add_argument("--no-serve", action="store_true", help="set up and load demo data, then exit")

    serve = commands.add_parser("serve", help="serve in production with gunicorn (static files by WhiteNoise)")
    serve.add_argument("--bind", default=os.environ.get("BIND", "0.0.0.0:8000"))
    serve.add_argument("--workers", type=int, default=env_int("WEB_CONCURRENCY", 3, minimum=1, maximum=64))
    serve.add_argument("--migrate", action="store_true", help="apply database migrations first")
    serve.add_argument("--forwarded-allow-ips", default=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))

    worker = commands.add_parser("worker", help="run a Celery worker (needs CELERY_BROKER_URL)")
    worker.add_argument("--loglevel", default="INFO")
    worker.add_argument("--concurrency", type=int, default=0)

    commands.add_parser("manage", help="any Django management command, e.g. 'talentloop manage migrate'")

    from talentloop.cli.scoring_commands import add_scoring_commands

    add_scoring_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except ImproperlyConfigured as error:
        print(f"talentloop: configuration error: {error}", file=sys.stderr)
        return 2


def _run(arguments: list[str]) -> int:
    if arguments[:1] == ["manage"]:
        _manage(arguments[1:])
        return 0
    parser = build_parser()
    options, extra = parser.parse_known_args(arguments)
    if options.command == "worker":
        return command_worker(options, extra)
    if extra:
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    if options.command == "demo":
        return command_demo(options)
    if options.command == "serve":
        return command_serve(options)
    if options.command in ("score-answers", "score-eval"):
        # Offline scoring needs no Django and no database: django.setup() is never called for these.
        from talentloop.cli import scoring_commands

        if options.command == "score-answers":
            return scoring_commands.command_score_answers(options)
        return scoring_commands.command_score_eval(options)
    parser.error(f"unknown command {options.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
