"""Every command, group, option and argument of `market-api` says what it is for in --help."""

from __future__ import annotations

import typer

from market_api.cli.main import app


def _walk(command, path: str):
    """(``market-api keys list``, command) for the app and every group and command under it."""
    yield path, command
    if hasattr(command, "commands"):  # a group
        for name, sub in command.commands.items():
            yield from _walk(sub, f"{path} {name}")


def test_every_command_and_parameter_has_help():
    missing, seen = [], 0
    for path, command in _walk(typer.main.get_command(app), "market-api"):
        if not (command.help or command.short_help or "").strip():
            missing.append(path)
        seen += 1
        for param in command.params:
            if param.name != "help" and not (getattr(param, "help", None) or "").strip():
                missing.append(f"{path} {param.opts[0] if param.opts else param.name}")
    assert seen > 30 and missing == []


def test_json_flag_reads_the_same_everywhere():
    flags = [param for _path, command in _walk(typer.main.get_command(app), "market-api")
             for param in command.params if "--json" in param.opts]
    assert len(flags) > 10 and {param.help for param in flags} == {"Print JSON for scripts."}


def test_help_is_printed_as_written():
    """What --help prints keeps every word of the help text (square brackets would be read as markup
    and dropped)."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "env MARKET_API_HOST, default 127.0.0.1" in result.output
    for path, command in _walk(typer.main.get_command(app), "market-api"):
        for param in command.params:
            assert "[" not in (getattr(param, "help", None) or ""), f"{path} {param.name}"


def test_version():
    from typer.testing import CliRunner

    from market_api import __version__

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"market-api {__version__}\n"


def test_switches_are_flags_and_help_is_plain_text():
    """A switch takes no value and its help shows none; help is plain text, without boxes or colours."""
    import click
    from typer.testing import CliRunner

    for path, command in _walk(typer.main.get_command(app), "market-api"):
        for param in command.params:
            if isinstance(param, click.Option) and isinstance(param.type, click.types.BoolParamType):
                assert param.is_flag, f"{path} {param.opts[0]} takes a value"
        result = CliRunner().invoke(app, [*path.split()[1:], "--help"])
        assert result.exit_code == 0, path
        assert "<bool>" not in result.output and "─" not in result.output and "\x1b[" not in result.output, path
