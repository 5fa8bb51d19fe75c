"""Where the user has been: locations and a back/forward history (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, replace

MAX_HISTORY = 200


@dataclass(frozen=True)
class Location:
    kind: str  # "document" | "objective"
    id: str  # a document id, or an objective number as text
    anchor: str | None = None  # a passage id (or "s:<section id>") within a document

    def to_text(self) -> str:
        return "|".join([self.kind, self.id, self.anchor or ""])

    @classmethod
    def from_text(cls, text: str) -> Location | None:
        parts = (text or "").split("|")
        if len(parts) != 3 or parts[0] not in ("document", "objective") or not parts[1]:
            return None
        return cls(parts[0], parts[1], parts[2] or None)

    def with_anchor(self, anchor: str | None) -> Location:
        return replace(self, anchor=anchor)


class History:
    def __init__(self) -> None:
        self.back_stack: list[Location] = []
        self.forward_stack: list[Location] = []
        self.current: Location | None = None

    def visit(self, loc: Location) -> None:
        if loc == self.current:
            return
        if self.current is not None:
            self.back_stack.append(self.current)
            del self.back_stack[:-MAX_HISTORY]
        self.forward_stack.clear()
        self.current = loc

    def update_current(self, loc: Location) -> None:
        """Record where the user scrolled to, without making a new entry."""
        self.current = loc

    def can_back(self) -> bool:
        return bool(self.back_stack)

    def can_forward(self) -> bool:
        return bool(self.forward_stack)

    def back(self) -> Location | None:
        if not self.back_stack:
            return None
        if self.current is not None:
            self.forward_stack.append(self.current)
        self.current = self.back_stack.pop()
        return self.current

    def forward(self) -> Location | None:
        if not self.forward_stack:
            return None
        if self.current is not None:
            self.back_stack.append(self.current)
        self.current = self.forward_stack.pop()
        return self.current
