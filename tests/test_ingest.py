"""Incremental ingest: only new or changed files are embedded; deletions and bad files handled."""

from __future__ import annotations

import json

import pytest

from assistant.config import Settings
from assistant.ingest import ingest
from assistant.store import load_index
from tests.conftest import HashEmbedder


def test_reingest_embeds_only_the_changed_file(fake_settings: Settings) -> None:
    first = HashEmbedder()
    report = ingest(fake_settings, embedder=first, progress=False)
    assert report.documents == 5 and report.embedded == report.chunks
    assert len(first.seen) == report.embedded + report.embedded_sentences + report.embedded_terms
    assert report.embedded_terms == len(load_index(fake_settings.index_dir).vocabulary)
    before = {w for _, w in load_index(fake_settings.index_dir).vocabulary}

    again = HashEmbedder()
    report = ingest(fake_settings, embedder=again, progress=False)
    assert report.up_to_date and again.seen == []

    changed = fake_settings.documents_dir / "st-lucia-fact-sheet.txt"
    changed.write_text(changed.read_text() + "\n\nSt. Lucia received a new patrol vessel in 2025.\n")
    third = HashEmbedder()
    report = ingest(fake_settings, embedder=third, progress=False)
    assert report.indexed == ["st-lucia-fact-sheet"]
    assert len(report.unchanged) == 4 and "st-lucia-fact-sheet" not in report.unchanged
    assert report.embedded > 0
    assert len(third.seen) == report.embedded + report.embedded_sentences + report.embedded_terms
    chunk_texts = third.seen[: report.embedded]
    assert all(t.startswith("The Caribbean Basin Security Initiative: St. Lucia") for t in chunk_texts)
    new_sentences = third.seen[report.embedded : report.embedded + report.embedded_sentences]
    assert new_sentences == ["St. Lucia received a new patrol vessel in 2025."]  # the one new sentence
    new_words = third.seen[report.embedded + report.embedded_sentences :]  # only words not indexed before
    assert new_words and not set(new_words) & before and set(new_words) <= {"received", "new", "patrol", "vessel"}
    data = load_index(fake_settings.index_dir)
    assert any("patrol vessel" in c.text for c in data.chunks)
    assert len({c.id for c in data.chunks}) == len(data.chunks)


def test_deleted_file_is_dropped(fake_settings: Settings) -> None:
    ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    (fake_settings.documents_dir / "eastern-caribbean-partnership-2016.txt").unlink()
    report = ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    assert report.removed == ["eastern-caribbean-partnership-2016"]
    data = load_index(fake_settings.index_dir)
    assert "eastern-caribbean-partnership-2016" not in data.documents
    assert all(c.doc_id != "eastern-caribbean-partnership-2016" for c in data.chunks)


def test_bad_file_is_skipped_and_old_version_kept(fake_settings: Settings) -> None:
    ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    before = load_index(fake_settings.index_dir)
    docs = fake_settings.documents_dir
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (docs / "notes.docx").write_bytes(b"PK\x03\x04")
    (docs / "good-new.md").write_text("# Radar upgrade\n\nThe radar upgrade finished in 2025.\n")
    (docs / "joint-action-statement-2017.txt").write_bytes(b"\x00\x01binary now")  # was good, now unreadable
    report = ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    reasons = dict((p.rsplit("/", 1)[-1], r) for p, r in report.skipped)
    assert set(reasons) == {"broken.pdf", "notes.docx", "joint-action-statement-2017.txt"}
    assert "not a readable PDF" in reasons["broken.pdf"] and "unsupported" in reasons["notes.docx"]
    assert report.indexed == ["good-new"]
    data = load_index(fake_settings.index_dir)
    assert data.documents["good-new"].title == "Radar upgrade"
    old_jas = [c.id for c in before.chunks if c.doc_id == "joint-action-statement-2017"]
    assert [c.id for c in data.chunks if c.doc_id == "joint-action-statement-2017"] == old_jas


def test_catalog_metadata_change_updates_title_without_touching_others(fake_settings: Settings) -> None:
    ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    catalog_path = fake_settings.documents_dir / "catalog.json"
    catalog = json.loads(catalog_path.read_text())
    catalog["st-lucia-fact-sheet"]["title"] = "CBSI: St. Lucia (revised title)"
    catalog_path.write_text(json.dumps(catalog))
    emb = HashEmbedder()
    report = ingest(fake_settings, embedder=emb, progress=False)
    assert report.indexed == ["st-lucia-fact-sheet"]
    assert report.embedded and report.embedded_sentences == 0  # sentences are embedded without the title
    assert all(t.startswith("CBSI: St. Lucia (revised title)") for t in emb.seen[: report.embedded])
    assert set(emb.seen[report.embedded :]) <= {"revised", "title"}  # the title's new words, nothing else
    assert load_index(fake_settings.index_dir).documents["st-lucia-fact-sheet"].title.endswith("(revised title)")


@pytest.mark.parametrize("key", ["repair", "metadata"])
def test_an_index_from_before_text_repair_or_metadata_reading_is_rebuilt(fake_settings: Settings, key: str) -> None:
    ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    manifest_path = fake_settings.index_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["chunking"][key]  # as written before extracted text was repaired, or dates read to the month
    manifest_path.write_text(json.dumps(manifest))
    report = ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    assert not report.up_to_date and len(report.indexed) == 5
    assert "rebuilding: model or chunking settings changed" in report.notes


def test_a_new_sentence_splitter_rebuilds_the_index(fake_settings: Settings) -> None:
    ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    manifest_path = fake_settings.index_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["chunking"]["splitter"] -= 1  # as written by the previous version of the splitter
    manifest_path.write_text(json.dumps(manifest))
    report = ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    assert not report.up_to_date and len(report.indexed) == 5
    assert "rebuilding: model or chunking settings changed" in report.notes
