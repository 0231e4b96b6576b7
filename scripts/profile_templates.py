"""Python CPU per request spent rendering the page's templates, next to the request's whole CPU, in-process.

The same users and settings as scripts/profile_lists.py (whose helpers it uses); the template time is the
process time inside the outermost template render, including what the template evaluates lazily (a select's
choices, a queryset looped over in the template):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hlr_bench REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python scripts/profile_templates.py [--repeat 7] [--only county,city:/enterprises/new/]

Without ``--only``: the list pages of the county admin, the city admin and the township staff, the enterprise
form and the consultation form. Reads only.
"""

import argparse
import logging
import statistics
import time

import profile_lists  # sets Django up with the production settings
from django.template.backends import django as backend

PAGES = [
    "/registry/units/",
    "/applications/",
    "/recognitions/",
    "/risks/",
    "/incentives/",
    "/training/",
    "/accounts/users/",
    "/reviews/city/",
    "/enterprises/new/",
    "/opinions/send/",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only", default="county,city,township", help="roles, or role:path pairs")
    args = parser.parse_args()
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a role's 403s are skipped, not logged
    inside = {"depth": 0, "cpu": 0.0}
    render = backend.Template.render

    def timed_render(self, context=None, request=None):
        inside["depth"] += 1
        start = time.process_time()
        try:
            return render(self, context, request)
        finally:
            inside["depth"] -= 1
            if inside["depth"] == 0:
                inside["cpu"] += time.process_time() - start

    backend.Template.render = timed_render
    roles, values = profile_lists.targets()
    wanted = [item for item in args.only.split(",") if item]
    for role, (username, _pages) in roles.items():
        paths = [item.split(":", 1)[1] for item in wanted if item.startswith(f"{role}:")]
        if role in wanted:
            paths = PAGES + [path for path in paths if path not in PAGES]
        if not paths:
            continue
        client = profile_lists.signed_in(username)
        for page in paths:
            path = page.format(**values)
            if client.get(path).status_code != 200:
                continue  # not this role's page
            templates, requests = [], []
            for _ in range(args.repeat):
                inside["cpu"] = 0.0
                start = time.process_time()
                client.get(path)
                requests.append(time.process_time() - start)
                templates.append(inside["cpu"])
            print(
                f"{role:11} {path:24} templates {statistics.median(templates) * 1000:6.1f} ms  "
                f"request CPU {statistics.median(requests) * 1000:6.1f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
