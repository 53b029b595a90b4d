"""The Jinja2 environment: template lookup (project first, then bundled), filters, German errors.

A project overrides any bundled template by placing a file of the same name in its own
``templates/`` folder (or the folder named by ``render.vorlagen`` in digistrat.yaml).
A project's own templates are untrusted code (CI renders merge requests from anyone): with
such a folder, everything renders in Jinja2's ``SandboxedEnvironment``, which refuses access to
``__init__``, ``__globals__`` and the like. HTML templates (``*.html.j2``) autoescape every value; ``StrictUndefined`` turns a typo in
an override into an error naming the template file and line instead of an empty spot.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from digistrat import formatting
from digistrat.errors import DigistratError, os_reason
from digistrat.labels import bezeichnung
from digistrat.loading.project import display_path
from digistrat.render import markdown
from digistrat.resources import templates_dir

PROJECT_TEMPLATES = "templates"


def project_templates_dir(project) -> Path | None:
    """The project's template folder, or None when it has none (then only bundled templates are used)."""
    configured = (project.config.render or {}).get("vorlagen")
    if configured:
        folder = Path(project.root) / configured
        if not folder.is_dir():
            raise DigistratError(
                f"Der Vorlagenordner „{configured}“ aus digistrat.yaml (render.vorlagen) existiert nicht: "
                f"{display_path(folder)}"
            )
        return folder
    folder = Path(project.root) / PROJECT_TEMPLATES
    return folder if folder.is_dir() else None


# the HTML templates every document shares besides its own ``<schluessel>.html.j2``
SHARED_HTML = ("base.html.j2", "macros.html.j2", "stil.css.j2")


def own_html_templates(project, *doks) -> bool:
    """The project brings an HTML template that shapes one of ``doks`` (its own or a shared one):
    such a document is rendered from it in one piece, and as PDF through WeasyPrint."""
    folder = project_templates_dir(project)
    if folder is None:
        return False
    names = {*SHARED_HTML, *(dok.vorlage("html") for dok in doks)}
    return any((folder / name).exists() for name in names)


def _confined_loader(folder: Path):
    """A loader for the project's templates that reads no file outside ``folder``.

    A template committed as a symbolic link to ``~/.ssh/id_rsa`` would otherwise be rendered
    into the documents of a CI job.
    """
    import jinja2

    root = folder.resolve()

    class ConfinedLoader(jinja2.FileSystemLoader):
        def get_source(self, environment, template):
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(root):
                raise DigistratError(
                    f"Die Vorlage {display_path(Path(filename))} verweist auf eine Datei außerhalb des "
                    f"Vorlagenordners ({Path(filename).resolve().as_posix()}); solche Verweise (Links) liest "
                    "digistrat nicht."
                )
            return source, filename, uptodate

    return ConfinedLoader(str(folder))


def css_string(value) -> str:
    """A value as a double-quoted CSS string that cannot end the string or the <style> element."""
    out = []
    for ch in str(value):
        if ch in '\\"<>':
            out.append(f"\\{ord(ch):x} ")
        elif ch in "\n\r\f":
            out.append(" ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def anzeigewert(value, locale: str = formatting.DEFAULT_LOCALE) -> str:
    """A free-form value (Kennzahl ziel- or basiswert): numbers in German format, the rest as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, (int, Decimal)):
        return formatting.zahl(value, locale)
    if isinstance(value, float):
        return formatting.zahl(Decimal(repr(value)), locale)
    return str(value)


def minus(text: str) -> str:
    """Typography of printed documents: a negative amount gets a real minus sign (U+2212), not a hyphen."""
    return "\u2212" + text[1:] if text.startswith("-") else text


def _cached(fn):
    """Memoise a number filter: Babel is the slow part of a large agenda and amounts recur a lot.

    Equal Decimals (30000 and 30000.00) format alike, so they may share an entry; zero is not
    cached because 0.00 and -0.00 are equal as keys but not as text.
    """
    memo = functools.lru_cache(maxsize=8192)(fn)

    def call(value, *args, **kwargs):
        if isinstance(value, Decimal) and value.is_zero():
            return fn(value, *args, **kwargs)
        return memo(value, *args, **kwargs)

    return call


def value_filters(locale: str) -> dict[str, Callable]:
    """The filters that turn a value into display text, the same for every output format."""
    return {
        "euro": _cached(lambda v: minus(formatting.euro(v, locale))),
        "betrag": _cached(lambda v: minus(formatting.betrag(v, locale))),
        "zahl": _cached(lambda v, places=None: minus(formatting.zahl(v, locale, places))),
        "vzae": _cached(lambda v: formatting.vzae(v, locale)),
        "vk": _cached(lambda v: f"{formatting.zahl(v, locale)}\u00a0VK"),
        "prozent": lambda v: formatting.prozent(v, locale),
        "datum": lambda v: formatting.datum(v, locale),
        "bez": bezeichnung,
        "wert": lambda v: anzeigewert(v, locale),
    }


def template_options() -> dict:
    """How every template is read: unknown names are errors, block tags leave no blank lines."""
    import jinja2

    return {
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }


def make_environment(project, locale: str = formatting.DEFAULT_LOCALE):
    """One environment per render run: templates are compiled once and reused for every file."""
    import jinja2

    loaders = []
    own = project_templates_dir(project)
    if own is not None:
        loaders.append(_confined_loader(own))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    from jinja2.sandbox import SandboxedEnvironment

    environment_class: type[jinja2.Environment] = SandboxedEnvironment if own is not None else jinja2.Environment
    env = environment_class(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2", "svg.j2"), default_for_string=False, default=False
        ),
        **template_options(),
    )
    env.filters.update(value_filters(locale))
    env.filters.update(
        {
            "markdown": markdown.markdown_html,
            "markdown_inline": markdown.markdown_inline_html,
            "md": markdown.md_escape,
            "mdcell": markdown.md_cell,
            "mdtext": markdown.md_text,
            "mdtext_inline": markdown.md_text_inline,
            "cssstring": css_string,
        }
    )
    env.tests["erlaubter_link"] = markdown.link_erlaubt
    return env


def template_location(exc: BaseException) -> tuple[str | None, int | None]:
    """(template file, line) of the innermost template frame of a rendering error.

    Jinja2 rewrites tracebacks so that frames of compiled templates carry the template's file
    name and line number; the last such frame is where the error happened.
    """
    filename = getattr(exc, "filename", None)
    lineno = getattr(exc, "lineno", None)
    if filename and lineno:
        return filename, lineno
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        code_file = tb.tb_frame.f_code.co_filename
        if code_file.endswith(".j2"):
            found = (code_file, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _shown(filename: str | None) -> str:
    if not filename:
        return "Vorlage"
    path = Path(filename)
    try:
        path.relative_to(templates_dir())
        return f"mitgelieferte Vorlage {path.name}"
    except ValueError:
        return f"Vorlage {display_path(path)}"


def render_template(env, name: str, context: dict) -> str:
    """Render one template; every Jinja2 problem becomes a German DigistratError with file and line."""
    return "".join(template_chunks(env, name, context))


def template_chunks(
    env, name: str, context: dict, chunk: int = 256 * 1024, generate: Callable[..., Iterator[str]] | None = None
) -> Iterator[str]:
    """The template's output in pieces of about ``chunk`` characters, errors as in render_template.

    ``Template.render`` joins every piece at once, so all of them are alive together with the
    text (a 10,000-Steckbrief agenda: 3.5 million pieces, 70 MB of extra peak memory); written
    to a file chunk by chunk (``write_atomic``), the text is never held whole either.

    ``generate(template, context)``: renders in place of ``template.generate(context)``
    (render/agenda_split.py).
    """
    import jinja2
    from jinja2.sandbox import SecurityError

    try:
        batch: list[str] = []
        size = 0
        for part in _generate(env.get_template(name), context, generate):
            batch.append(part)
            size += len(part)
            if size >= chunk:
                yield "".join(batch)
                batch, size = [], 0
        if batch:
            yield "".join(batch)
    except jinja2.TemplateNotFound as exc:
        raise DigistratError(
            f"Vorlage „{exc.name}“ nicht gefunden (gesucht im Projektordner "
            f"„{PROJECT_TEMPLATES}/“ und in den mitgelieferten Vorlagen)."
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        where = _shown(exc.filename)
        raise DigistratError(f"{where}, Zeile {exc.lineno}: Syntaxfehler in der Vorlage: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        filename, lineno = template_location(exc)
        where = _shown(filename) + (f", Zeile {lineno}" if lineno else "")
        raise DigistratError(
            f"{where}: unbekannter Name oder unbekanntes Feld ({exc.message}). "
            "Die verfügbaren Namen stehen in der Dokumentation unter „Vorlagen anpassen“."
        ) from None
    except SecurityError as exc:
        filename, lineno = template_location(exc)
        where = _shown(filename) + (f", Zeile {lineno}" if lineno else "")
        found = re.search(r"attribute '([^']*)'", str(exc))
        what = f"den Namen „{found.group(1)}“" if found else "eine geschützte Funktion"
        raise DigistratError(
            f"{where}: Die Vorlage greift auf {what} zu; Projektvorlagen dürfen das aus "
            "Sicherheitsgründen nicht (sie laufen in einer Sandbox). Bitte die Stelle aus der Vorlage entfernen."
        ) from None
    except jinja2.TemplateError as exc:
        filename, lineno = template_location(exc)
        where = _shown(filename) + (f", Zeile {lineno}" if lineno else "")
        raise DigistratError(f"{where}: Fehler in der Vorlage: {exc}") from None
    except (TypeError, ValueError, AttributeError, LookupError, ArithmeticError) as exc:
        # a wrong filter argument or a value of the wrong type in an overridden template ([].pop())
        filename, lineno = template_location(exc)
        if filename is None:
            raise
        where = _shown(filename) + (f", Zeile {lineno}" if lineno else "")
        raise DigistratError(f"{where}: {type(exc).__name__}: {exc}") from None
    except (RecursionError, MemoryError, OSError) as exc:
        filename, lineno = template_location(exc)
        if filename is None:
            raise
        where = _shown(filename) + (f", Zeile {lineno}" if lineno else "")
        raise DigistratError(f"{where}: {_resource_problem(exc)}") from None


def _generate(template, context: dict, generate: Callable[..., Iterator[str]] | None) -> Iterator[str]:
    if generate is None:
        yield from template.generate(context)
        return
    try:
        yield from generate(template, context)
    except Exception:  # as in Template.generate: the traceback then names the template lines
        yield template.environment.handle_exception()


def _resource_problem(exc: BaseException) -> str:
    """What went wrong when a template ran out of stack or memory or could not read a file it includes."""
    if isinstance(exc, RecursionError):  # a macro that calls itself
        return "Die Vorlage ruft sich ohne Ende selbst auf (etwa ein Makro, das sich immer wieder aufruft)."
    if isinstance(exc, MemoryError):  # "x" * 10**16
        return "Die Vorlage braucht mehr Arbeitsspeicher, als vorhanden ist."
    assert isinstance(exc, OSError)
    name = Path(str(exc.filename or "")).name
    what = "Die eingebundene Vorlage" if name.endswith(".j2") else "Eine Datei"
    return f"{what}{f' „{name}“' if name else ''} kann nicht gelesen werden: {os_reason(exc, writing=False)}."
