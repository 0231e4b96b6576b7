"""Differences between two snapshots of an application (revisions, or a revision and the draft)."""

from dataclasses import dataclass


@dataclass
class ItemChange:
    code: str
    title: str
    old_value: str
    new_value: str
    old_narrative: str
    new_narrative: str

    @property
    def value_changed(self) -> bool:
        return self.old_value != self.new_value

    @property
    def narrative_changed(self) -> bool:
        return self.old_narrative != self.new_narrative


@dataclass
class SnapshotDiff:
    items: list[ItemChange]
    evidence_added: list[dict]
    evidence_removed: list[dict]
    old_total: str
    new_total: str

    @property
    def empty(self) -> bool:
        return not (self.items or self.evidence_added or self.evidence_removed) and self.old_total == self.new_total


def snapshot_diff(old: dict, new: dict, titles: dict[str, str]) -> SnapshotDiff:
    old_answers, new_answers = old.get("answers", {}), new.get("answers", {})
    items = []
    position = {code: number for number, code in enumerate(titles)}
    for code in sorted(set(old_answers) | set(new_answers), key=lambda c: position.get(c, 0)):
        before = old_answers.get(code, {})
        after = new_answers.get(code, {})
        change = ItemChange(
            code=code, title=titles.get(code, ""),
            old_value=before.get("value", ""), new_value=after.get("value", ""),
            old_narrative=before.get("narrative", ""), new_narrative=after.get("narrative", ""),
        )
        if change.value_changed or change.narrative_changed:
            items.append(change)
    old_files = {e["sha256"] + e["name"]: e for e in old.get("evidence", [])}
    new_files = {e["sha256"] + e["name"]: e for e in new.get("evidence", [])}
    return SnapshotDiff(
        items=items,
        evidence_added=[e for key, e in new_files.items() if key not in old_files],
        evidence_removed=[e for key, e in old_files.items() if key not in new_files],
        old_total=old.get("score", {}).get("total", ""),
        new_total=new.get("score", {}).get("total", ""),
    )
