"""Light scanning of KQL text for the magics: names a query declares as parameters and
identifiers it mentions. The query is never rewritten; these only decide which Python
values to pass alongside it."""

import re

__all__ = ["declared_parameters", "identifiers"]

_DECLARE = re.compile(r"\bdeclare\s+query_parameters\s*\(")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def _skip_literal(text, i):
    """Index after the string literal or comment starting at i, or i when there is none."""
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if text.startswith("```", i):
        end = text.find("```", i + 3)
        return len(text) if end < 0 else end + 3
    quote = text[i]
    verbatim = quote in "'\"" and i > 0 and text[i - 1] in "@hH" and (
        i < 2 or not (text[i - 2].isalnum() or text[i - 2] == "_"))
    if quote not in "'\"":
        return i
    j = i + 1
    while j < len(text):
        if text[j] == "\\" and not verbatim:
            j += 2
            continue
        if text[j] == quote:
            return j + 1
        j += 1
    return len(text)


def _code_spans(text):
    """(start, end) ranges of text outside string literals and comments."""
    spans, start, i = [], 0, 0
    while i < len(text):
        after = _skip_literal(text, i)
        if after != i:
            spans.append((start, i))
            start = i = after
        else:
            i += 1
    spans.append((start, len(text)))
    return spans


def identifiers(text):
    """Set of identifiers outside strings and comments."""
    found = set()
    for start, end in _code_spans(text):
        found.update(_IDENTIFIER.findall(text, start, end))
    return found


def declared_parameters(text):
    """Names in the query's `declare query_parameters(name:type [= default], ...)`."""
    names = []
    for match in _DECLARE.finditer(text):
        depth, i, item_start, items = 1, match.end(), match.end(), []
        while i < len(text) and depth:
            after = _skip_literal(text, i)
            if after != i:
                i = after
                continue
            char = text[i]
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
                if depth == 0:
                    items.append(text[item_start:i])
            elif char == "," and depth == 1:
                items.append(text[item_start:i])
                item_start = i + 1
            i += 1
        for item in items:
            name = item.split(":", 1)[0].strip()
            if name.startswith("[") and name.endswith("]"):
                name = name[1:-1].strip().strip("'\"")
            if name:
                names.append(name)
    return names
