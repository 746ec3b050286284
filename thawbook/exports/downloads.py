"""Downloads of the built book: the data package zip and the findings register beside the pages.

The whole data package is zipped into ``_downloads/`` of the output, so readers can take it
from the built book, offline. The findings register (``findings.csv``), computed once
before the notebooks execute (:func:`thawbook.book.execute.current_register`), is written beside
the pages and put in the zip. Hooked into Sphinx by
:mod:`thawbook.book.sphinxext`.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from thawbook.paths import ROOT, SEED

ARCHIVE_NAME = "_downloads/thaw-data-package.zip"
#: Besides the resources that datapackage.json declares, the data folder may hold these, and they
#: are published: the package itself, its README and its licence.
PACKAGE_FILES = ("datapackage.json", "README.md", "LICENSE", "LICENSE.md", "LICENCE", "LICENCE.md")


class PublishError(RuntimeError):
    """A file under ``data/`` that the data zip would not publish, named with what to do about it."""


def published_files(directory: Path | None = None) -> list[Path]:
    """The files of the data package zip: the resources and exports (``thawbook:exports``) that
    ``datapackage.json`` declares, plus
    the package, its README and its licence (:data:`PACKAGE_FILES`), sorted.

    An allow-list, checked over everything under ``directory``: a dotfile, a symlink or a file
    the package does not declare raises :class:`PublishError` naming the file and the fix, so
    nothing is published, or silently left out, that nobody declared.
    """
    from thawbook.inputs.hygiene import EXPORTS, shown_name
    from thawbook.inputs.tables import descriptor

    directory = Path(directory or ROOT / "data")
    package = descriptor(directory)
    declared = {item["path"] for item in package["resources"] + package.get(EXPORTS, [])} | set(PACKAGE_FILES)
    shown = directory.relative_to(ROOT).as_posix() if directory.is_relative_to(ROOT) else str(directory)
    found = []
    for path in sorted(directory.rglob("*")):
        name = path.relative_to(directory).as_posix()
        where = shown_name(f"{shown}/{name}")
        if any(part.startswith(".") for part in path.relative_to(directory).parts):
            raise PublishError(
                f"{where} is hidden (its name starts with a dot), and the data folder is published: move it "
                "out of data/ (or delete it)"
            )
        if path.is_symlink():
            raise PublishError(
                f"{where} is a symlink: the data zip publishes only files inside data/; replace the "
                "link with the file itself, or remove it"
            )
        if path.is_dir():
            continue
        if name not in declared:
            raise PublishError(
                f"{where} is not declared in datapackage.json, and only declared files are "
                "published: add it as a resource, or move it out of data/"
            )
        found.append(path)
    return found


def data_archive_bytes(directory: Path | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """The data package (datapackage.json, every resource it declares, its README) as one zip.

    Exactly the files of :func:`published_files` go in, so the exports travel with the tables:
    the GDELT-like ``events_cameo.csv``, the EDTF dates ``events_edtf.csv``, the PLOVER records
    ``events_plover.json`` and the FollowTheMoney entities ``measures.ftm.json``. The seed
    article goes in as ``seeds/<file>``, byte for byte, so every evidence span can be checked
    from the zip alone. ``extra`` adds files generated at build time by name (the findings
    register).

    Entries are sorted and carry a fixed timestamp, so the same data gives the same bytes.
    """
    import io
    import zipfile

    directory = directory or ROOT / "data"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in published_files(directory):
            name = path.relative_to(directory).as_posix()
            info = zipfile.ZipInfo(f"thaw-data-package/{name}", date_time=(2023, 6, 4, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
        files = {f"seeds/{SEED.name}": SEED.read_bytes(), **(extra or {})}
        for name, content in sorted(files.items()):
            info = zipfile.ZipInfo(f"thaw-data-package/{name}", date_time=(2023, 6, 4, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def check_published_files(app: Sphinx) -> None:
    """Before anything is read: the data package's resource paths lie inside ``data/``, and
    everything under ``data/`` is declared (:func:`published_files`); else it raises the error
    (:class:`PublishError`, ``DataError`` or ``FileNotFoundError``) whose one line names the
    file and the fix (:func:`thawbook.book.sphinxext.prepare_build` prints it and stops)."""
    from thawbook.inputs.tables import descriptor

    descriptor()  # resource paths are checked as the package is parsed, before any is opened
    if offers_downloads(app):
        published_files()


FINDINGS_NAME = "findings.csv"


def offers_downloads(app: Sphinx) -> bool:
    """Whether this build writes the data package zip and ``findings.csv``: an HTML build whose
    configuration does not set ``thawbook_downloads`` to false. The build tests' small books,
    which link neither, set it false, so that they do not compute the findings register."""
    return app.builder.format == "html" and bool(app.config.thawbook_downloads)


def findings_csv_bytes(app: Sphinx) -> bytes:
    """The findings register as CSV: the one the build computed before the notebooks executed
    (``app.thawbook_register``, :func:`thawbook.book.execute.current_register`), or now, where a
    false finding raises :class:`thawbook.findings.core.FindingError` and so fails the build."""
    csv = getattr(app, "thawbook_register", None)
    if csv is None:
        from thawbook.findings.register import register

        return register().to_csv(index=False, lineterminator="\n").encode("utf-8")
    return csv.read_bytes()


def write_data_archive(app: Sphinx, exception: Exception | None) -> None:
    """Write ``findings.csv`` beside the pages, and the data package zip with it inside."""
    if exception is not None or not offers_downloads(app):
        return
    findings = findings_csv_bytes(app)
    (Path(app.outdir) / FINDINGS_NAME).write_bytes(findings)
    target = Path(app.outdir) / ARCHIVE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data_archive_bytes(extra={FINDINGS_NAME: findings}))
