"""Each locale's view of the content: its spelling applied, built on first use."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType

from .values import LocaleContent, Topic



class Spelling:
    """Whole-word replacements for one locale (tumor -> tumour)."""

    def __init__(self, words: Mapping[str, str]) -> None:
        self.words = MappingProxyType(dict(words))
        self._pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b") if words else None

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.words[m.group(1)], text)


def _localise(locale: str, spelling: Spelling, *, skill_name: str,
              prompts: Mapping[str, str], closes: Mapping[str, tuple[str, ...]], topics: Mapping[str, Topic],
              emergency_number: str, emergency_spoken: str, crisis_number: str, crisis_spoken: str,
              safety: Mapping[str, str], pronunciations: Mapping[str, str],
              number_sources: Mapping[str, str], source_line: str) -> LocaleContent:
    """Apply a locale's spelling to every text; slot synonyms stay as written."""
    def spell(text: str | None) -> str | None:
        return None if text is None else spelling(text)

    local_topics = {
        topic_id: topic._replace(**{key: spell(getattr(topic, key))
                                    for key in ("title", "name", "summary", "more", "report", "direction")})
        for topic_id, topic in topics.items()
    }
    return LocaleContent(
        locale=locale, emergency_number=emergency_number, emergency_spoken=emergency_spoken,
        crisis_number=crisis_number, crisis_spoken=crisis_spoken, skill_name=skill_name, spelling=spelling,
        prompts=MappingProxyType({k: spelling(v) for k, v in prompts.items()}),
        closes=MappingProxyType({k: tuple(spelling(v) for v in variants) for k, variants in closes.items()}),
        topics=MappingProxyType(local_topics),
        safety=MappingProxyType({k: spelling(v) for k, v in safety.items()}),
        pronunciations=pronunciations, number_sources=number_sources, source_line=source_line,
    )


class LazyLocales(Mapping[str, "LocaleContent"]):
    """The locales, each localised on first use: validated at load, but a cold start only
    spells out the default locale and the one its first request asks for."""

    def __init__(self, builders: Mapping[str, Callable[[], LocaleContent]], first: str) -> None:
        self._builders = dict(builders)
        self._built: dict[str, LocaleContent] = {}
        self[first]  # the default is needed by the error handler, built at load

    def __getitem__(self, locale: str) -> LocaleContent:
        built = self._built.get(locale)
        if built is None:
            built = self._built[locale] = self._builders[locale]()  # KeyError for a locale we lack
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)
