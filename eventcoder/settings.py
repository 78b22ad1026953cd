"""Settings: the packaged defaults, overlaid by a user TOML file, overlaid by flags."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from eventcoder.errors import EC001_UNKNOWN_SETTING, EC002_BAD_SETTING_VALUE, ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option eventcoder reads (documented in default_settings.toml)."""

    model: str = "auto"
    batch_size: int = 32
    n_process: int = 1
    chunk_chars: int = 50000
    background_window_days: int = 60
    kb_paths: tuple[str, ...] = field(default_factory=tuple)


_KEYS = {
    ("parse", "model"): ("model", str),
    ("parse", "batch_size"): ("batch_size", int),
    ("parse", "n_process"): ("n_process", int),
    ("parse", "chunk_chars"): ("chunk_chars", int),
    ("dates", "background_window_days"): ("background_window_days", int),
    ("actors", "kb_paths"): ("kb_paths", list),
}


def _overlay(values: dict[str, Any], table: dict[str, Any], origin: str) -> None:
    for section, body in table.items():
        if not isinstance(body, dict):
            raise ConfigError(f"{origin}: [{section}] must be a table. Fix: see "
                              "eventcoder/default_settings.toml for the layout.",
                              code=EC002_BAD_SETTING_VALUE)  # fmt: skip
        for key, value in body.items():
            if (section, key) not in _KEYS:
                known = ", ".join(f"{s}.{k}" for s, k in _KEYS)
                raise ConfigError(f"{origin}: unknown setting {section}.{key}. Known: {known}.",
                                  code=EC001_UNKNOWN_SETTING)  # fmt: skip
            name, kind = _KEYS[(section, key)]
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise ConfigError(f"{origin}: {section}.{key} must be {kind.__name__}, "
                                  f"got {value!r}.", code=EC002_BAD_SETTING_VALUE)  # fmt: skip
            values[name] = tuple(value) if isinstance(value, list) else value


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the user file at ``path``, then keyword overrides (CLI flags)."""
    values: dict[str, Any] = {}
    default = resources.files("eventcoder").joinpath("default_settings.toml").read_text("utf-8")
    _overlay(values, tomllib.loads(default), "default_settings.toml")
    if path is not None:
        try:
            table = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read settings ({exc}). Fix the file or the path.",
                              code=EC002_BAD_SETTING_VALUE) from None  # fmt: skip
        _overlay(values, table, str(path))
    values.update({k: v for k, v in overrides.items() if v is not None})
    names = {f.name for f in dataclasses.fields(Settings)}
    unknown = set(values) - names
    if unknown:
        raise ConfigError(f"unknown settings {sorted(unknown)}.", code=EC001_UNKNOWN_SETTING)
    return Settings(**values)
