"""When the crawl measures its reference again, and which measurement each page is compared with.

A whole crawl takes forty minutes on a machine shared with other work, whose speed moves by a third within
that time. A reference measured only at the two ends measures the machine then, not while a page in the
middle was loaded. So the trivial view is measured again after every ``every`` pages (0: only at the two
ends), and each page's ratio is to the faster of the two measurements around its stretch of pages: the
same rule the run applies to its two ends, so a slow phase in the reference never flatters a page.
"""

from typing import Protocol


class Throughput(Protocol):
    throughput: float


class Referenced(Protocol):
    reference: Throughput | None


class ReferenceSchedule:
    def __init__(self, every: int, first: Throughput):
        if every < 0:
            raise ValueError("every: a number of pages, 0 for the two ends only")
        self.every, self.before = every, first
        self.stretch: list[Referenced] = []

    def add(self, page: Referenced) -> bool:
        """Take a page just measured; True when the reference is due (measure it, then call ``measured``)."""
        self.stretch.append(page)
        return bool(self.every) and len(self.stretch) >= self.every

    def measured(self, reference: Throughput) -> None:
        """The reference measured after the stretch: its pages get the faster of it and the one before."""
        faster = max(self.before, reference, key=lambda result: result.throughput)
        for page in self.stretch:
            page.reference = faster
        self.before, self.stretch = reference, []
