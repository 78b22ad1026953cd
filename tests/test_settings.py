from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import ConfigError
from eventcoder.settings import load_settings


def test_settings_defaults_then_user_file_then_flags(tmp_path: Path) -> None:
    user = tmp_path / "s.toml"
    user.write_text("[parse]\nbatch_size = 8\n", encoding="utf-8")
    s = load_settings(user, n_process=2)
    assert (s.batch_size, s.n_process, s.model) == (8, 2, "auto")


def test_settings_unknown_key_is_coded(tmp_path: Path) -> None:
    user = tmp_path / "s.toml"
    user.write_text("[parse]\nbatchsize = 8\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[EC001\].*parse.batchsize"):
        load_settings(user)


def test_settings_wrong_type_is_coded(tmp_path: Path) -> None:
    user = tmp_path / "s.toml"
    user.write_text('[parse]\nbatch_size = "big"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[EC002\]"):
        load_settings(user)
