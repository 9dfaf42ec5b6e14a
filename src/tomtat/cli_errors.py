"""Running the ``tomtat`` command in the user's language, every error as one line.

The language is ``--lang vi|en`` when given (anywhere on the line, read before the arguments
are parsed, so that a parsing error speaks it too), else the locale (:func:`~tomtat.i18n.
language_from_env`). Help texts are translated from the catalogue. An error of the argument
parser (typer's click: an unknown option, a value out of range, a missing option) becomes
``tomtat: error: --max-words: ...; see tomtat summarize --help`` on stderr, exit 2, as
tomtat's own errors read, instead of the framework's "Usage: ... Error: ..." block.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer import _click as click  # typer's own copy of click: its exceptions and classes
from typer.main import get_command

from tomtat.i18n import LANGUAGES, _, language_from_env, set_language, translate

LANG_HELP = "Language of messages and help: vi or en (default: from LANG/LC_ALL)."


def check_language(value: str | None) -> str | None:
    """The ``--lang`` option's check (its value was read before parsing: :func:`run`)."""
    if value is not None and value not in LANGUAGES:
        raise typer.BadParameter(_("choose one of: {choices}", choices=", ".join(LANGUAGES)))
    return value


def language_of(args: Sequence[str], environ=None) -> str:
    """``--lang X`` / ``--lang=X`` among ``args`` (a known value), else the locale's."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            return value
    return language_from_env(environ)


def _translate_help(command: Any) -> None:
    """Help texts in the current language."""
    if getattr(command, "help", None):
        command.help = _(command.help)
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            param.help = _(param.help)
        if getattr(param, "param_type_name", None) == "argument":
            # the files named on the line: "INPUT", not typer's "inputs... <list[str]>"
            param.display_type_rich = lambda ctx: None
    for sub in getattr(command, "commands", {}).values():
        _translate_help(sub)


def _parameter_name(err: Any) -> str | None:
    param = getattr(err, "param", None)
    if param is None:
        return None
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if opts:
        return opts[0]
    return (param.name or "").upper() or None


def error_line(err: Any) -> str:
    """A parser error as tomtat's one line, in the current language."""
    name = _parameter_name(err)
    if isinstance(err, click.exceptions.MissingParameter):
        kind = getattr(err, "param_type", None) or getattr(getattr(err, "param", None), "param_type_name", "")
        problem = _("missing argument {name}", name=name) if kind == "argument" else _(
            "missing option {name}", name=name
        )
    elif isinstance(err, click.exceptions.BadParameter) and name:
        problem = f"{name}: {translate(err.message)}"
    elif isinstance(err, click.exceptions.NoSuchOption):
        problem = _("no such option: {name}", name=err.option_name)
        if err.possibilities:
            problem += _(" (did you mean {options}?)", options=", ".join(sorted(err.possibilities)))
    else:
        problem = translate(err.format_message())
    line = _("tomtat: error: {message}", message=problem)
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        line += _("; see {command} --help", command=ctx.command_path)
    return " ".join(line.split())


def run(app: typer.Typer, *args: Any, **kwargs: Any) -> Any:
    """``app(...)``: parse, run, exit; errors as one line (exit 2 for a parser error)."""
    argv = list(kwargs.pop("args", None) or (args[0] if args else sys.argv[1:]))
    prog_name = kwargs.pop("prog_name", None) or "tomtat"
    set_language(language_of(argv))
    # pypdf logs what it repairs in a damaged PDF; the user gets tomtat's one line instead
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    command = get_command(app)
    _translate_help(command)
    try:
        result = command.main(args=argv, prog_name=prog_name, standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as err:
        err.show()
        sys.exit(2)
    except click.exceptions.ClickException as err:
        typer.echo(error_line(err), err=True)
        sys.exit(err.exit_code)
    except typer.Abort:
        typer.echo(_("tomtat: aborted"), err=True)
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)
