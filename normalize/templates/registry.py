"""Where templates come from: the shipped ones, then the user's directories.

Order (a later template with the same ``name`` replaces an earlier one):

1. the ``*.toml`` files shipped beside this module (:data:`SHIPPED_DIR`);
2. the directories of env ``HYOKA_TEMPLATES`` (``os.pathsep``-separated,
   ``:`` on POSIX), in order;
3. the directories given to :func:`configure` (the CLI's ``--templates
   DIR``, repeatable), in order.

So a user template named like a shipped one (``hiratsuka_shisaku_hyoka``)
replaces it.  Two files of one directory with the same ``name`` are an
error.  :func:`all_templates` lists the user's templates first (a
classification tie goes to them), then the shipped ones.  Every file is validated (:mod:`normalize.templates.model`); an
invalid one is a configuration error (:class:`TemplateError`), raised by
:func:`all_templates` before any document is read.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from hyoka.normalize.templates import Template, TemplateError, load_template

#: The directory of the templates shipped with hyoka.
SHIPPED_DIR = Path(__file__).parent
#: Environment variable naming extra template directories.
ENV_VAR = "HYOKA_TEMPLATES"

_configured: tuple[Path, ...] = ()


def template_dirs() -> tuple[Path, ...]:
    """The user template directories in effect: those of env
    ``HYOKA_TEMPLATES`` (read at each call), then those given to
    :func:`configure`.  Blank entries of the variable are skipped.

    Returns:
        the directories as paths, in order (not checked for existence).
    """
    env = os.environ.get(ENV_VAR, "")
    from_env = tuple(Path(p) for p in env.split(os.pathsep) if p.strip())
    return from_env + _configured


def configure(dirs: Iterable[Path | str]) -> tuple[Template, ...]:
    """Set the directories of ``--templates DIR`` for this process and load
    every template, so an invalid file fails before any document is read.

    Args:
        dirs: template directories (possibly empty: shipped + env only).
    Returns:
        :func:`all_templates` with the new setting.
    Raises:
        TemplateError: a directory that does not exist, or an invalid
            template file (the setting is restored when it fails).
    """
    global _configured
    previous, _configured = _configured, tuple(Path(d) for d in dirs)
    try:
        return all_templates()
    except TemplateError:
        _configured = previous
        raise


def all_templates(dirs: Iterable[Path | str] | None = None) -> tuple[Template, ...]:
    """Every template in effect, sorted by name.

    Args:
        dirs: user template directories; None (the default) means
            :func:`template_dirs` (env ``HYOKA_TEMPLATES``, then
            :func:`configure`).  The shipped templates always come first.
    Returns:
        one :class:`Template` per distinct ``name``, the last one loaded for
        each name (see the module doc for the order); the user's templates
        first, then the shipped ones, each sorted by name (so a user
        template wins a classification tie with a shipped one: classify
        keeps the first of equal scores).  Cached per directory
        tuple: edit a file and call :func:`clear_cache` to reload it.
    Raises:
        TemplateError: a directory that does not exist or is not a
            directory, two files of one directory with one ``name``, or an
            invalid file.
    """
    chosen = template_dirs() if dirs is None else tuple(Path(d) for d in dirs)
    return _load(tuple(chosen))


def clear_cache() -> None:
    """Forget every loaded template (files are read again on next use)."""
    _load.cache_clear()


def _directory(path: Path) -> list[Template]:
    """Every template of one directory (``*.toml``, not recursive)."""
    if not path.is_dir():
        raise TemplateError(str(path), "", "template directory does not exist" if not path.exists()
                            else "not a directory (--templates / HYOKA_TEMPLATES name directories)")
    out: dict[str, Template] = {}
    for file in sorted(path.glob("*.toml")):
        t = load_template(file)
        if t.name in out:
            raise TemplateError(str(file), "name", f"{t.name!r} is also the name of {out[t.name].source}")
        out[t.name] = t
    return list(out.values())


@lru_cache(maxsize=16)
def _load(dirs: tuple[Path, ...]) -> tuple[Template, ...]:
    by_name: dict[str, Template] = {t.name: t for t in _directory(SHIPPED_DIR)}
    for d in dirs:
        for t in _directory(d):
            by_name[t.name] = t
    # User templates first: classify keeps the first of equal scores.
    return tuple(sorted(by_name.values(), key=lambda t: (t.source is None or t.source.parent == SHIPPED_DIR,
                                                         t.name)))
