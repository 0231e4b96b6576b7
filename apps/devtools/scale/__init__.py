"""A deterministic synthetic province for benchmarks (``manage.py seed_scale``).

One module per concern: ``province`` (regions), ``registry`` (units),
``people`` (logins), ``campaigns`` (applications, answers, history),
``outcomes`` (panels, titles, incentives), ``risks`` (risk events);
``bulk`` holds the COPY helpers they share. Every module draws from its own
``random.Random`` seeded from the command's seed and its own name, so the same
seed gives the same province and changing one part does not reshuffle another.
"""
