"""The reference path: ruamel.yaml's safe loader, YAML 1.2 (C parser from ``ruamel.yaml.clib`` when
installed, the pure-Python parser as second opinion); every error worded in German by
:mod:`digistrat.loading.yamlerrors`."""

from __future__ import annotations

from typing import Any

from digistrat.loading.yamlerrors import translate

_ruamel = None
_ruamel_pure = None


def _ruamel_yaml(pure: bool):
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    class Yaml12Constructor(SafeConstructor):
        """ruamel keeps YAML 1.1's ``=`` (value) resolver; in YAML 1.2 a lone ``=`` is plain text."""

    Yaml12Constructor.add_constructor("tag:yaml.org,2002:value", SafeConstructor.construct_yaml_str)
    y = YAML(typ="safe", pure=pure)  # pure=False: the C parser when ruamel.yaml.clib is installed
    y.Constructor = Yaml12Constructor
    return y


def ruamel_loader():
    global _ruamel
    if _ruamel is None:
        _ruamel = _ruamel_yaml(pure=False)
    return _ruamel


def _ruamel_pure_loader():
    global _ruamel_pure
    if _ruamel_pure is None:
        _ruamel_pure = _ruamel_yaml(pure=True)
    return _ruamel_pure


def load_ruamel(text: str) -> Any:
    loader = ruamel_loader()
    try:
        return loader.load(text)
    except Exception as exc:  # YAMLError, or e.g. a ValueError for 2023-02-30; never a traceback
        if "CParser" in repr(getattr(loader, "Parser", "")):
            # ruamel.yaml.clib is an old libyaml: it refuses plain scalars with ":" inside [ ] and { }
            # ([1:20], [https://…]) that YAML 1.2 and the pure-Python parser accept. Errors are rare,
            # so a second opinion costs nothing on the clean path.
            try:
                return _ruamel_pure_loader().load(text)
            except Exception:
                pass  # a real error: word the C parser's message, as always
        raise translate(exc, text) from None
