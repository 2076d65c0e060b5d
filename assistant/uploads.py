"""Uploads from the web page: safe file names, and an assistant swapped safely after each ingest."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import DEFAULT_MAX_UPLOAD_MB, SUPPORTED_SUFFIXES
from assistant.ui_html import human_size

if TYPE_CHECKING:
    from assistant.api import Assistant
    from assistant.records import Chunk


class UploadRejected(Exception):
    """An uploaded file that is not added; the message says why."""


def upload_name(name: str) -> str:
    """The name an uploaded file is saved under in the documents folder, never a path.

    Directories are stripped; unusual characters become "_"; names with "..", hidden names and
    unsupported types are rejected with the reason.

    >>> upload_name("C:\\\\Users\\\\me/Fact sheet: 2024.PDF")
    'Fact sheet_ 2024.PDF'
    >>> upload_name("../../etc/passwd.txt")
    Traceback (most recent call last):
    ...
    assistant.uploads.UploadRejected: file names with '..' are not accepted
    """
    if ".." in name:
        raise UploadRejected("file names with '..' are not accepted")
    base = re.split(r"[\\/]", name)[-1].strip()
    base = re.sub(r"[^\w .()+,=@-]", "_", base)
    if not base or base.startswith("."):
        raise UploadRejected("hidden or empty file names are not accepted")
    if len(base) > 200:
        raise UploadRejected("the file name is longer than 200 characters")
    suffix = Path(base).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(f"unsupported file type '{suffix or base}' (supported: PDF, TXT, MD, HTML)")
    return base


class AssistantHolder:
    """The assistant the page uses, swapped whole after an upload re-indexes.

    A question takes `current` once and uses that object throughout, so it sees the old or the
    new index, never a half-updated one. Uploads run one at a time.
    """

    def __init__(self, assistant: Assistant, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024) -> None:
        self._lock = threading.Lock()
        self._updating = threading.Lock()
        self.max_upload_bytes = max_upload_bytes
        self._set(assistant)

    def _set(self, assistant: Assistant) -> None:
        chunks = {c.id: c for c in assistant.data.chunks}
        with self._lock:
            self._assistant, self._chunks = assistant, chunks

    @property
    def current(self) -> Assistant:
        with self._lock:
            return self._assistant

    @property
    def chunks(self) -> dict[str, Chunk]:
        """The current index's chunks by id (citations resolve through `chunk_id`)."""
        with self._lock:
            return self._chunks

    def add_files(
        self, files: list[tuple[Path, str]], progress: Callable[[float, str], None] | None = None, bars: bool = False
    ) -> list[dict[str, Any]]:
        """Save each (temporary path, client file name) into the documents folder and index it.

        `progress(fraction, text)` is told which file is being indexed; `bars` turns on ingest's
        progress bars (loading, embedding), which the page shows while tracking them.

        Returns one `{"file", "status", "detail"}` per file; status is "indexed", "unchanged" (the
        same content, by SHA-256, is already indexed, perhaps under another name: detail names its
        document id) or "rejected" (detail says why). A rejected file is not left in the documents folder.
        """
        from assistant.api import Assistant
        from assistant.loading import file_sha256

        results: list[dict[str, Any]] = []
        with self._updating:
            a = self.current
            # Content already in the index (under any name) is recognised, not indexed a second time.
            # (Checked against the index as the batch began: files of one batch are not compared.)
            known = {d.sha256: d.doc_id for d in a.documents.values() if d.sha256}
            for i, (path, client_name) in enumerate(files):
                if progress:
                    progress(i / len(files), f"Indexing {client_name} ({i + 1} of {len(files)})")
                try:
                    name = self._check(path, client_name, a)
                    sha = file_sha256(path)
                    if sha in known:
                        detail = f"already indexed as document id {known[sha]}"
                        results.append({"file": name, "status": "unchanged", "detail": detail})
                        continue
                    results.append(self._add_one(a, path, name, bars))
                except UploadRejected as e:
                    results.append({"file": client_name, "status": "rejected", "detail": str(e)})
            if any(r["status"] == "indexed" for r in results):
                if progress:
                    progress(0.95, "Loading the updated index")
                self._set(
                    Assistant.open(a.settings.index_dir, settings=a.settings, embedder=a.embedder, answerer=a.answerer)
                )
        return results

    def _check(self, path: Path, client_name: str, a: Assistant) -> str:
        """The name to save an upload under, or UploadRejected: bad name, too large, or its id is taken."""
        name = upload_name(client_name)
        size = path.stat().st_size
        if size > self.max_upload_bytes:
            raise UploadRejected(f"{human_size(size)} is over the {human_size(self.max_upload_bytes)} upload limit")
        stem = Path(name).stem
        folder = a.settings.documents_dir
        # Two files with one stem would be one document id; the next full ingest would refuse them.
        taken = (
            [
                f.name
                for f in folder.glob("*")
                if f.stem == stem and f.name != name and f.suffix.lower() in SUPPORTED_SUFFIXES
            ]
            if folder.is_dir()
            else []
        )
        known = a.documents.get(stem)
        if known and known.file and known.file != name:
            taken.append(known.file)
        if taken:
            raise UploadRejected(f"document id '{stem}' is already used by {taken[0]}; rename the file")
        return name

    def _add_one(self, a: Assistant, path: Path, name: str, bars: bool) -> dict[str, Any]:
        """Copy one checked upload into the documents folder and ingest it; put things back if it fails."""
        from assistant.embeddings import ModelError
        from assistant.ingest import ingest
        from assistant.loading import LoadError
        from assistant.store import IndexStoreError

        a.settings.documents_dir.mkdir(parents=True, exist_ok=True)
        dest = a.settings.documents_dir / name
        previous = dest.read_bytes() if dest.exists() else None
        try:
            shutil.copyfile(path, dest)
            report = ingest(a.settings, [dest], embedder=a.embedder, progress=bars)
            error = report.skipped[0][1] if report.skipped else ""
        except (LoadError, IndexStoreError, ModelError, OSError) as e:
            error = " ".join(str(e).split())
        if error:
            if previous is None:
                dest.unlink(missing_ok=True)
            else:
                dest.write_bytes(previous)
            return {"file": name, "status": "rejected", "detail": error}
        if dest.stem not in report.indexed:
            return {"file": name, "status": "unchanged", "detail": "already indexed"}
        replaced = " (replaces the earlier version)" if dest.stem in a.documents else ""
        return {"file": name, "status": "indexed", "detail": f"document id {dest.stem}{replaced}"}
