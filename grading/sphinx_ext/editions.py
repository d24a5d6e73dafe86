"""The book's editions: one Sphinx build per language into ``_build/html/<lang>/``.

English is the source; German and Vietnamese are built from the same chapters with Sphinx's
gettext catalogs (``locales/<lang>/LC_MESSAGES/book/<page>.po``) and the quiz translations.
Each edition is its own process: Sphinx keeps the translators of the first language it loads
for the rest of a process, so two languages cannot share one.

Run ``python -m grading.sphinx_ext.editions`` (every edition) or name some (``de vi``).
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from ruamel.yaml import YAML

from grading.messages import LANGUAGES, SOURCE_LANGUAGE, message

MODULE = "grading.sphinx_ext.editions"
TOC_FILE = "_toc.yml"
LOCALE_FOLDER = "locales"
TOC_CATALOG = "book/intro.po"
"""The root page's catalog: Sphinx extracts the table of contents' part captions into it."""
BIBLIOGRAPHY = "book/references.bib"
UNTRACKED_INPUTS_STAMP = "untracked-inputs"
"""Beside an edition's doctrees: what :func:`untracked_inputs` were at its last good build."""


def edition_overrides(root: Path, lang: str, build: Path) -> dict[str, Any]:
    """The Sphinx settings that make the book at ``root`` the edition in ``lang``."""
    toc = root / TOC_FILE if lang == SOURCE_LANGUAGE else translated_toc(root, lang, build / "toc")
    return {
        "language": lang,
        "locale_dirs": [LOCALE_FOLDER],
        "gettext_compact": False,
        "nitpicky": True,
        "latex_individualpages": False,
        "html_title": message(lang, "book.title"),
        "html_theme_options": {"search_bar_text": message(lang, "book.search")},
        "caio_editions": list(LANGUAGES),
        "nb_execution_cache_path": str(build / ".jupyter_cache"),
        "external_toc_path": str(toc),
        "bibtex_bibfiles": [bibliography(lang)],
    }


def bibliography(lang: str) -> str:
    """The edition's BibTeX file: the same entries and keys as the English one, with the
    describing fields (how published, notes, "no date") in the edition's language, while
    each source's own title stays in the source's language."""
    return BIBLIOGRAPHY if lang == SOURCE_LANGUAGE else BIBLIOGRAPHY.replace(".bib", f".{lang}.bib")


def translated_toc(root: Path, lang: str, folder: Path) -> Path:
    """Write ``_toc.<lang>.yml`` with the part captions in ``lang``, and return its path.

    sphinx-external-toc inserts the captions after Sphinx has translated the pages, so the
    catalog cannot reach them; the English ``_toc.yml`` stays the one table of contents, and
    its captions are looked up in the catalog that already holds them.
    """
    catalog_path = root / LOCALE_FOLDER / lang / "LC_MESSAGES" / TOC_CATALOG
    with catalog_path.open("rb") as handle:
        catalog = read_po(handle)
    yaml = YAML()
    toc = yaml.load((root / TOC_FILE).read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        entry = catalog.get(part["caption"])
        if entry is None or not entry.string or entry.fuzzy:
            raise SystemExit(f"{catalog_path}: no {lang} translation of {part['caption']!r}")
        part["caption"] = entry.string
    # Paths in a table of contents are relative to the book's root, not to this file.
    toc["root"] = str(toc["root"])
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"_toc.{lang}.yml"
    with target.open("w", encoding="utf-8") as handle:
        yaml.dump(toc, handle)
    return target


def build_edition(root: Path, lang: str) -> int:
    """Build one edition (in this process) into ``_build/editions/<lang>/html``.

    Not straight into the site folder: myst-nb writes its executed notebooks beside the
    output folder, which would put them into the published site.
    """
    from jupyter_book.sphinx import build_sphinx

    build = root / "_build"
    edition_build = build / "editions" / lang
    overrides = edition_overrides(root, lang, build)
    inputs = untracked_inputs(Path(overrides["external_toc_path"]), overrides["bibtex_bibfiles"])
    stamp = edition_build / UNTRACKED_INPUTS_STAMP
    unchanged = stamp.is_file() and stamp.read_bytes() == inputs
    result = build_sphinx(
        root,
        edition_build / "html",
        noconfig=True,
        path_config=root / "_config.yml",
        confoverrides=overrides,
        doctreedir=edition_build / "doctrees",
        freshenv=not unchanged,
        warningiserror=True,
        keep_going=True,
    )
    if result == 0:
        stamp.write_bytes(inputs)
    return result if isinstance(result, int) else 1


def untracked_inputs(toc: Path, bibliographies: list[str]) -> bytes:
    """What Sphinx does not see change between two builds of an edition, so a change to it
    must start the edition from a fresh environment: its table of contents (a caption
    translated anew changes no page, and the pages would keep the old one) and the BibTeX
    files it reads (sphinxcontrib-bibtex keeps the old file in its cached environment and
    fails)."""
    return toc.read_bytes() + "\n".join(["", *bibliographies]).encode()


def publish_edition(root: Path, lang: str) -> None:
    """Replace ``_build/html/<lang>`` with the edition just built."""
    site = root / "_build" / "html" / lang
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(root / "_build" / "editions" / lang / "html", site)


def write_site_index(html_folder: Path) -> None:
    """``_build/html/index.html``: opens the English edition (the editions sit in folders)."""
    target = html.escape(f"{SOURCE_LANGUAGE}/index.html")
    title = html.escape(message(SOURCE_LANGUAGE, "book.title"))
    html_folder.mkdir(parents=True, exist_ok=True)
    (html_folder / "index.html").write_text(
        f'<!DOCTYPE html>\n<html lang="{SOURCE_LANGUAGE}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Refresh" content="0; url={target}">'
        f"<title>{title}</title></head>"
        f'<body><a href="{target}">{title}</a></body></html>\n',
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", help=f"any of {', '.join(LANGUAGES)}; all if none")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the book's folder")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    root = options.root.resolve()
    languages = options.languages or list(LANGUAGES)
    unknown = sorted(set(languages) - set(LANGUAGES))
    if unknown:
        parser.error(f"no edition in {', '.join(unknown)} (have {', '.join(LANGUAGES)})")
    if options.one:
        return build_edition(root, languages[0])
    for lang in languages:
        print(f"building the {lang} edition", flush=True)
        command = [sys.executable, "-m", MODULE, "--one", "--root", str(root), lang]
        status = subprocess.run(command, check=False).returncode  # noqa: S603
        if status:
            print(f"the {lang} edition failed (exit {status})", file=sys.stderr)
            return status
        publish_edition(root, lang)
    write_site_index(root / "_build" / "html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
