"""The plain recipes a user would otherwise copy from a tutorial, built over the same documents,
so the evaluation can show what raw retrieval gives next to our cited answers."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.documents import Document

from assistant.loading import LoadError, discover, load_document, metadata_for, read_catalog

TUTORIAL_CHUNK_SIZE = 1000
TUTORIAL_CHUNK_OVERLAP = 200


@dataclass
class Baseline:
    """A named retriever returning LangChain Documents (metadata holds `doc_id` and `page`)."""

    name: str
    description: str
    retriever: Any  # .invoke(query) -> list[Document]

    def search(self, query: str, k: int) -> list[Document]:
        self.retriever.k = k
        return list(self.retriever.invoke(query))


def tutorial_documents(documents_dir: Path) -> list[Document]:
    """The corpus as LangChain Documents (one per PDF page or text file), split 1000/200 with
    RecursiveCharacterTextSplitter as the tutorials do."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    catalog = read_catalog(documents_dir)
    pages: list[Document] = []
    for path in discover([documents_dir]):
        try:
            loaded = load_document(path, metadata_for(path, catalog))
        except LoadError:
            continue
        pages += [
            Document(page_content=s.text, metadata={"doc_id": s.doc_id, "page": s.page})
            for s in loaded.sections
            if s.text.strip()
        ]
    splitter = RecursiveCharacterTextSplitter(chunk_size=TUTORIAL_CHUNK_SIZE, chunk_overlap=TUTORIAL_CHUNK_OVERLAP)
    return splitter.split_documents(pages)


def langchain_recipe(chunks: list[Document], model_path: str) -> Baseline:
    """RecursiveCharacterTextSplitter 1000/200, the same embedding model through
    HuggingFaceEmbeddings, an in-memory FAISS store, `similarity_search` top-k."""
    from langchain_huggingface import HuggingFaceEmbeddings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from langchain_community.vectorstores import FAISS

    embeddings = HuggingFaceEmbeddings(model_name=model_path, model_kwargs={"device": "cpu"})
    store = FAISS.from_documents(chunks, embeddings)
    return Baseline(
        "langchain-recipe",
        "RecursiveCharacterTextSplitter 1000/200 + FAISS (same model), top-k",
        store.as_retriever(search_kwargs={"k": 4}),
    )


class _VectorRetrieverK:
    """Lets `Baseline.search` set k on a VectorStoreRetriever (its k lives in search_kwargs)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    @property
    def k(self) -> int:
        return int(self.inner.search_kwargs.get("k", 4))

    @k.setter
    def k(self, value: int) -> None:
        self.inner.search_kwargs["k"] = value

    def invoke(self, query: str) -> list[Document]:
        return list(self.inner.invoke(query))


def bm25_alone(chunks: list[Document]) -> Baseline:
    """LangChain's BM25Retriever with its default preprocessing over the same 1000/200 chunks."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from langchain_community.retrievers import BM25Retriever

    return Baseline(
        "bm25",
        "BM25Retriever (default tokenizer) over the same 1000/200 chunks",
        BM25Retriever.from_documents(chunks, k=4),
    )


def build_baselines(documents_dir: Path, model_path: str) -> list[Baseline]:
    chunks = tutorial_documents(documents_dir)
    recipe = langchain_recipe(chunks, model_path)
    recipe.retriever = _VectorRetrieverK(recipe.retriever)
    return [recipe, bm25_alone(chunks)]
