"""Checking real documents against the protocol's JSON Schemas, with the registry the node
itself checks incoming bodies with (council.federation.inbound)."""

from __future__ import annotations

from typing import Any

from council.federation import inbound


def violations(name: str, instance: Any) -> list[str]:
    """Where `instance` breaks schemas/v1/<name>.json: "path: message" lines (empty: valid)."""
    validator = inbound._validator(name)
    assert validator is not None, f"no schema {name}"
    return sorted(
        f"{'.'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(instance)
    )
