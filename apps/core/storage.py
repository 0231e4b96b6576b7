import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT/<subdir> with no URL: only permission-checked views serve them.

    The location is read from settings on every use, so a changed
    PRIVATE_MEDIA_ROOT (tests, deployments) is honoured. Model fields name a
    module-level callable returning one of these, so migrations record no
    machine's path.
    """

    def __init__(self, subdir: str):
        self.subdir = subdir
        super().__init__()

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT / self.subdir)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None
