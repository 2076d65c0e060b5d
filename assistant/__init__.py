"""CBSI document assistant: cited answers from official documents, offline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Answer", "Assistant", "Chunk", "Citation", "Hit", "Settings", "__version__"]

if TYPE_CHECKING:
    from assistant.api import Assistant
    from assistant.config import Settings
    from assistant.records import Answer, Chunk, Citation, Hit


def __getattr__(name: str) -> Any:
    # Lazy, so `cbsi --help` and `import assistant` stay instant.
    if name == "Assistant":
        from assistant.api import Assistant

        return Assistant
    if name == "Settings":
        from assistant.config import Settings

        return Settings
    if name in ("Answer", "Chunk", "Citation", "Hit"):
        from assistant import records

        return getattr(records, name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
